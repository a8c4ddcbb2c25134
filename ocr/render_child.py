"""The child process that opens, measures and renders PDFs for `ocr.pdf_pages`, under a memory limit.

Run as a script (`python -I ocr/render_child.py MEMORY_MB`), never imported by the project: it imports
only the standard library, pypdfium2 and pdfminer, so that it starts in a fraction of a second and its
own footprint is small. After its imports it limits its address space (`RLIMIT_AS`) to what it has
then plus MEMORY_MB; the parent bounds its time and turns its death into an error naming the page.

Requests and replies are pickled frames on stdin/stdout (the parent is the only peer, and trusted):
    ("open", pdf_bytes)            -> ("ok", page_count) | ("error", kind, detail)
    ("size", index)                -> ("ok", (width_pt, height_pt)) | error
    ("content", index, limit)      -> ("ok", bytes, capped at limit + 1) | ("ok", None): not measurable
    ("render", index, scale)       -> ("image", mode, width, height, stride, nbytes), then nbytes raw
Error kinds: password, security, no_pages, damaged, page_damaged, memory.
"""

from __future__ import annotations

import io
import os
import pickle
import resource
import signal
import struct
import sys
import zlib
from pathlib import Path
from typing import IO, Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_FRAME = struct.Struct(">Q")
_INFLATE_PIECE = 64 * 1024
# Objects looked at per page when measuring its content (forms inside forms): a bound on the measuring.
_MAX_FORMS = 10_000


def read_frame(stream: IO[bytes]) -> Any:
    header = stream.read(_FRAME.size)
    if len(header) < _FRAME.size:
        raise EOFError
    (size,) = _FRAME.unpack(header)
    body = stream.read(size)
    if len(body) < size:
        raise EOFError
    return pickle.loads(body)


def write_frame(stream: IO[bytes], value: Any) -> None:
    body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_FRAME.pack(len(body)))
    stream.write(body)  # not joined to its header: that would copy a whole PDF once more
    stream.flush()


# --- the size of a page's content, decoded no further than the limit --------------------------------


def _inflate(data: bytes, cap: int) -> bytes:
    """Up to `cap` bytes of a deflate stream; what decoded before damage, where damaged (as PDFium
    renders a damaged stream as far as it goes)."""
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    got = 0
    for start in range(0, len(data), _INFLATE_PIECE):
        piece = data[start : start + _INFLATE_PIECE]
        try:
            while piece and got < cap:
                chunk = inflater.decompress(piece, cap - got)
                out.append(chunk)
                got += len(chunk)
                piece = inflater.unconsumed_tail
        except zlib.error:
            break
        if got >= cap or inflater.eof:
            break
    return b"".join(out)


def _decoded(stream: Any, cap: int) -> bytes:
    """A stream's data through its filters, each output cut at `cap` bytes; a filter we do not decode
    here stops the chain (its input counted as the content)."""
    from pdfminer import pdftypes
    from pdfminer.lzw import LZWDecoder

    data: bytes = stream.rawdata if stream.rawdata is not None else (stream.data or b"")
    if stream.decipher and stream.rawdata is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for name, _ in stream.get_filters():
        if name in pdftypes.LITERALS_FLATE_DECODE:
            data = _inflate(data, cap)
        elif name in pdftypes.LITERALS_LZW_DECODE:
            parts, got = [], 0
            try:
                for chunk in LZWDecoder(io.BytesIO(data)).run():
                    parts.append(chunk)
                    got += len(chunk)
                    if got >= cap:
                        break
            except Exception:  # damaged: what decoded so far
                pass
            data = b"".join(parts)[:cap]
        elif name in pdftypes.LITERALS_ASCII85_DECODE:  # output shorter than input
            data = pdftypes.ascii85decode(data)
        elif name in pdftypes.LITERALS_ASCIIHEX_DECODE:
            data = pdftypes.asciihexdecode(data)
        else:
            break
    return data[:cap]


class _Measurer:
    """A page's content: its content streams and the forms its resources name (each once), by pdfminer,
    which reads the page dictionaries without interpreting them."""

    def __init__(self, data: bytes) -> None:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        self.pages = PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data))))
        self.seen: list[Any] = []

    def page(self, index: int) -> Any:
        while len(self.seen) <= index:
            self.seen.append(next(self.pages))
        return self.seen[index]

    def content(self, index: int, limit: int) -> bytes:
        from pdfminer.pdftypes import PDFStream, resolve1

        page = self.page(index)
        parts: list[bytes] = []
        total = 0
        streams: list[Any] = list(page.contents)
        pending = [page.resources]
        visited: set[int] = set()
        while pending and len(visited) < _MAX_FORMS:
            resources = resolve1(pending.pop())
            xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
            for value in (xobjects or {}).values() if isinstance(xobjects, dict) else ():
                form = resolve1(value)
                if not isinstance(form, PDFStream) or id(form) in visited:
                    continue
                visited.add(id(form))
                if getattr(resolve1(form.attrs.get("Subtype")), "name", None) == "Form":
                    streams.append(form)
                    pending.append(form.attrs.get("Resources"))
        for stream in streams:
            stream = resolve1(stream)
            if not isinstance(stream, PDFStream):
                continue
            data = _decoded(stream, limit + 1 - total)
            parts.append(data)
            total += len(data)
            if total > limit:
                break
        return b"".join(parts)


# --- requests ---------------------------------------------------------------------------------------


_MEASURE_SECONDS = 1.0


class _MeasureTimeout(Exception):
    pass


def _out_of_time(signum: int, frame: Any) -> None:
    raise _MeasureTimeout


class _Session:
    def __init__(self) -> None:
        self.pdf: pdfium.PdfDocument | None = None
        self.data = b""
        self.measurer: _Measurer | None = None
        self.measurable = True

    def open(self, data: bytes) -> tuple[Any, ...]:
        self.data = data
        try:
            self.pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            code = getattr(e, "err_code", None)
            if code == pdfium_c.FPDF_ERR_PASSWORD:
                return ("error", "password", "")
            if code == pdfium_c.FPDF_ERR_SECURITY:
                return ("error", "security", "")
            if code == pdfium_c.FPDF_ERR_SUCCESS:
                return ("error", "no_pages", "")
            return ("error", "damaged", str(e))
        return ("ok", len(self.pdf))

    def size(self, index: int) -> tuple[Any, ...]:
        assert self.pdf is not None
        try:  # from the page dictionary: the page is not loaded (loading parses all its content)
            return ("ok", self.pdf.get_page_size(index))
        except pdfium.PdfiumError as e:
            return ("error", "page_damaged", str(e))

    def content(self, index: int, limit: int) -> tuple[Any, ...]:
        if not self.measurable:
            return ("ok", None)
        # pdfminer can loop on a damaged page tree (a reference loop): the measuring has a clock of its own
        signal.signal(signal.SIGALRM, _out_of_time)
        signal.setitimer(signal.ITIMER_REAL, _MEASURE_SECONDS)
        try:
            if self.measurer is None:
                self.measurer = _Measurer(self.data)
            return ("ok", self.measurer.content(index, limit))
        except MemoryError:
            raise
        except Exception:  # pdfminer cannot read what PDFium repairs: the memory limit still holds
            self.measurable = False
            return ("ok", None)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def render(self, index: int, scale: float, out: IO[bytes]) -> None:
        assert self.pdf is not None
        try:
            page = self.pdf[index]
        except pdfium.PdfiumError as e:
            write_frame(out, ("error", "page_damaged", str(e)))
            return
        try:
            bitmap = page.render(scale=scale, rev_byteorder=True)
        except pdfium.PdfiumError as e:
            write_frame(out, ("error", "page_damaged", str(e)))
            return
        finally:
            page.close()
        view = memoryview(bitmap.buffer).cast("B")
        header = ("image", bitmap.mode, bitmap.width, bitmap.height, bitmap.stride, view.nbytes)
        write_frame(out, header)
        out.write(view)
        out.flush()
        del view
        bitmap.close()


def _vm_size() -> int:
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def limit_memory(megabytes: int) -> None:
    limit = _vm_size() + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    session = _Session()
    while True:
        try:
            request = read_frame(stdin)
        except EOFError:
            return
        kind = request[0]
        try:
            if kind == "open":
                write_frame(stdout, session.open(request[1]))
            elif kind == "size":
                write_frame(stdout, session.size(request[1]))
            elif kind == "content":
                write_frame(stdout, session.content(request[1], request[2]))
            elif kind == "render":
                session.render(request[1], request[2], stdout)
        except MemoryError:
            write_frame(stdout, ("error", "memory", ""))


def main() -> None:
    # the replies go to the real stdout; anything printed (a library's warning) to stderr
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    import pdfminer.pdfdocument  # noqa: F401  (imported before the limit: counted in the baseline)
    import pdfminer.pdfpage  # noqa: F401

    limit_memory(int(sys.argv[1]))
    serve(sys.stdin.buffer, replies)


if __name__ == "__main__":
    main()
