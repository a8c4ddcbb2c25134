"""The limits an upload is read within: pixels per page, pages per file, seconds of reading. Each
refusal is a `FileTooLarge` that names the file, says what is over the limit and what to do."""

from __future__ import annotations

import time

from muragat.errors import FileTooLarge


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1e6:.1f} megapixels"


def check_pixels(filename: str, what: str, width: int, height: int, max_pixels: int, hint: str) -> None:
    if width * height > max_pixels:
        raise FileTooLarge(
            f"{filename}: {what} is {width}x{height} pixels ({_megapixels(width * height)}), over the "
            f"limit of {_megapixels(max_pixels)}. {hint}"
        )


def check_pages(filename: str, pages: int, max_pages: int, *, counted_all: bool) -> None:
    if pages > max_pages:
        found = f" ({pages})" if counted_all else ""
        raise FileTooLarge(
            f"{filename}: the file has more than {max_pages} pages{found}, over the limit. "
            "Split it into smaller files and upload them one by one."
        )


def check_time(filename: str, started: float, max_seconds: float | None, pages: int) -> None:
    if max_seconds is not None and time.monotonic() - started > max_seconds:
        raise FileTooLarge(
            f"{filename}: reading its pages took longer than the limit of {max_seconds:g} seconds "
            f"(stopped after page {pages}). Split it into smaller files and upload them one by one."
        )
