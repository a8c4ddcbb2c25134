"""hOCR (the HTML flavour of OCR output that search engines and viewers read) from a `PageResult`."""

from __future__ import annotations

from html import escape

from ocr.model import PageResult


def _bbox(left: int, top: int, right: int, bottom: int) -> str:
    return f"bbox {left} {top} {right} {bottom}"


def to_hocr(result: PageResult, *, image_name: str = "") -> str:
    """One hOCR document for the page: blocks, lines and words with boxes and confidence (x_wconf)."""
    image = escape(f'"{image_name}"')
    lang = {"kk": "kk", "ru": "ru"}.get(result.language or "", "")
    lang_attribute = f' xml:lang="{lang}" lang="{lang}"' if lang else ""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"',
        '    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        f'<html xmlns="http://www.w3.org/1999/xhtml"{lang_attribute}>',
        "<head>",
        "<title></title>",
        '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
        f'<meta name="ocr-system" content="muragat ({escape(result.source)})"/>',
        '<meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_line ocrx_word"/>',
        "</head>",
        "<body>",
        f'<div class="ocr_page" id="page_{result.number}" title="image {image}; '
        f'{_bbox(0, 0, result.width, result.height)}; ppageno {result.number - 1}">',
    ]
    block: int | None = None
    for index, line in enumerate(result.lines, 1):
        if not line.words:
            continue
        if line.words[0].block != block:
            if block is not None:
                out.append("</div>")
            block = line.words[0].block
            out.append(f'<div class="ocr_carea" id="block_{result.number}_{block}">')
        left = min(w.box.left for w in line.words)
        top = min(w.box.top for w in line.words)
        right = max(w.box.left + w.box.width for w in line.words)
        bottom = max(w.box.top + w.box.height for w in line.words)
        out.append(
            f'<span class="ocr_line" id="line_{result.number}_{index}" '
            f'title="{_bbox(left, top, right, bottom)}">'
        )
        for position, word in enumerate(line.words, 1):
            box = word.box
            title = f"{_bbox(box.left, box.top, box.left + box.width, box.top + box.height)}; "
            title += f"x_wconf {round(word.confidence * 100)}"
            out.append(
                f'<span class="ocrx_word" id="word_{result.number}_{index}_{position}" title="{title}">'
                f"{escape(word.text)}</span>"
            )
        out.append("</span>")
    if block is not None:
        out.append("</div>")
    out += ["</div>", "</body>", "</html>", ""]
    return "\n".join(out)
