"""The hostile files, written deterministically (no randomness, nothing downloaded), and a normal one."""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from pathlib import Path

MiB = 1024 * 1024
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "scans"  # the checkout's own samples


def pdf_bomb(path: Path, content_mib: int = 40) -> int:
    """A one-page PDF whose content stream (Flate) decodes to `content_mib` MiB of path operators.
    Returns the decoded content size."""
    lines = []
    for i in range(240):  # distinct strokes, repeated: about 400:1 under deflate
        x, y = i % 595, (i * 7) % 842
        lines.append(f"{x} {y} m {x + 3} {y + 5} l S\n")
    cycle = "".join(lines).encode()
    repeats = content_mib * MiB // len(cycle) + 1
    content = cycle * repeats
    path.write_bytes(one_page_pdf(content))
    return len(content)


def one_page_pdf(content: bytes, size: tuple[int, int] = (595, 842)) -> bytes:
    """A one-page PDF (A4 unless `size`, in points) drawn by `content`, its content stream (Flate)."""
    compressed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R /Resources << >> >>" % size,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed) + compressed + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)


def _page_rows(width: int, samples: int) -> tuple[bytes, bytes]:
    """A white row and an inked row (black bars: lines of 'words') of an RGB or RGBA page."""
    white = b"\xff" * (samples * width)
    inked = bytearray(white)
    for x in range(width // 10, width - width // 10):
        if (x // 40) % 3 != 2:  # word-like runs
            inked[samples * x : samples * x + 3] = b"\x00\x00\x00"
    return white, bytes(inked)


def _deflated_rows(width: int, height: int, filter_byte: bytes, samples: int = 3) -> bytes:
    """The page's rows through zlib, row by row: the generator never holds the pixels."""
    white, inked = _page_rows(width, samples)
    packer = zlib.compressobj(9)
    parts = []
    for y in range(height):
        ink = height // 10 < y < height - height // 10 and (y // 60) % 4 == 0 and (y % 60) < 20
        parts.append(packer.compress(filter_byte + (inked if ink else white)))
    parts.append(packer.flush())
    return b"".join(parts)


def big_png(path: Path, width: int, height: int) -> None:
    """An RGB PNG of a white page with black bars, ~450 KB for 120 Mpx."""
    data = _deflated_rows(width, height, b"\x00")  # filter byte 0 before each row
    path.write_bytes(_png_header(width, height) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b""))


def big_tiff(path: Path, width: int, height: int, *, alpha: bool = False) -> None:
    """The same page as a one-page RGB (or RGBA) TIFF in a single Deflate strip, as a hostile file would
    lay it out (scanners write strips of a few rows)."""
    samples = 4 if alpha else 3
    data = _deflated_rows(width, height, b"", samples)
    entries = [  # tag, type (3 SHORT, 4 LONG), count, value or offset
        (256, 4, 1, width),
        (257, 4, 1, height),
        (258, 3, samples, 0),  # BitsPerSample 8 each: offset filled in below
        (259, 3, 1, 8),  # Deflate
        (262, 3, 1, 2),  # RGB
        (273, 4, 1, 0),  # StripOffsets: filled in below
        (277, 3, 1, samples),
        (278, 4, 1, height),
        (279, 4, 1, len(data)),
        (284, 3, 1, 1),
    ]
    if alpha:
        entries.append((338, 3, 1, 2))  # ExtraSamples: unassociated alpha
    ifd_size = 2 + 12 * len(entries) + 4
    bits_at = 8 + ifd_size
    strip_at = bits_at + 2 * samples
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        value = {258: bits_at, 273: strip_at}.get(tag, value)
        packed = struct.pack("<HH", value, 0) if kind == 3 and count == 1 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, kind, count) + packed
    ifd += struct.pack("<I", 0)
    bits = struct.pack("<" + "H" * samples, *([8] * samples))
    path.write_bytes(b"II*\x00" + struct.pack("<I", 8) + ifd + bits + data)


def zip_bomb(path: Path) -> list[tuple[str, int]]:
    """A ZIP (deflate) of members that decompress to hundreds of MiB each: zeros named as scans, and
    two that begin like a real scan (a PDF header; a PNG header declaring 20000x20000) so that they are
    not refused from their first bytes. Returns (name, declared size) per member."""
    members = [
        ("scans/a.png", b"", 400 * MiB),
        ("scans/b.tif", b"", 400 * MiB),
        ("scans/c.pdf", b"%PDF-1.4\n", 190 * MiB),
        ("scans/d.png", _png_header(20000, 20000), 190 * MiB),
    ]
    chunk = bytes(MiB)
    sizes = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, head, size in members:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as stream:
                stream.write(head)
                left = size - len(head)
                while left > 0:
                    stream.write(chunk[: min(left, MiB)])
                    left -= min(left, MiB)
            sizes.append((name, size))
    return sizes


def normal_document(folder: Path) -> tuple[Path, str]:
    """A copy of a sample scan (the source is read-only), or, where the samples are missing, a drawn
    page; and where it came from."""
    for name in ("doc0001.png", "doc0003.jpg"):
        source = SAMPLES / name
        if source.exists():
            shutil.copyfile(source, folder / f"normal{source.suffix}")
            return folder / f"normal{source.suffix}", str(source)
    from PIL import Image, ImageDraw

    image = Image.new("L", (2480, 1754), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(["ДИПЛОМ", "ЖБ-Б № 0123456", "Қалиева Айгүл Серікқызы", "2015"]):
        draw.text((300, 300 + 200 * i), line, fill=0)
    image.save(folder / "normal.png", dpi=(300, 300))
    return folder / "normal.png", "drawn by the script"
