FROM python:3.11-slim-bookworm
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY muragat muragat
COPY storage storage
COPY ingest ingest
COPY ocr ocr
COPY matching matching
COPY review_ui review_ui
RUN pip install --no-cache-dir . && mkdir /data && chown nobody /data
ENV OMP_THREAD_LIMIT=1 MURAGAT_HOME=/data
USER nobody
CMD ["muragat", "serve", "--host", "0.0.0.0"]
