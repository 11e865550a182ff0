"""Load run for the GitHub App on loopback: webhook acknowledgement latency and webhook-to-review time.

    python benchmarks/bot_load.py [--rate 200] [--seconds 30] [--e2e-runs 10]

1. Baseline: a bare ASGI endpoint on uvicorn answering 202, driven at ``--rate`` requests/s for
   ``--seconds`` (open loop: each request is due at a fixed time, latency counts from that time).
2. The bot (``uvicorn bot.app:app`` in its own process, SQLite queue) under the same load with signed
   ``pull_request`` deliveries (each a new delivery id; the same pull request and commit, so one review job).
3. End to end: a signed webhook for a pull request adding 5 unsafe migrations, timed until the review is
   posted on the GitHub stand-in (tests/bot/github_standin.py), repeated ``--e2e-runs`` times.

Everything binds to 127.0.0.1 and stops by itself. Targets (issue 5): p99 <= 20 ms with 0 errors at
200/s; webhook to review <= 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import signature  # noqa: E402
from tests.bot.github_standin import GitHubStandIn, ServerThread  # noqa: E402
from tests.bot.migration_files import BASE, INITIAL  # noqa: E402

SECRET = "benchmark secret"
APP_ID = "4242"
FIXTURE = ROOT / "tests" / "bot" / "fixtures" / "pull_request_opened.json"
KEEPALIVE_EXPIRY = 4.0


async def baseline_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The floor: uvicorn plus reading the body, nothing else."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 202, "headers": [(b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(app: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=0.5)
            return process
        except httpx.HTTPError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"{app} did not start")


def pull_request_body(number: int, head_sha: str) -> bytes:
    payload = json.loads(FIXTURE.read_text())
    payload["number"] = payload["pull_request"]["number"] = number
    payload["pull_request"]["head"]["sha"] = head_sha
    payload["installation"]["id"] = 1
    return json.dumps(payload).encode()


class Connection:
    """One keep-alive HTTP/1.1 connection; a bare client so the load generator's own cost stays small."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.last_used = time.monotonic()

    async def post(self, request: bytes) -> int:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length:
            await self.reader.readexactly(length)
        return status


async def load(url: str, body: bytes, rate: float, seconds: float) -> tuple[list[float], int, dict[int, int]]:
    """Open-loop load: request i is due at start + i/rate; latency counts from when it was due."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors = 0
    head = (
        f"POST /webhook HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"X-GitHub-Event: pull_request\r\nX-Hub-Signature-256: {signature.sign(SECRET.encode(), body)}\r\n"
        f"Content-Length: {len(body)}\r\n"
    )
    idle: list[Connection] = []
    kinds: dict[str, int] = {}

    async def one(due: float) -> None:
        nonlocal errors
        request = (head + f"X-GitHub-Delivery: {uuid.uuid4()}\r\n\r\n").encode() + body
        try:
            connection = None
            while idle and connection is None:
                connection = idle.pop()
                if time.monotonic() - connection.last_used > KEEPALIVE_EXPIRY:
                    # uvicorn closes a connection idle for 5 s; reusing one then would race with its close.
                    connection.writer.close()
                    connection = None
            if connection is None:
                connection = Connection(*await asyncio.open_connection(host, int(port)))
            status = await asyncio.wait_for(connection.post(request), 5)
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as error:
            errors += 1
            kinds[type(error).__name__] = kinds.get(type(error).__name__, 0) + 1
            return
        latencies.append(time.perf_counter() - due)
        statuses[status] = statuses.get(status, 0) + 1
        if status >= 300:
            errors += 1
        connection.last_used = time.monotonic()
        idle.append(connection)

    total = int(rate * seconds)
    start = time.perf_counter() + 0.1
    tasks = []
    for i in range(total):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(due)))
    await asyncio.gather(*tasks)
    for connection in idle:
        connection.writer.close()
    for kind, count in kinds.items():
        print(f"    client errors: {count} x {kind}")
    return latencies, errors, statuses


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def unsafe_migration(i: int, previous: str) -> str:
    return f'''from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "{previous}"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="code_{i}",
            field=models.CharField(max_length=10),
        ),
    ]
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--e2e-runs", type=int, default=10)
    parser.add_argument("--fsync", action="store_true", help="run the bot with MIGREVIEW_QUEUE_FSYNC=true")
    args = parser.parse_args()

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    standin = GitHubStandIn(key.public_key(), APP_ID)
    with tempfile.TemporaryDirectory() as data, ServerThread(standin.app) as github:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": f"{ROOT}{os.pathsep}{Path(__file__).resolve().parent}",
            "MIGREVIEW_APP_ID": APP_ID,
            "MIGREVIEW_PRIVATE_KEY": pem,
            "MIGREVIEW_WEBHOOK_SECRET": SECRET,
            "MIGREVIEW_GITHUB_API_URL": github.url,
            "MIGREVIEW_DATA_DIR": data,
            "MIGREVIEW_QUEUE_FSYNC": "true" if args.fsync else "false",
        }
        head = standin.add_pull("Codertocat", "Hello-World", 1, BASE, {**BASE, "shop/migrations/0002_x.py": INITIAL})
        body = pull_request_body(1, head)

        print(
            f"load: {args.rate:.0f} requests/s for {args.seconds:.0f} s, loopback, open loop, keep-alive connections"
            f" (SQLite queue fsync per commit: {'on' if args.fsync else 'off'})"
        )
        results = {}
        for name, app in (("baseline (bare ASGI 202)", "bot_load:baseline_app"), ("bot /webhook", "bot.app:app")):
            port = free_port()
            process = serve(app, port, env)
            try:
                latencies, errors, statuses = asyncio.run(
                    load(f"http://127.0.0.1:{port}/webhook", body, args.rate, args.seconds)
                )
            finally:
                process.terminate()
                process.wait(timeout=10)
            results[name] = latencies
            p50, p99 = percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000
            print(
                f"  {name:26s} n={len(latencies):5d} errors={errors} p50={p50:6.2f} ms p99={p99:6.2f} ms "
                f"max={max(latencies) * 1000:6.2f} ms statuses={statuses}"
            )
        base, bot = results["baseline (bare ASGI 202)"], results["bot /webhook"]
        print(
            f"  ratio bot/baseline: p50 x{percentile(bot, 50) / percentile(base, 50):.2f}, "
            f"p99 x{percentile(bot, 99) / percentile(base, 99):.2f}"
        )

        print(f"end to end: webhook -> review posted, pull request with 5 migrations, {args.e2e_runs} runs")
        port = free_port()
        process = serve("bot.app:app", port, env)
        timings = []
        try:
            for run in range(args.e2e_runs):
                number = 100 + run
                migrations = {}
                previous = "0001_initial"
                for i in range(2, 7):
                    name = f"{i:04d}_code_{i}"
                    migrations[f"shop/migrations/{name}.py"] = unsafe_migration(i, previous)
                    previous = name
                sha = standin.add_pull("Codertocat", "Hello-World", number, BASE, {**BASE, **migrations})
                before = len(standin.reviews)
                payload = pull_request_body(number, sha)
                headers = {
                    "X-GitHub-Event": "pull_request",
                    "X-GitHub-Delivery": str(uuid.uuid4()),
                    "X-Hub-Signature-256": signature.sign(SECRET.encode(), payload),
                }
                started = time.perf_counter()
                response = httpx.post(f"http://127.0.0.1:{port}/webhook", content=payload, headers=headers)
                assert response.status_code == 202, response.text
                while len(standin.reviews) == before:
                    if time.perf_counter() - started > 30:
                        raise RuntimeError("no review within 30 s")
                    time.sleep(0.001)
                timings.append(time.perf_counter() - started)
                assert len(standin.reviews[-1]["_comments"]) == 5, "expected one comment per migration"
        finally:
            process.terminate()
            process.wait(timeout=10)
        print(
            f"  first (cold) {timings[0] * 1000:.0f} ms; median {statistics.median(timings) * 1000:.0f} ms; "
            f"max {max(timings) * 1000:.0f} ms (5 comments per review)"
        )


if __name__ == "__main__":
    main()
