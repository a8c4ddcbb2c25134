"""Whether an image file is whole, told from its structure rather than from all of its pixels.

An upload is checked before it is stored, while the person waits and while workers read the files before
it; decoding every pixel there cost as much as a tenth of the OCR itself. What each format allows:

- JPEG: decoded at 1/8 of its size (the decoder's own reduction: every entropy-coded byte is still read,
  so a cut or damaged file fails as it would at full size, at a fraction of the cost);
- PNG: every chunk's length and checksum, and the closing IEND chunk (a cut file has none, a damaged
  one fails a checksum; damage that keeps the checksums, which needs a deliberate edit, is left to OCR);
- TIFF: each page's strips or tiles lie inside the file (a cut file's last pages do not);
- other formats (WebP, BMP): decoded whole, as they are rare and small.

What these cannot see fails the document later, in OCR, with the same message.
"""

from __future__ import annotations

import struct
import zlib

from PIL import Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_REDUCTION = 8
_STRIP_TAGS = ((273, 279), (324, 325))  # (StripOffsets, StripByteCounts), (TileOffsets, TileByteCounts)


class Damaged(Exception):
    """What is wrong with the file's structure, in a few words (it ends up in the user's message)."""


def check_jpeg(image: Image.Image) -> None:
    """Decode an opened JPEG at 1/8 of its size; Pillow raises as it would at full size."""
    image.draft(image.mode, (-(-image.width // _JPEG_REDUCTION), -(-image.height // _JPEG_REDUCTION)))
    image.load()


def check_png(data: bytes) -> None:
    """Walk the chunks of a PNG: each inside the file with a matching CRC, IDAT present, IEND last."""
    position, seen_data = len(PNG_SIGNATURE), False
    while True:
        if position + 8 > len(data):
            raise Damaged(f"the file ends at byte {len(data)} before its IEND chunk")
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 8 + length
        if end + 4 > len(data):
            name = kind.decode("latin-1", "replace")
            raise Damaged(f"chunk {name} at byte {position} runs past the end of the file")
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(data[position + 4 : end]) != crc:
            raise Damaged(f"chunk {kind.decode('latin-1', 'replace')} at byte {position} fails its CRC")
        seen_data = seen_data or kind == b"IDAT"
        if kind == b"IEND":
            if not seen_data:
                raise Damaged("no image data (IDAT) before IEND")
            return
        position = end + 4


def check_tiff_page(image: Image.Image, size: int) -> None:
    """Refuse the current page of an opened TIFF when a strip or tile of it lies past the file's `size`."""
    tags = getattr(image, "tag_v2", {})
    for offsets_tag, counts_tag in _STRIP_TAGS:
        offsets, counts = tags.get(offsets_tag), tags.get(counts_tag)
        if offsets is None:
            continue
        offsets = offsets if isinstance(offsets, tuple) else (offsets,)
        counts = () if counts is None else counts if isinstance(counts, tuple) else (counts,)
        if len(counts) < len(offsets):
            raise Damaged("the page's data has no byte counts")
        for offset, count in zip(offsets, counts, strict=False):
            if (end := int(offset) + int(count)) > size:
                raise Damaged(f"the page's data runs to byte {end}, past the end of the file at {size}")
        return
    raise Damaged("the page names no strips or tiles of data")
