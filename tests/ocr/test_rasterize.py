"""inspect_file and page_images on files made here: good ones of every format, and each kind of bad one."""

from __future__ import annotations

import hashlib
import io
import resource
import struct
import zlib
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFile

from muragat.errors import CorruptFile, EncryptedPdf, FileTooLarge, InvalidInput, UnsupportedFile
from ocr.rasterize import FileInfo, inspect_file, page_images

SCANS = Path(__file__).resolve().parents[2] / "samples" / "scans"
LIMITS: dict[str, int] = {"max_pixels": 120_000_000, "max_pages": 500}


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def noise(width: int, height: int, seed: int = 0) -> Image.Image:
    """Random pixels: they do not compress, so a file of them is long enough to cut in half."""
    pixels = np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)
    return Image.fromarray(pixels, "RGB")


def top_stripe(width: int, height: int) -> Image.Image:
    """White with a black band along the top edge: tells which way is up."""
    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).rectangle((0, 0, width - 1, height // 5), fill="black")
    return image


# --- PDFs written by hand ---------------------------------------------------------------------------


def pdf_file(objects: list[bytes], trailer: bytes) -> bytes:
    """A PDF with these objects (numbered from 1) and a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


PASSWORD_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes, owner_password: bytes) -> bytes:
    """A one-page PDF under the standard security handler, revision 2 (PDF 1.7, 7.6.3, algorithms 2-4).
    The page has no content, so there are no strings or streams to encrypt."""

    def padded(password: bytes) -> bytes:
        return (password + PASSWORD_PAD)[:32]

    doc_id = b"muragat-test-pdf"
    permissions = -4
    owner_entry = rc4(hashlib.md5(padded(owner_password)).digest()[:5], padded(user_password))
    key_input = padded(user_password) + owner_entry + struct.pack("<i", permissions) + doc_id
    key = hashlib.md5(key_input).digest()[:5]
    user_entry = rc4(key, PASSWORD_PAD)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (owner_entry.hex().encode(), user_entry.hex().encode(), permissions),
    ]
    file_id = doc_id.hex().encode()
    return pdf_file(objects, b"/Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>]" % (file_id, file_id))


def png_1bit(width: int, height: int) -> bytes:
    """A valid all-black 1-bit PNG, written row block by row block: a 30000x30000 one is ~0.5 MB."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = (b"\x00" + bytes((width + 7) // 8)) * 1000
    compressor = zlib.compressobj(1)
    idat = b"".join(compressor.compress(rows) for _ in range(height // 1000))
    idat += compressor.compress(rows[: (height % 1000) * (len(rows) // 1000)]) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


# --- good files -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [
        ("JPEG", "image/jpeg", ".jpg"),
        ("PNG", "image/png", ".png"),
        ("TIFF", "image/tiff", ".tif"),
        ("WEBP", "image/webp", ".webp"),
        ("BMP", "image/bmp", ".bmp"),
        ("PDF", "application/pdf", ".pdf"),
    ],
)
def test_inspect_each_format(fmt: str, content_type: str, extension: str) -> None:
    data = encode(top_stripe(120, 80), fmt)
    assert inspect_file(data, f"scan.{fmt.lower()}", **LIMITS) == FileInfo(content_type, 1, extension)


def test_type_comes_from_content_not_name() -> None:
    data = encode(top_stripe(50, 40), "PNG")
    assert inspect_file(data, "scan.jpg", **LIMITS).content_type == "image/png"


def test_pdf_with_junk_before_header_is_a_pdf() -> None:
    data = b"\r\n" + encode(top_stripe(50, 40), "PDF")
    assert inspect_file(data, "scan.pdf", **LIMITS).content_type == "application/pdf"


def test_multipage_tiff_counts_and_yields_every_frame() -> None:
    frames = [top_stripe(100, 60), Image.new("L", (70, 90), 128), Image.new("1", (40, 30), 1)]
    data = encode(frames[0], "TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")

    assert inspect_file(data, "ledger.tif", **LIMITS) == FileInfo("image/tiff", 3, ".tif")
    pages = list(page_images(data, "ledger.tif", max_pixels=LIMITS["max_pixels"]))
    assert [page.size for page in pages] == [(100, 60), (70, 90), (40, 30)]
    assert [page.mode for page in pages] == ["RGB", "L", "L"]
    assert pages[0].getpixel((50, 2)) == (0, 0, 0)
    assert pages[1].getpixel((10, 10)) == 128
    assert pages[2].getpixel((10, 10)) == 255


def test_pdf_pages_counted_and_rendered_at_dpi() -> None:
    # PIL writes each image as a page of width/resolution inches: 100x50 px at 100 dpi is 1x0.5 in.
    first, second = top_stripe(100, 50), Image.new("RGB", (200, 100), "white")
    data = encode(first, "PDF", save_all=True, append_images=[second], resolution=100)

    assert inspect_file(data, "two.pdf", **LIMITS) == FileInfo("application/pdf", 2, ".pdf")
    pages = list(page_images(data, "two.pdf", dpi=200, max_pixels=LIMITS["max_pixels"]))
    assert [page.size for page in pages] == [(200, 100), (400, 200)]
    assert all(page.mode == "RGB" and page.info["dpi"] == (200, 200) for page in pages)
    top = pages[0].convert("L").getpixel((100, 5))
    bottom = pages[0].convert("L").getpixel((100, 90))
    assert isinstance(top, int) and isinstance(bottom, int)
    assert top < 40 < 215 < bottom


def test_exif_rotated_jpeg_comes_back_upright() -> None:
    upright = top_stripe(200, 100)
    stored = upright.rotate(90, expand=True)  # the camera wrote it sideways, 100x200
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to display
    data = encode(stored, "JPEG", exif=exif.tobytes(), quality=95)

    (page,) = page_images(data, "photo.jpg", max_pixels=LIMITS["max_pixels"])
    assert page.size == (200, 100)
    gray = page.convert("L")
    top, bottom = gray.getpixel((100, 5)), gray.getpixel((100, 95))
    assert isinstance(top, int) and isinstance(bottom, int)
    assert top < 40 < 215 < bottom


def test_sixteen_bit_scan_is_scaled_not_clipped() -> None:
    image = Image.new("I;16", (30, 20), 32896)  # mid grey on a 16-bit scale
    (page,) = page_images(encode(image, "PNG"), "grey16.png", max_pixels=LIMITS["max_pixels"])
    assert page.mode == "L"
    assert page.getpixel((5, 5)) == 128


def test_transparency_is_flattened_onto_white() -> None:
    image = Image.new("RGBA", (30, 20), (0, 0, 0, 0))
    (page,) = page_images(encode(image, "PNG"), "clear.png", max_pixels=LIMITS["max_pixels"])
    assert page.mode == "RGB"
    assert page.getpixel((5, 5)) == (255, 255, 255)


def test_real_two_page_scan() -> None:
    data = (SCANS / "doc0015.pdf").read_bytes()
    assert inspect_file(data, "doc0015.pdf", **LIMITS) == FileInfo("application/pdf", 2, ".pdf")
    assert inspect_file((SCANS / "doc0002.tif").read_bytes(), "doc0002.tif", **LIMITS).page_count == 2


# --- bad files --------------------------------------------------------------------------------------


def test_empty_file() -> None:
    with pytest.raises(InvalidInput, match=r"^empty\.jpg: empty file"):
        inspect_file(b"", "empty.jpg", **LIMITS)


def test_text_named_pdf_is_unsupported() -> None:
    with pytest.raises(UnsupportedFile) as caught:
        inspect_file("Диплом №1\nnot a scan\n".encode() * 20, "diploma.pdf", **LIMITS)
    message = caught.value.message
    assert message.startswith("diploma.pdf:")
    assert "plain text" in message and "ends in .pdf" in message
    assert "JPEG, PNG, TIFF" in message


def test_zip_is_unsupported_and_named() -> None:
    with pytest.raises(UnsupportedFile, match="ZIP archive"):
        inspect_file(b"PK\x03\x04" + bytes(100), "scans.jpg", **LIMITS)


def test_truncated_jpeg_is_corrupt() -> None:
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    data = encode(noise(400, 300), "JPEG", quality=90)
    with pytest.raises(CorruptFile, match=r"^half\.jpg: .*truncated"):
        inspect_file(data[: len(data) // 2], "half.jpg", **LIMITS)
    with pytest.raises(CorruptFile, match=r"^half\.jpg: "):
        list(page_images(data[: len(data) // 2], "half.jpg", max_pixels=LIMITS["max_pixels"]))


def test_truncated_png_and_tiff_page_are_corrupt() -> None:
    png = encode(noise(200, 150), "PNG")
    with pytest.raises(CorruptFile, match=r"^half\.png: "):
        inspect_file(png[: len(png) // 2], "half.png", **LIMITS)
    tiff = encode(noise(200, 150), "TIFF", save_all=True, append_images=[noise(200, 150, seed=1)])
    with pytest.raises(CorruptFile, match=r"^cut\.tif: page 2 "):
        inspect_file(tiff[: len(tiff) - 20_000], "cut.tif", **LIMITS)


def test_encrypted_pdf() -> None:
    data = encrypted_pdf(b"secret", b"owner")
    pdfium.PdfDocument(data, password="secret").close()  # a real encrypted PDF: it opens with its password

    with pytest.raises(EncryptedPdf, match=r"^locked\.pdf: .*password"):
        inspect_file(data, "locked.pdf", **LIMITS)
    with pytest.raises(EncryptedPdf):
        list(page_images(data, "locked.pdf", max_pixels=LIMITS["max_pixels"]))


def test_pdf_with_owner_password_only_is_readable() -> None:
    assert inspect_file(encrypted_pdf(b"", b"owner"), "print-only.pdf", **LIMITS).page_count == 1


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\nthis is not a PDF body\n%%EOF\n",
        pdf_file(
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"], b"/Root 1 0 R"
        ),
    ],
    ids=["garbage", "no-pages"],
)
def test_broken_pdf_is_corrupt(data: bytes) -> None:
    with pytest.raises(CorruptFile, match=r"^broken\.pdf: the PDF"):
        inspect_file(data, "broken.pdf", **LIMITS)


def test_huge_image_refused_from_header_alone() -> None:
    data = png_1bit(30_000, 30_000)
    assert len(data) < 1_000_000
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(FileTooLarge, match=r"^huge\.png: the image is 30000x30000 pixels"):
        inspect_file(data, "huge.png", **LIMITS)
    with pytest.raises(FileTooLarge):
        next(page_images(data, "huge.png", max_pixels=LIMITS["max_pixels"]))
    # Decoding it would have taken ~900 MB.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_kib < 200_000


def test_image_over_configured_limit() -> None:
    data = encode(Image.new("L", (2000, 1000), 255), "PNG")
    with pytest.raises(FileTooLarge, match="2000x1000 pixels"):
        inspect_file(data, "wide.png", max_pixels=1_000_000, max_pages=10)
    assert inspect_file(data, "wide.png", max_pixels=2_000_000, max_pages=10).page_count == 1


def test_pdf_page_too_large_at_dpi() -> None:
    # A 100x100 inch page: 30000x30000 pixels at 300 dpi, checked without rendering it.
    data = encode(Image.new("L", (100, 100), 255), "PDF", resolution=1)
    with pytest.raises(FileTooLarge, match=r"^poster\.pdf: page 1 at 300 dpi is 3000\dx3000\d pixels"):
        inspect_file(data, "poster.pdf", **LIMITS)
    with pytest.raises(FileTooLarge):
        next(page_images(data, "poster.pdf", max_pixels=LIMITS["max_pixels"]))
    at_50_dpi = inspect_file(data, "poster.pdf", max_pixels=LIMITS["max_pixels"], max_pages=5, dpi=50)
    assert at_50_dpi.page_count == 1


@pytest.mark.parametrize("fmt", ["TIFF", "PDF"])
def test_too_many_pages(fmt: str) -> None:
    pages = [Image.new("L", (20, 20), 255) for _ in range(4)]
    data = encode(pages[0], fmt, save_all=True, append_images=pages[1:])
    with pytest.raises(FileTooLarge, match=r"^long\.\w+: the file has more than 3 pages"):
        inspect_file(data, f"long.{fmt.lower()}", max_pixels=LIMITS["max_pixels"], max_pages=3)
    assert inspect_file(data, "long", max_pixels=LIMITS["max_pixels"], max_pages=4).page_count == 4


def test_a_refusal_is_a_message_that_names_what_the_content_looks_like_in_each_language() -> None:
    with pytest.raises(UnsupportedFile) as raised:
        inspect_file(b"GIF89a" + bytes(40), "scan.gif", **LIMITS)
    assert raised.value.message.startswith("scan.gif: unsupported file: the content looks like a GIF image")
    assert raised.value.to_dict()["message_code"] == "file.unsupported_named"
    assert "GIF суреті" in raised.value.render("kk") and "изображение GIF" in raised.value.render("ru")
    with pytest.raises(FileTooLarge) as large:
        inspect_file(encode(Image.new("L", (400, 300), 255), "PNG"), "big.png", max_pixels=1000, max_pages=5)
    assert large.value.message.startswith("big.png: the image is 400x300 pixels (0.1 megapixels), over the")
    assert large.value.render("ru").startswith("big.png: изображение — 400x300 пикселей (0.1 мегапикселей)")
