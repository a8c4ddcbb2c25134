"""The parts of benchmarks/pipeline.py: the plain-Tesseract baseline (baseline), the `muragat ingest` runs
(runs), the report (report) and what they share (common)."""
