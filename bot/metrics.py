"""Prometheus metrics: webhooks by outcome, jobs, and GitHub API calls with their latency."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

WEBHOOKS = Counter(
    "migreview_webhooks_total",
    "Webhook deliveries received, by event and outcome.",
    ["event", "outcome"],
    registry=REGISTRY,
)
WEBHOOK_SECONDS = Histogram(
    "migreview_webhook_seconds",
    "Time to acknowledge a webhook delivery.",
    buckets=(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1.0),
    registry=REGISTRY,
)
JOBS = Counter(
    "migreview_jobs_total",
    "Review jobs, by outcome (enqueued, duplicate, succeeded, retried, failed).",
    ["outcome"],
    registry=REGISTRY,
)
JOB_SECONDS = Histogram(
    "migreview_job_seconds",
    "Duration of one review job attempt.",
    buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
    registry=REGISTRY,
)
GITHUB_CALLS = Counter(
    "migreview_github_api_calls_total",
    "Requests to GitHub's API, by endpoint and status (or error class).",
    ["endpoint", "status"],
    registry=REGISTRY,
)
GITHUB_SECONDS = Histogram(
    "migreview_github_api_seconds",
    "Latency of requests to GitHub's API, by endpoint.",
    ["endpoint"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=REGISTRY,
)
QUEUE_JOBS = Gauge(
    "migreview_queue_jobs",
    "Jobs in the queue by status (pending, running, failed, done; Redis: queued), read at scrape time.",
    ["status"],
    registry=REGISTRY,
)
