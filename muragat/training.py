"""Ground truth for training Tesseract (tesstrain): each line a person corrected or confirmed, as the line's
image cut from the stored page image and its text beside it, `NAME.png` and `NAME.gt.txt`, the pairs
tesstrain's `make training` reads from its ground-truth folder."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from storage.db import session_scope
from storage.keys import page_image_key
from storage.models import LineCorrection
from storage.objects import ObjectStore

PADDING = 4  # pixels around the line's box, as tesstrain's line images have a little margin


@dataclass(frozen=True)
class Written:
    lines: int
    skipped: int  # corrections whose line was not found again after a re-OCR (no box on this image)


def export_tesstrain(engine: Engine, store: ObjectStore, folder: Path) -> Written:
    folder.mkdir(parents=True, exist_ok=True)
    with session_scope(engine) as session:
        corrections = list(
            session.exec(
                select(LineCorrection).order_by(
                    col(LineCorrection.document_id), col(LineCorrection.page_number), col(LineCorrection.top)
                )
            )
        )
    images: dict[tuple[str, int], Image.Image] = {}
    written = skipped = 0
    for c in corrections:
        if c.block < 0 or not c.text.strip():
            skipped += 1
            continue
        key = (str(c.document_id), c.page_number)
        if key not in images:
            images.clear()  # one page in memory at a time (corrections come page by page)
            images[key] = Image.open(io.BytesIO(store.get(page_image_key(c.document_id, c.page_number))))
        page = images[key]
        box = (
            max(0, c.left - PADDING),
            max(0, c.top - PADDING),
            min(page.width, c.left + c.width + PADDING),
            min(page.height, c.top + c.height + PADDING),
        )
        name = f"{c.document_id.hex[:12]}_p{c.page_number}_b{c.block}_l{c.line}"
        page.crop(box).convert("L").save(folder / f"{name}.png")
        (folder / f"{name}.gt.txt").write_text(c.text + "\n", encoding="utf-8")
        written += 1
    return Written(written, skipped)
