"""PDF uploads through PDFium, in a child process of their own (`ocr/render_child.py`): opened (a
password-protected or encrypted one refused by name), each page's size checked at the rendering
resolution and its content (the drawing instructions, decoded) measured against a limit before it is
loaded, and the pages rendered one at a time.

The child runs under an address-space limit (`RLIMIT_AS`) and a clock: a page that needs more memory or
time kills the child, never the process that asked, and becomes a `FileTooLarge` naming the page and the
limit. A file error is final: the document ends failed, it is not tried again.
"""

from __future__ import annotations

import io
import math
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from PIL import Image

from muragat.errors import CorruptFile, EncryptedPdf, FileTooLarge, MuragatError
from muragat.messages import Message
from muragat.messages.catalog.files_read import Code
from muragat.settings import get_settings
from ocr.render_child import read_frame, write_frame
from ocr.upload_limits import check_content, check_pages, check_pixels, check_time

CHILD = Path(__file__).with_name("render_child.py")
MiB = 1024 * 1024


@dataclass(frozen=True)
class PdfLimits:
    """What one PDF page may cost: decoded content bytes, memory of the renderer, seconds to render
    (in the worker; at upload the file's `max_inspect_seconds`). The defaults are the settings'."""

    max_content_bytes: int = 2 * MiB
    memory_mb: int = 768
    seconds: float = 60.0


def configured_limits() -> PdfLimits:
    """The limits of this process's settings (`max_page_content_bytes`, `max_render_memory_mb`,
    `max_render_seconds`): those that apply where a caller passes none."""
    settings = get_settings()
    return PdfLimits(
        settings.max_page_content_bytes, settings.max_render_memory_mb, settings.max_render_seconds
    )


class _Stopped(Exception):
    """The child is gone: killed at its deadline (`timed_out`), or dead (its memory limit, or a crash)."""

    def __init__(self, timed_out: bool, returncode: int | None) -> None:
        super().__init__(f"renderer stopped (timed out: {timed_out}, exit status {returncode})")
        self.timed_out = timed_out


class _Renderer:
    """One child process for one document; requests answered in order."""

    def __init__(self, memory_mb: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-I", str(CHILD), str(memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.timed_out = False

    def _kill(self) -> None:
        self.timed_out = True
        self.process.kill()

    def ask(self, request: tuple[Any, ...], seconds: float) -> tuple[tuple[Any, ...], bytearray | None]:
        """The reply to `request`, and the raw pixels that follow an "image" reply; `_Stopped` where the
        child dies or is still at it after `seconds`."""
        assert self.process.stdin is not None and self.process.stdout is not None
        timer = threading.Timer(max(0.0, seconds), self._kill)
        timer.start()
        try:
            write_frame(self.process.stdin, request)
            reply = read_frame(self.process.stdout)
            pixels = None
            if reply[0] == "image":
                pixels = bytearray(reply[5])
                view = memoryview(pixels)
                got = 0
                while got < len(pixels):
                    read = cast(io.BufferedReader, self.process.stdout).readinto(view[got:])
                    if not read:
                        raise EOFError
                    got += read
        except (EOFError, OSError) as e:
            self.process.kill()
            raise _Stopped(self.timed_out, self.process.wait()) from e
        finally:
            timer.cancel()
        return reply, pixels

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


def _pdf_page_pixels(width_pt: float, height_pt: float, dpi: int) -> tuple[int, int]:
    scale = dpi / 72
    return math.ceil(width_pt * scale), math.ceil(height_pt * scale)


def _pdf_page_error(filename: str, number: int, error: str) -> CorruptFile:
    return CorruptFile(Message(Code.PDF_PAGE_DAMAGED, file=filename, page=number, error=error))


def _child_error(reply: tuple[Any, ...], filename: str, page: int | None, limits: PdfLimits) -> MuragatError:
    kind, detail = reply[1], reply[2]
    if kind == "password":
        return EncryptedPdf(Message(Code.PDF_PASSWORD, file=filename))
    if kind == "security":
        return EncryptedPdf(Message(Code.PDF_SECURITY, file=filename))
    if kind == "no_pages":
        return CorruptFile(Message(Code.PDF_NO_PAGES, file=filename))
    if kind == "memory":
        return _memory_error(filename, page or 1, limits)
    if kind == "page_damaged" and page is not None:
        return _pdf_page_error(filename, page, detail)
    return CorruptFile(Message(Code.PDF_DAMAGED, file=filename, error=detail))


def _memory_error(filename: str, page: int, limits: PdfLimits) -> FileTooLarge:
    return FileTooLarge(Message(Code.PDF_PAGE_MEMORY, file=filename, page=page, limit=limits.memory_mb))


class _Document:
    """The child's view of one PDF: each call bounded by `deadline()` seconds; a child that dies or
    overruns becomes the error `stopped(page, timed_out)` gives."""

    def __init__(self, data: bytes, filename: str, limits: PdfLimits, deadline: Any, stopped: Any) -> None:
        self.filename, self.limits, self.deadline, self.stopped = filename, limits, deadline, stopped
        self.renderer = _Renderer(limits.memory_mb)
        try:
            reply, _ = self._ask(("open", data), page=1)
            if reply[0] == "error":
                raise _child_error(reply, filename, None, limits)
        except BaseException:
            self.renderer.close()
            raise
        self.count: int = reply[1]

    def _ask(self, request: tuple[Any, ...], page: int) -> tuple[tuple[Any, ...], bytearray | None]:
        try:
            reply, pixels = self.renderer.ask(request, self.deadline())
        except _Stopped as e:
            raise self.stopped(page, e.timed_out) from e
        if reply[0] == "error":
            raise _child_error(reply, self.filename, page, self.limits)
        return reply, pixels

    def check_page(self, index: int, dpi: int, max_pixels: int) -> tuple[int, int]:
        """The page's pixels at `dpi`, after its size and its content are checked against the limits."""
        number = index + 1
        (width_pt, height_pt) = self._ask(("size", index), number)[0][1]
        width, height = _pdf_page_pixels(width_pt, height_pt, dpi)
        if width < 1 or height < 1:
            raise _pdf_page_error(self.filename, number, "the page has no size")
        check_pixels(self.filename, width, height, max_pixels, page=number, dpi=dpi)
        content = self._ask(("content", index, self.limits.max_content_bytes), number)[0][1]
        if content is not None:
            check_content(self.filename, number, len(content), self.limits.max_content_bytes)
        return width, height

    def render(self, index: int, dpi: int) -> Image.Image:
        reply, pixels = self._ask(("render", index, dpi / 72), index + 1)
        assert pixels is not None
        _, mode, width, height, stride, _ = reply
        image = Image.frombuffer("RGB", (width, height), pixels, "raw", mode, stride, 1)
        image.info["dpi"] = (dpi, dpi)
        return image

    def close(self) -> None:
        self.renderer.close()


def inspect_pdf(
    data: bytes,
    filename: str,
    *,
    max_pixels: int,
    max_pages: int,
    dpi: int,
    max_seconds: float | None,
    limits: PdfLimits | None = None,
) -> int:
    """The page count, after every page's size and content are checked; pages are measured, not loaded
    nor rendered. Past `max_seconds` the child is stopped, mid-page if need be."""
    limits = limits or configured_limits()
    started = time.monotonic()
    seconds = max_seconds if max_seconds is not None else limits.seconds

    def deadline() -> float:
        return started + seconds - time.monotonic()

    def stopped(page: int, timed_out: bool) -> FileTooLarge:
        if timed_out:
            return FileTooLarge(Message(Code.TOO_SLOW, file=filename, seconds=f"{seconds:g}", page=page))
        return _memory_error(filename, page, limits)

    pdf = _Document(data, filename, limits, deadline, stopped)
    try:
        check_pages(filename, pdf.count, max_pages, counted_all=True)
        for index in range(pdf.count):
            pdf.check_page(index, dpi, max_pixels)
            check_time(filename, started, max_seconds, index + 1)
    finally:
        pdf.close()
    return pdf.count


def pdf_pages(
    data: bytes, filename: str, dpi: int, max_pixels: int, limits: PdfLimits | None = None
) -> Iterator[Image.Image]:
    """Each page rendered at `dpi`, each within `limits` (the clock runs per page)."""
    limits = limits or configured_limits()
    page_started = time.monotonic()

    def deadline() -> float:
        return page_started + limits.seconds - time.monotonic()

    def stopped(page: int, timed_out: bool) -> FileTooLarge:
        if timed_out:
            return FileTooLarge(
                Message(Code.PDF_PAGE_TOO_SLOW, file=filename, page=page, seconds=f"{limits.seconds:g}")
            )
        return _memory_error(filename, page, limits)

    pdf = _Document(data, filename, limits, deadline, stopped)
    try:
        for index in range(pdf.count):
            page_started = time.monotonic()
            pdf.check_page(index, dpi, max_pixels)
            image = pdf.render(index, dpi)
            yield image
    finally:
        pdf.close()
