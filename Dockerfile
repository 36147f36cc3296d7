FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DATABASE_PATH=/data/newsdigest.sqlite3

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY core ./core
COPY digest ./digest
COPY storage ./storage
COPY newsdigest ./newsdigest
RUN pip install . && useradd --create-home --uid 1000 newsdigest \
    && mkdir -p /data && chown newsdigest /data \
    # fail the build, not the first upload, if the models cannot load
    && python -c "from digest import nlp; nlp.models()"

USER newsdigest
VOLUME ["/data"]
# long polling; stops cleanly on SIGTERM (docker stop). `docker run … newsdigest demo` also works
CMD ["python", "-m", "bot"]
