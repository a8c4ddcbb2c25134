"""Typefaces from Debian's font packages: one per role and document, DejaVu where one is missing or lacks a
Kazakh letter."""

from __future__ import annotations

import random
import sys
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .names import KAZAKH_LETTERS

FONT_DIRS = Path("/usr/share/fonts")
FONTS = {
    "serif": [
        "truetype/liberation2/LiberationSerif-Regular.ttf",
        "truetype/paratype/PTF55F.ttf",
        "truetype/freefont/FreeSerif.ttf",
        "opentype/linux-libertine/LinLibertine_R.otf",
        "truetype/dejavu/DejaVuSerif.ttf",
    ],
    "serif_bold": [
        "truetype/liberation2/LiberationSerif-Bold.ttf",
        "truetype/paratype/PTF75F.ttf",
        "truetype/freefont/FreeSerifBold.ttf",
        "opentype/linux-libertine/LinLibertine_RB.otf",
        "truetype/dejavu/DejaVuSerif-Bold.ttf",
    ],
    "sans": [
        "truetype/liberation2/LiberationSans-Regular.ttf",
        "truetype/paratype/PTS55F.ttf",
        "truetype/freefont/FreeSans.ttf",
        "truetype/dejavu/DejaVuSans.ttf",
        "truetype/paratype/PTN57F.ttf",
    ],
    "sans_bold": [
        "truetype/liberation2/LiberationSans-Bold.ttf",
        "truetype/paratype/PTS75F.ttf",
        "truetype/freefont/FreeSansBold.ttf",
        "truetype/dejavu/DejaVuSans-Bold.ttf",
    ],
    "mono": [
        "truetype/liberation2/LiberationMono-Regular.ttf",
        "truetype/paratype/PTM55F.ttf",
        "truetype/freefont/FreeMono.ttf",
        "truetype/dejavu/DejaVuSansMono.ttf",
    ],
    "italic": [
        "truetype/paratype/PTF56F.ttf",
        "opentype/linux-libertine/LinLibertine_RI.otf",
        "truetype/liberation2/LiberationSerif-Italic.ttf",
        "truetype/freefont/FreeSerifItalic.ttf",
        "truetype/dejavu/DejaVuSerif-Italic.ttf",
    ],
}
FALLBACK = {
    "serif": "DejaVuSerif.ttf",
    "serif_bold": "DejaVuSerif-Bold.ttf",
    "sans": "DejaVuSans.ttf",
    "sans_bold": "DejaVuSans-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
    "italic": "DejaVuSerif-Italic.ttf",
}
_warned: set[str] = set()


def _covers(path: Path) -> bool:
    ft = ImageFont.truetype(str(path), 40)

    def r(c: str) -> bytes:
        im = Image.new("L", (80, 80), 0)
        ImageDraw.Draw(im).text((10, 10), c, font=ft, fill=255)
        return im.tobytes()

    notdef = r("\U0010fffe")
    return all(r(c) != notdef for c in KAZAKH_LETTERS + "№«»–")


@cache
def usable_font(rel: str, role: str) -> str:
    path = FONT_DIRS / rel
    if path.exists() and _covers(path):
        return str(path)
    fb = str(FONT_DIRS / "truetype/dejavu" / FALLBACK[role])
    if rel not in _warned:
        _warned.add(rel)
        why = "missing" if not path.exists() else "lacks Kazakh letters"
        print(f"make_set: font {path} {why}; using DejaVu ({Path(fb).name}) instead", file=sys.stderr)
    return fb


@cache
def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def pick_fonts(rng: random.Random) -> dict[str, str]:
    """One typeface per role for a document (index shared across regular/bold so they pair)."""
    out = {}
    serif_i, sans_i = rng.randrange(len(FONTS["serif"])), rng.randrange(len(FONTS["sans_bold"]))
    out["serif"] = usable_font(FONTS["serif"][serif_i], "serif")
    out["serif_bold"] = usable_font(FONTS["serif_bold"][serif_i], "serif_bold")
    out["sans"] = usable_font(FONTS["sans"][sans_i], "sans")
    out["sans_bold"] = usable_font(FONTS["sans_bold"][sans_i], "sans_bold")
    out["mono"] = usable_font(rng.choice(FONTS["mono"]), "mono")
    out["italic"] = usable_font(rng.choice(FONTS["italic"]), "italic")
    return out
