"""Writing pages as scan files: JPEG, PNG, multi-page TIFF and image-only PDF."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image


def save(images: list[Image.Image], path: Path, rng: random.Random, dpi: int) -> None:
    ext = path.suffix
    if ext == ".jpg":
        images[0].save(
            path, "JPEG", quality=rng.randint(28, 34) if dpi == 200 else rng.randint(78, 92), dpi=(dpi, dpi)
        )
    elif ext == ".png":
        im = images[0].convert("L") if rng.random() < 0.5 else images[0]
        im.save(path, "PNG", dpi=(dpi, dpi), compress_level=2)
    elif ext == ".tif":
        ims = [im.convert("L") for im in images] if rng.random() < 0.5 else images
        ims[0].save(
            path,
            "TIFF",
            save_all=True,
            append_images=ims[1:],
            compression=rng.choice(["tiff_lzw", "tiff_adobe_deflate"]),
            dpi=(dpi, dpi),
        )
    elif ext == ".pdf":
        buf = io.BytesIO()  # via JPEG, as a scanner's PDF holds it
        ims = []
        for im in images:
            buf.seek(0)
            buf.truncate()
            im.save(buf, "JPEG", quality=85)
            ims.append(Image.open(io.BytesIO(buf.getvalue())))
        ims[0].save(
            path,
            "PDF",
            save_all=True,
            append_images=ims[1:],
            resolution=float(dpi),
            creationDate=None,
            modDate=None,
        )
    else:
        raise ValueError(ext)
