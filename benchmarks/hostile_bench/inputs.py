"""The hostile files, written deterministically (no randomness, nothing downloaded), and a normal one."""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from pathlib import Path

MiB = 1024 * 1024
SAMPLES = Path("/work/shared/samples/scans")


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
    compressed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
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
    path.write_bytes(bytes(out))
    return len(content)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)


def big_png(path: Path, width: int, height: int) -> None:
    """An RGB PNG, white with a few black bars (a 'page' with lines), streamed row by row: the
    generator never holds the pixels."""
    white = b"\x00" + b"\xff" * (3 * width)  # filter byte 0, then the row
    inked = bytearray(white)
    for x in range(width // 10, width - width // 10):
        if (x // 40) % 3 != 2:  # word-like runs
            inked[1 + 3 * x : 4 + 3 * x] = b"\x00\x00\x00"
    packer = zlib.compressobj(9)
    parts = []
    for y in range(height):
        ink = height // 10 < y < height - height // 10 and (y // 60) % 4 == 0 and (y % 60) < 20
        parts.append(packer.compress(bytes(inked) if ink else white))
    parts.append(packer.flush())
    data = b"".join(parts)
    path.write_bytes(_png_header(width, height) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b""))


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
