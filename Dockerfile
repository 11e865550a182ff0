# migreview GitHub App: `uvicorn bot.app:app`, configured through MIGREVIEW_* environment variables.

# --- build: a wheel of migreview with the bot's dependencies, in a virtualenv ---
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml README.md ./
COPY reviewer ./reviewer
COPY bot ./bot
RUN pip install ".[bot]"

# --- runtime: the virtualenv only, run by an unprivileged user ---
FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MIGREVIEW_DATA_DIR=/var/lib/migreview
RUN groupadd --system --gid 10001 migreview \
    && useradd --system --uid 10001 --gid migreview --home-dir /nonexistent --shell /usr/sbin/nologin migreview \
    && mkdir -p /var/lib/migreview \
    && chown migreview:migreview /var/lib/migreview
COPY --from=build /opt/venv /opt/venv
USER migreview:migreview
WORKDIR /var/lib/migreview
# The SQLite queue and the blob cache live here: mount a volume so queued jobs survive a new container.
VOLUME ["/var/lib/migreview"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
# One process per container: scale with more containers (and MIGREVIEW_QUEUE_URL=redis://...).
ENTRYPOINT ["uvicorn", "bot.app:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers", "--no-server-header", "--no-access-log"]
