"""Coloured ink that is not text (stamps, guilloche security patterns, coloured paper, logos) suppressed,
coloured text (a name in gold, a heading in blue) kept dark.

Dark text is dark in every channel; a red stamp is bright in red, a blue one in blue, pastel paper in all.
The brightest channel of each pixel therefore keeps black text dark and turns coloured ink pale. But it
also erases text printed in colour, so coloured ink is first sorted by its shape, on a copy reduced 4
times:

1. coloured pixels: a wide channel spread and clearly darker (in the darkest channel) than the paper, so
   that tinted paper and pale patterns, whose thin lines fade in the reduced copy, are not ink;
2. one mask per hue (red, yellow/gold, green, blue, violet), so that a red stamp beside a gold name
   stays apart from it; letters are joined into groups by a dilation wider than tall;
3. a group is a text line when it is a band much wider than tall, of a text height, made of several
   letters about the band's height, with the fill of print; a roughly round group is a stamp (and text
   lines inside it are its own); a large sparse group is a pattern; anything else (logos, borders,
   decorations) is not text either.

The page is mapped by the brightest channel (or by luminance when there is hardly any coloured ink), and
the coloured pixels of text lines by their darkest channel, which makes even yellow ink dark. A stamp's own
ink takes the paper's brightness: on a photograph a seal's pale violet is barely more saturated than
the paper, and its brightest channel would still be dark enough to read as ink.
Neutral (grey) pixels have all channels equal, so grey pages are unchanged.

The colours are measured after a white balance that makes the paper neutral: under warm light or on
tinted paper the paper itself has a channel spread, which hides the colour of faded ink.
"""

from __future__ import annotations

import cv2
import numpy as np

from muragat.messages import Message
from ocr.reduction import shrink
from ocr.steps import Code, Step, step

COLOURED_SPREAD = 60  # max - min channel above this: a saturated (coloured) pixel
REDUCE = 4  # shapes are measured on a copy reduced this many times (1 px there: 4 px of a 300 dpi page)
SMALL_SPREAD = 35  # spread of a coloured pixel in the reduced copy, where thin strokes mix with paper
BELOW_PAPER = 60  # a coloured pixel's darkest channel is this far below the paper's
TEXT_SPREAD = 24  # full-resolution pixels of a text line above this spread take the darkest channel
# Hue bounds in OpenCV's half degrees: red and magenta | orange, gold, yellow | green | cyan, blue | violet.
HUE_BOUNDS = (10, 40, 80, 125, 155)
JOIN = (9, 5)  # letters and words of a line join, lines do not (reduced pixels: 36 x 20 at 300 dpi)
LINE_HEIGHT = (3, 55)  # a text line's height, reduced pixels (12-220 px at 300 dpi)
STAMP_SIDE = 30  # a stamp's smallest side, reduced pixels (120 px: a 1 cm seal)
STAMP_LARGEST = 700  # px (6 cm at 300 dpi): no seal is larger, a page's frame is; 0.3 of a larger page
MAX_GAIN = 1.6  # white balance: no channel of the paper is raised more than this (a coloured sheet stays)

PALE = 35  # a pale print pixel: this far below the paper, and lighter than the page's Otsu threshold
DARK_SHARE = 0.05  # a band with more of its ink darker than the threshold is ordinary print

_HUE_BIN = np.searchsorted(np.array(HUE_BOUNDS), np.arange(180), side="right") % len(HUE_BOUNDS)


def _channel(image: np.ndarray, morph: int) -> np.ndarray:
    """The brightest (cv2.MORPH_DILATE) or darkest (MORPH_ERODE) channel of each pixel: a 3-wide running
    max or min along each row of interleaved RGB, read at every green, far cheaper than cv2.split."""
    rows = image.reshape(image.shape[0], -1)
    return np.ascontiguousarray(cv2.morphologyEx(rows, morph, np.ones((1, 3), np.uint8))[:, 1::3])


def coloured_share(image: np.ndarray) -> float:
    """The share of saturated pixels in a sample of every 8th pixel of every 8th row."""
    sample = np.ascontiguousarray(image[::8, ::8])
    spread = cv2.subtract(_channel(sample, cv2.MORPH_DILATE), _channel(sample, cv2.MORPH_ERODE))
    return float((spread > COLOURED_SPREAD).mean())


def coloured_ink(small: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The reduced RGB page -> a mask of coloured ink and the hue group (0-4) of each pixel."""
    low = _channel(small, cv2.MORPH_ERODE)
    spread = cv2.subtract(_channel(small, cv2.MORPH_DILATE), low)
    paper = int(np.median(low[::4, ::4]))
    ink = (spread > SMALL_SPREAD) & (low < paper - BELOW_PAPER)
    hue = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)[:, :, 0]
    return ink, _HUE_BIN[hue]


Box = tuple[int, int, int, int]  # x, y, width, height in the reduced copy


def white_balanced(image: np.ndarray, small: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The RGB page and its reduced copy with each channel scaled so that the paper (the median of the
    reduced copy, mostly paper on any page) is neutral; the paper's brightest channel is unchanged."""
    paper = np.median(small.reshape(-1, 3)[::7], axis=0)
    gains = np.clip(paper.max() / np.maximum(paper, 1), 1, MAX_GAIN)
    if np.all(gains < 1.02):
        return image, small
    lut = np.clip(np.arange(256)[:, None] * gains[None, :], 0, 255).astype(np.uint8)
    balanced = np.dstack([cv2.LUT(image[:, :, c], lut[:, c]) for c in range(3)])
    return balanced, np.dstack([cv2.LUT(small[:, :, c], lut[:, c]) for c in range(3)])


def _letter_heights(letters: np.ndarray) -> np.ndarray:
    """The heights of the letter-sized pieces (not specks) of one group's ink."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(letters, connectivity=8)
    return stats[1:][stats[1:, cv2.CC_STAT_AREA] >= 3, cv2.CC_STAT_HEIGHT]


def classify(
    ink: np.ndarray, stamp_largest: int, page_area: int
) -> tuple[list[Box], list[Box], dict[str, int]]:
    """One hue's ink mask (reduced, cropped to its ink) -> the boxes of its text lines, those of its
    stamps, and the count of each kind of group suppressed."""
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, JOIN))
    count, groups, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    ink_in_group = np.bincount(groups[ink > 0], minlength=count)
    kinds = {"stamp": 0, "pattern": 0, "other": 0}
    text: list[Box] = []
    stamps: list[Box] = []
    for g in range(1, count):
        if ink_in_group[g] < 6:
            continue  # a speck: left to the page's mapping
        x, y, w, h, _ = (int(v) for v in stats[g])
        # the dilation widened each group: back to the extent of its ink
        x, y, w, h = x + JOIN[0] // 2, y + JOIN[1] // 2, max(1, w - JOIN[0] + 1), max(1, h - JOIN[1] + 1)
        fill = ink_in_group[g] / (w * h)
        band = LINE_HEIGHT[0] <= h <= LINE_HEIGHT[1] and w >= 1.8 * h and 0.08 <= fill <= 0.85
        if band:
            letters = ((groups[y : y + h, x : x + w] == g) & (ink[y : y + h, x : x + w] > 0)).astype(np.uint8)
            heights = _letter_heights(letters)
            band = len(heights) >= 2 and np.median(heights) >= 0.35 * h
        if band:
            text.append((x, y, w, h))
        elif min(w, h) >= STAMP_SIDE and max(w, h) <= stamp_largest and 0.6 <= w / h <= 1.7:
            kinds["stamp"] += 1
            stamps.append((x, y, w, h))
        elif w * h > 0.05 * page_area and fill < 0.2:
            kinds["pattern"] += 1
        else:
            kinds["other"] += 1
    if len(stamps) > 3:  # no page bears that many seals of one colour: pieces of a pattern
        kinds["pattern"] += kinds["stamp"]
        kinds["stamp"], stamps = 0, []
    # the text across a seal's middle is the seal's
    inside = [
        any(sx <= x + w / 2 <= sx + sw and sy <= y + h / 2 <= sy + sh for sx, sy, sw, sh in stamps)
        for x, y, w, h in text
    ]
    return [box for box, seal in zip(text, inside, strict=True) if not seal], stamps, kinds


def _spread_and_hues(crop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An RGB crop's channel spread and hue group (0-4) of each pixel."""
    spread = cv2.subtract(_channel(crop, cv2.MORPH_DILATE), _channel(crop, cv2.MORPH_ERODE))
    return spread, _HUE_BIN[cv2.cvtColor(crop, cv2.COLOR_RGB2HSV)[:, :, 0]]


def _stamp_largest(height: int, width: int) -> int:
    """The largest side of a seal on a page of this size, in reduced pixels."""
    return max(STAMP_LARGEST, int(0.3 * min(height, width))) // REDUCE


def _darken_text(
    gray: np.ndarray, image: np.ndarray, ink: np.ndarray, boxes: list[Box], hue: int, paper: int
) -> None:
    """In place: the ink of the text lines `boxes` of one hue (reduced mask `ink`) takes its darkest
    channel.

    Only pixels of that hue and clearly darker than the paper count as the text's ink, so that a pale
    pattern or another colour crossing the line stays pale; much darker pixels (ink over ink) count too.
    """
    height, width = gray.shape
    margin = 3  # reduced pixels: accents and strokes too thin to show in the reduced copy
    for x, y, w, h in boxes:
        x, y = max(0, x - margin), max(0, y - margin)
        w, h = min(ink.shape[1] - x, w + 2 * margin), min(ink.shape[0] - y, h + 2 * margin)
        x0, y0 = x * REDUCE, y * REDUCE
        x1, y1 = min(width, (x + w) * REDUCE), min(height, (y + h) * REDUCE)
        near = cv2.dilate(ink[y : y + h, x : x + w], np.ones((2 * margin + 1, 2 * margin + 1), np.uint8))
        near = cv2.resize(near, (w * REDUCE, h * REDUCE), interpolation=cv2.INTER_NEAREST)
        crop = image[y0:y1, x0:x1]
        low = _channel(crop, cv2.MORPH_ERODE)
        spread, hues = _spread_and_hues(crop)
        here = near[: y1 - y0, : x1 - x0].astype(bool) & (spread > TEXT_SPREAD)
        own = here & (hues == hue)
        if not own.any():
            continue
        dark = float(np.percentile(low[own], 5))
        text = here & (low < dark + 0.15 * (paper - dark))
        text |= own & (low < dark + 0.4 * (paper - dark))
        gray[y0:y1, x0:x1][text] = low[text]


def _clear_stamps(gray: np.ndarray, image: np.ndarray, boxes: list[Box], hue: int, paper: int) -> None:
    """In place: the coloured pixels of `hue` inside the stamps `boxes` (reduced) take the paper's
    brightness, and so do their paler fringes. Text printed under or over a seal is much darker than the
    seal's ink in its brightest channel, so it stays."""
    height, width = gray.shape
    for x, y, w, h in boxes:
        x0, y0 = max(0, (x - 2) * REDUCE), max(0, (y - 2) * REDUCE)
        x1, y1 = min(width, (x + w + 2) * REDUCE), min(height, (y + h + 2) * REDUCE)
        crop = image[y0:y1, x0:x1]
        spread, hues = _spread_and_hues(crop)
        region = gray[y0:y1, x0:x1]
        seal = (spread > TEXT_SPREAD) & (hues == hue)
        if not seal.any():
            continue
        # the seal's own ink (its typical brightness, not much darker) and the paler fringes of its strokes;
        # text crossing it is far darker, whatever it is printed under or over
        level = float(np.median(region[seal]))
        fringe = cv2.dilate(seal.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        region[fringe & (region >= level - 0.25 * (paper - level)) & (region < paper)] = paper


def pale_print(gray: np.ndarray) -> tuple[np.ndarray, int]:
    """A grey page with its lines of pale print made dark, and how many there were.

    A gold or silver name scanned in grey is a band of light grey that the page's one Otsu threshold
    would turn to paper. Bands of ink lighter than that threshold, shaped as text lines by the same rules
    as coloured text, are stretched so that their darkest part is as dark as print; a band with more than
    a few pixels darker than the threshold is ordinary print and is left alone."""
    small = shrink(gray, REDUCE)
    paper = int(np.median(small[::4, ::4]))
    # the threshold of the full page (sampled), not of the reduced copy, where strokes mix with paper
    sample = np.ascontiguousarray(gray[::2, ::2])
    threshold = cv2.threshold(sample, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[0]
    ink = (small < paper - PALE).astype(np.uint8)
    if not ink.any() or paper - PALE <= threshold:
        return gray, 0
    height, width = gray.shape
    boxes, _, _ = classify(ink, _stamp_largest(height, width), ink.size)
    out, lines = gray, 0
    for x, y, w, h in boxes:
        x0, y0 = max(0, (x - 2) * REDUCE), max(0, (y - 2) * REDUCE)
        x1, y1 = min(width, (x + w + 2) * REDUCE), min(height, (y + h + 2) * REDUCE)
        crop = gray[y0:y1, x0:x1]
        strokes = crop < paper - PALE
        if strokes.sum() < 20 or (crop < threshold).sum() > DARK_SHARE * strokes.sum():
            continue
        darkest = float(np.percentile(crop[strokes], 5))
        if out is gray:
            out = gray.copy()
        # paper stays paper, the darkest of the strokes becomes print black (30)
        scale = (paper - 30) / max(1.0, paper - darkest)
        region = out[y0:y1, x0:x1]
        lighter = region < paper
        stretched = paper - (paper - region[lighter].astype(np.float32)) * scale
        region[lighter] = np.clip(stretched, 0, 255).astype(np.uint8)
        lines += 1
    return out, lines


def suppress_colour(image: np.ndarray) -> tuple[np.ndarray, Step]:
    """An RGB (H, W, 3) or grey (H, W) uint8 array -> grey, with coloured ink lightened except text, and
    pale print on a page without colour made dark."""
    if image.ndim == 2:
        gray, pale = pale_print(image)
        if pale:
            return gray, step(
                "ink", Message(Code.INK_PALE_PRINT, lines=pale), applied=True, kept_text_regions=pale
            )
        return image, step("ink", Message(Code.INK_GREYSCALE), applied=False)
    height, width = image.shape[:2]
    original = image
    image, small = white_balanced(image, shrink(image, REDUCE))
    ink, hues = coloured_ink(small)
    share = coloured_share(image)
    stamp_largest = _stamp_largest(height, width)
    texts: list[tuple[int, np.ndarray, list[Box]]] = []
    seals: list[tuple[int, list[Box]]] = []
    kinds = {"stamp": 0, "pattern": 0, "other": 0}
    for hue in np.unique(hues[ink]) if ink.any() else []:
        mask = (ink & (hues == hue)).astype(np.uint8)
        x, y, w, h = cv2.boundingRect(mask)
        if w * h < 6:
            continue
        # classified on the hue's own extent, padded so that the joining dilation is not cut
        x0, y0 = max(0, x - JOIN[0]), max(0, y - JOIN[1])
        x1, y1 = min(mask.shape[1], x + w + JOIN[0]), min(mask.shape[0], y + h + JOIN[1])
        boxes, stamps, found = classify(mask[y0:y1, x0:x1], stamp_largest, mask.size)
        if boxes:
            texts.append((int(hue), mask, [(bx + x0, by + y0, bw, bh) for bx, by, bw, bh in boxes]))
        if stamps:
            seals.append((int(hue), [(bx + x0, by + y0, bw, bh) for bx, by, bw, bh in stamps]))
        kinds = {k: kinds[k] + found[k] for k in kinds}
    lines = sum(len(boxes) for _, _, boxes in texts)
    if share < 0.0005 and not lines and not seals:
        gray, pale = pale_print(cv2.cvtColor(original, cv2.COLOR_RGB2GRAY))
        if pale:
            return gray, step(
                "ink", Message(Code.INK_PALE_PRINT, lines=pale), applied=True, kept_text_regions=pale
            )
        return gray, step("ink", Message(Code.INK_NONE), applied=False, coloured_share=round(share, 4))
    gray = _channel(image, cv2.MORPH_DILATE)
    paper = int(np.median(_channel(np.ascontiguousarray(small[::4, ::4]), cv2.MORPH_DILATE)))
    for hue, boxes in seals:
        _clear_stamps(gray, image, boxes, hue, paper)
    for hue, mask, boxes in texts:
        _darken_text(gray, image, mask, boxes, hue, paper)
    return gray, step(
        "ink",
        Message(Code.INK_KEPT_TEXT, lines=lines) if lines else Message(Code.INK_LIGHTENED),
        applied=True,
        coloured_share=round(share, 4),
        kept_text_regions=lines,
        suppressed_regions=sum(kinds.values()),
        stamps=kinds["stamp"],
        patterns=kinds["pattern"],
        other_shapes=kinds["other"],
    )
