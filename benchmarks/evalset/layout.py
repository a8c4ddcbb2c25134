"""Page layout and rendering: lines of text in columns, ruled tables, drawn with Pillow; the text read off
a page in reading order is its truth."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from .fonts import font


@dataclass
class Seg:
    text: str
    font: str = "body"  # a role of the document's style
    color: tuple = (20, 20, 20)


@dataclass
class Line:
    segs: list[Seg]
    size: int = 44
    align: str = "left"  # left | center
    gap: float = 0.0  # extra space before, in line heights
    tag: str = ""  # "protect": a stamp must not cover it
    wrap: bool = True

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segs)


def L(text: str, size: int = 44, font: str = "body", color=(20, 20, 20), **kw) -> Line:  # noqa: N802
    return Line([Seg(text, font, color)], size=size, **kw)


@dataclass
class Column:
    x0: int
    x1: int
    y0: int
    lines: list[Line]
    spacing: float = 1.5


@dataclass
class Page:
    w: int
    h: int
    columns: list[Column]
    style: dict  # role -> font path
    paper: tuple = (255, 255, 255)
    under: list = field(default_factory=list)  # callables(img, draw, rng) before the text
    over: list = field(default_factory=list)  # callables(img, draw, rng, boxes) after the text
    tables: list = field(default_factory=list)  # Table objects (text cells drawn in ruled grid)
    order: list[str] | None = None  # reading order of parts ("col0", "table0", ...); default columns, tables


@dataclass
class Table:
    x0: int
    y0: int
    widths: list[int]
    rows: list[list[str]]
    size: int = 34
    row_h: int = 0
    font: str = "body"
    header_font: str = "body_bold"


def wrap_lines(col: Column, style: dict) -> None:
    out = []
    width = col.x1 - col.x0
    for ln in col.lines:
        if not ln.wrap or len(ln.segs) != 1:
            out.append(ln)
            continue
        seg = ln.segs[0]
        ft = font(style[seg.font], ln.size)
        words, cur, first = seg.text.split(" "), "", True
        for w in words:
            cand = w if not cur else cur + " " + w
            if cur and ft.getlength(cand) > width:
                out.append(
                    Line([Seg(cur, seg.font, seg.color)], ln.size, ln.align, ln.gap if first else 0, ln.tag)
                )
                first, cur = False, w
            else:
                cur = cand
        out.append(Line([Seg(cur, seg.font, seg.color)], ln.size, ln.align, ln.gap if first else 0, ln.tag))
    col.lines = out


def render(page: Page, rng: random.Random) -> tuple[Image.Image, str, list]:
    img = Image.new("RGB", (page.w, page.h), page.paper)
    draw = ImageDraw.Draw(img)
    for fn in page.under:
        fn(img, draw, rng)
    boxes = []  # (tag, box)
    parts: dict[str, str] = {}
    for ci, col in enumerate(page.columns):
        wrap_lines(col, page.style)
        y = col.y0
        col_text = []
        for ln in col.lines:
            lh = int(ln.size * col.spacing)
            y += int(ln.gap * lh)
            fonts = [font(page.style[s.font], ln.size) for s in ln.segs]
            width = sum(f.getlength(s.text) for f, s in zip(fonts, ln.segs, strict=True))
            x = col.x0 if ln.align == "left" else int((col.x0 + col.x1 - width) / 2)
            x0 = x
            for f, s in zip(fonts, ln.segs, strict=True):
                draw.text((x, y), s.text, font=f, fill=s.color)
                x += f.getlength(s.text)
            boxes.append((ln.tag, (x0, y, int(x), y + ln.size)))
            col_text.append(ln.text)
            y += lh
        parts[f"col{ci}"] = "\n".join(t for t in col_text if t.strip())
    for ti, t in enumerate(page.tables):
        parts[f"table{ti}"] = draw_table(draw, t, page.style, boxes)
    for fn in page.over:
        fn(img, draw, rng, boxes)
    text = "\n".join(x for x in (parts[k] for k in (page.order or list(parts))) if x)
    return img, text, boxes


def column_height(col: Column, style: dict) -> int:
    wrap_lines(col, style)
    return sum(int(ln.gap * int(ln.size * col.spacing)) + int(ln.size * col.spacing) for ln in col.lines)


def draw_table(draw: ImageDraw.ImageDraw, t: Table, style: dict, boxes: list) -> str:
    rh = t.row_h or int(t.size * 1.9)
    xs = [t.x0]
    for w in t.widths:
        xs.append(xs[-1] + w)
    y = t.y0
    lines = []
    for r, row in enumerate(t.rows):
        f = font(style[t.header_font if r == 0 else t.font], t.size)
        cells = []
        for c, cell in enumerate(row):
            txt = cell
            while (
                f.size > 18 and f.getlength(txt) > t.widths[c] - 16
            ):  # shrink rather than cut: truth is exact
                f = font(style[t.header_font if r == 0 else t.font], max(18, f.size - 2))
            draw.text((xs[c] + 8, y + (rh - t.size) // 2 - 2), txt, font=f, fill=(20, 20, 20))
            cells.append(txt)
        boxes.append(("table", (xs[0], y, xs[-1], y + rh)))
        lines.append(" | ".join(cells))
        y += rh
    for i in range(len(t.rows) + 1):
        draw.line([(xs[0], t.y0 + i * rh), (xs[-1], t.y0 + i * rh)], fill=(60, 60, 60), width=2)
    for x in xs:
        draw.line([(x, t.y0), (x, y)], fill=(60, 60, 60), width=2)
    return "\n".join(lines)


def render_page(page, rng: random.Random) -> tuple[Image.Image, str]:
    if isinstance(page, tuple):
        return page
    img, text, _ = render(page, rng)
    return img, text
