# Pinned base: a rebuild months later gets the same Python and Debian.
FROM python:3.11.7-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DATABASE_PATH=/data/newsdigest.sqlite3 \
    HEARTBEAT_FILE=/tmp/newsdigest.heartbeat

WORKDIR /app
# Dependencies first, from pyproject.toml alone: changing the code does not rebuild this
# (large: natasha's models, numpy) layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && useradd --create-home --uid 1000 newsdigest \
    && mkdir -p /data && chown newsdigest /data

# Then the code, installed without touching the dependencies.
COPY README.md ./
COPY bot ./bot
COPY core ./core
COPY digest ./digest
COPY storage ./storage
COPY newsdigest ./newsdigest
# fail the build, not the first upload, if the models cannot load
RUN pip install --no-deps . && python -c "from digest import nlp; nlp.models()"

USER newsdigest
VOLUME ["/data"]
# the scheduler touches HEARTBEAT_FILE every 30 s; older than 2 minutes means stuck
HEALTHCHECK --interval=60s --timeout=10s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import os, sys, time; p = os.environ['HEARTBEAT_FILE']; sys.exit(0 if os.path.exists(p) and time.time() - os.path.getmtime(p) < 120 else 1)"]
# long polling; stops cleanly on SIGTERM (docker stop). `docker run … newsdigest demo` also works
CMD ["python", "-m", "bot"]
