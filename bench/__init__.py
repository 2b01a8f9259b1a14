"""Bench-only helpers: settings, URLconf and the page throughput script (bench/pages.py)."""
