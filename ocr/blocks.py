"""Text blocks of a page in reading order, each with the language it is in (kaz, rus or eng).

Own-format diplomas are one landscape page in two or three columns, Kazakh | Russian | English, and the
first reading (kaz+rus) turns the English column into Cyrillic look-alike junk («WAS AWARDED» ->
«МГА$ АМГАКРЕО»). After that reading:

1. Columns: on a landscape page, vertical bands that no text line crosses, at least a few characters wide,
   split the page into columns of at least three lines each. Lines are put column by column, left to
   right, keeping Tesseract's order within a column (the two-page spread split of `ocr.layout` knows
   only two columns, and a third one can land in the wrong half of its stacked image).
2. Blocks: Tesseract's blocks, split by column.
3. Suspects: a block of Cyrillic text read from Latin print is mostly letters with Latin twins (А В Е К
   М Н О Р С Т Х У, і һ ғ ү), has few words of the Kazakh word list or common Russian words, and low
   confidence or symbols inside words ($, @, ?, digits amid letters); a block already mostly in Latin
   letters is a suspect too. Pages with only Cyrillic text have none, so they cost nothing extra.
4. All suspect blocks of a page are cropped, stacked and re-read with `eng` in one small Tesseract run;
   a line's English reading is kept when it is mostly Latin words with vowels and more confident than
   the kaz+rus one, and a block becomes runs of English and Cyrillic lines (Tesseract may put a Russian
   text and its English translation below it in one block).
5. Language: "eng" for blocks kept in English; else "kaz" or "rus" by the word evidence of
   `ocr.language` on the block's text; a block without evidence (a name, a number) takes the language of
   the nearest block in its column, else the page's, else the first language asked for.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from muragat.messages import Message
from ocr.cleanup import kazakh_words
from ocr.language import block_language
from ocr.model import Box, Line, PageResult, Word
from ocr.steps import Code, Step, step
from ocr.tesseract import available_languages, read_small

MIN_COLUMN_LINES = 3
MIN_GUTTER_HEIGHTS = 3.0  # a gutter is at least this many median word heights wide
MIN_LETTERS = 12  # smaller blocks (stamp remains, a lone word) are too little to judge
KNOWN_SHARE = 0.3  # a Cyrillic block with fewer known words than this may be misread Latin
SURE_CONFIDENCE = 0.85
JUNK_SHARE = 0.15
LATIN_SHARE = 0.5
LATIN_LIKE_SHARE = 0.6  # about 0.45 in Kazakh and Russian text, 0.65 to 0.9 in Latin print read as Cyrillic
ENGLISH_WORD_SHARE = 0.6  # of the English reading's words: Latin letters only, with a vowel
ENGLISH_MARGIN = 0.05  # mean confidence the English reading must gain
PAD = 12

_RUSSIAN_COMMON = frozenset(
    {
        "для", "что", "как", "это", "при", "или", "года", "году", "также", "имени", "степень", "степени",
        "диплом", "присуждена", "присвоена", "квалификация", "программе", "программы", "специальности",
        "бакалавра", "магистра", "регистрационный", "номер", "город", "республика", "казахстан",
    }
)  # fmt: skip
_LATIN_LIKE = frozenset("АВЕКМНОРСТХУаеорсухіһҒҮүғ")  # Cyrillic letters Latin print is read as
_WORD_LETTERS = re.compile(r"^[^\w]*([^\W\d_]+)[^\w]*$")
_JUNK = re.compile(r"[$@{}\[\]|\\<>?!%^~_]|[^\W\d_]\d|\d[^\W\d_]+\d")
_LATIN_WORD = re.compile(r"^[A-Za-z]*[AEIOUYaeiouy][A-Za-z]*$")


@dataclass
class Block:
    column: int
    lines: list[Line]
    language: str | None = None
    english: list[Line] = field(default_factory=list)


def _line_box(line: Line) -> tuple[int, int, int, int]:
    """left, top, right, bottom of a line's words."""
    boxes = [w.box for w in line.words]
    return (
        min(b.left for b in boxes),
        min(b.top for b in boxes),
        max(b.left + b.width for b in boxes),
        max(b.top + b.height for b in boxes),
    )


def find_columns(lines: list[Line], width: int, height: int) -> list[int]:
    """The x where each column after the first begins (empty on a portrait page or one column)."""
    lines = [line for line in lines if line.words]
    if width < 1.15 * height or len(lines) < 2 * MIN_COLUMN_LINES:
        return []
    covered = np.zeros(width + 1, dtype=bool)
    for line in lines:
        left, _, right, _ = _line_box(line)
        covered[left:right] = True
    word_height = float(np.median([w.box.height for line in lines for w in line.words]))
    inked = np.flatnonzero(covered)
    gaps: list[tuple[int, int]] = []  # (start, end) of empty runs between the first and last ink
    start = None
    for x in range(int(inked[0]), int(inked[-1]) + 1):
        if not covered[x] and start is None:
            start = x
        elif covered[x] and start is not None:
            if x - start >= MIN_GUTTER_HEIGHTS * word_height:
                gaps.append((start, x))
            start = None
    # a gap beside a column of a line or two (a stamp's number, a margin note) is no gutter
    while gaps:
        edges = [0] + [end for _, end in gaps] + [width + 1]
        counts = [
            sum(1 for line in lines if edges[i] <= _line_box(line)[0] < edges[i + 1])
            for i in range(len(edges) - 1)
        ]
        small = [i for i, count in enumerate(counts) if count < MIN_COLUMN_LINES]
        if not small:
            break
        i = small[0]
        neighbours = [j for j in (i - 1, i) if 0 <= j < len(gaps)]
        gaps.pop(min(neighbours, key=lambda j: gaps[j][1] - gaps[j][0]))
    return [end for _, end in gaps]


def _column(line: Line, starts: list[int]) -> int:
    left = _line_box(line)[0]
    return sum(1 for x in starts if left >= x)


def group_blocks(result: PageResult) -> tuple[list[Block], int]:
    """The page's blocks in reading order (column by column), and the number of columns."""
    starts = find_columns(result.lines, result.width, result.height)
    keyed: dict[tuple[int, int], Block] = {}
    for line in result.lines:
        if not line.words:
            continue
        column = _column(line, starts)
        key = (column, line.words[0].block)
        keyed.setdefault(key, Block(column=column, lines=[])).lines.append(line)
    blocks = sorted(keyed.values(), key=lambda b: b.column)  # stable: Tesseract's order within a column
    return blocks, len(starts) + 1


def _words(block: Block) -> list[Word]:
    return [w for line in block.lines for w in line.words if any(ch.isalpha() for ch in w.text)]


def _mean_confidence(words: list[Word]) -> float:
    return sum(w.confidence for w in words) / len(words) if words else 0.0


def looks_misread(block: Block) -> bool:
    """Whether a block reads like Latin print read as Cyrillic (or is Latin already)."""
    words = _words(block)
    letters = [ch for w in words for ch in w.text if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return False
    if sum(ch.isascii() for ch in letters) / len(letters) >= LATIN_SHARE:
        return True
    # Latin print comes back in letters that look like Latin ones; Kazakh and Russian text has fewer
    if sum(ch in _LATIN_LIKE for ch in letters) / len(letters) < LATIN_LIKE_SHARE:
        return False
    known_words = kazakh_words()
    known = 0
    for w in words:
        match = _WORD_LETTERS.match(w.text)
        core = match.group(1).lower() if match else ""
        known += len(core) >= 3 and (core in known_words or core in _RUSSIAN_COMMON)
    if known / len(words) >= KNOWN_SHARE:
        return False
    junk = sum(bool(_JUNK.search(w.text)) for w in words) / len(words)
    return _mean_confidence(words) < SURE_CONFIDENCE or junk >= JUNK_SHARE


def reread_english(blocks: list[Block], image: np.ndarray, *, number: int) -> None:
    """Each block's lines as the English model reads them (`Block.english`), all in one Tesseract run:
    the blocks' crops stacked one under another, the words' boxes mapped back onto the page."""
    height, width = image.shape[:2]
    crops: list[tuple[int, int, np.ndarray]] = []  # page left, page top, crop
    for block in blocks:
        boxes = [_line_box(line) for line in block.lines]
        left, top = max(0, min(b[0] for b in boxes) - PAD), max(0, min(b[1] for b in boxes) - PAD)
        right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
        crops.append((left, top, image[top : min(height, bottom + PAD), left : min(width, right + PAD)]))
    stacked_width = max(c.shape[1] for _, _, c in crops) + 2 * PAD
    rows, row_tops = [], []
    y = 0
    for _, _, crop in crops:
        row = np.full((crop.shape[0] + 2 * PAD, stacked_width), 255, dtype=np.uint8)
        row[PAD : PAD + crop.shape[0], PAD : PAD + crop.shape[1]] = crop
        rows.append(row)
        row_tops.append(y)
        y += row.shape[0]
    english = read_small(Image.fromarray(np.vstack(rows)), languages="eng", psm=6, number=number)
    for line in english.lines:
        if not line.words:
            continue
        _, top, _, bottom = _line_box(line)
        index = max(i for i, row_top in enumerate(row_tops) if row_top <= (top + bottom) // 2)
        page_left, page_top, _ = crops[index]
        dx, dy = page_left - PAD, page_top - PAD - row_tops[index]
        words = []
        for word in line.words:
            box = word.box
            left, top = min(max(0, box.left + dx), width - 1), min(max(0, box.top + dy), height - 1)
            moved = Box(
                left=left, top=top, width=min(box.width, width - left), height=min(box.height, height - top)
            )
            words.append(word.model_copy(update={"box": moved}))
        blocks[index].english.append(Line(words=words))


def _english_is_better(cyrillic: list[Word], english: list[Word]) -> bool | None:
    """Whether an English reading is mostly Latin words with vowels and more confident than the kaz+rus
    one of the same line; None when neither has a word of letters to judge by."""
    english = [w for w in english if any(ch.isalpha() for ch in w.text)]
    cores = [
        core for core in ("".join(ch for ch in w.text if ch.isalpha()) for w in english) if len(core) >= 2
    ]
    if not cores or not cyrillic:
        return None
    latin_share = sum(bool(_LATIN_WORD.match(core)) for core in cores) / len(cores)
    gain = _mean_confidence(english) - _mean_confidence(cyrillic)
    return latin_share >= ENGLISH_WORD_SHARE and gain >= ENGLISH_MARGIN


def split_by_language(block: Block) -> list[Block]:
    """A re-read block as runs of its lines, a run in English where each line's English reading is the
    better one (a line with nothing to judge by goes with the line before it, else after it)."""
    centres = [(_line_box(line)[1] + _line_box(line)[3]) / 2 for line in block.lines]
    english: list[list[Line]] = [[] for _ in block.lines]
    for line in block.english:
        centre = (_line_box(line)[1] + _line_box(line)[3]) / 2
        english[min(range(len(centres)), key=lambda i: abs(centres[i] - centre))].append(line)
    choices = [
        _english_is_better(
            [w for w in line.words if any(ch.isalpha() for ch in w.text)],
            [w for e in english_lines for w in e.words],
        )
        for line, english_lines in zip(block.lines, english, strict=True)
    ]
    known = [c for c in choices if c is not None]
    previous = known[0] if known else False
    runs: list[Block] = []
    for line, english_lines, choice in zip(block.lines, english, choices, strict=True):
        previous = previous if choice is None else choice
        language = "eng" if previous else None
        if not runs or runs[-1].language != language:
            runs.append(Block(column=block.column, lines=[], language=language))
        runs[-1].lines.append(line)
        runs[-1].english.extend(english_lines)
    return runs


def _text(blocks: list[Block]) -> str:
    return "\n".join(line.text for block in blocks for line in block.lines)


def _fallback(languages: str) -> str | None:
    return next((lang for lang in languages.split("+") if lang in ("kaz", "rus")), None)


def set_cyrillic_languages(blocks: list[Block], languages: str) -> None:
    """Each block's language by its own words' evidence; a block without any (a name, a number) takes
    that of the nearest block before it in its column, else after it, else the page's."""
    own = [block_language(_text([b])) for b in blocks]
    page = block_language(_text(blocks)) or _fallback(languages)
    for i, block in enumerate(blocks):
        before = [own[j] for j in range(i - 1, -1, -1) if own[j] and blocks[j].column == block.column]
        after = [own[j] for j in range(i + 1, len(blocks)) if own[j] and blocks[j].column == block.column]
        block.language = own[i] or next(iter(before + after), page)


def _assemble(result: PageResult, blocks: list[Block]) -> PageResult:
    """The page's lines block by block, each word with its block's number and language, and its line and
    position numbered anew."""
    lines: list[Line] = []
    for number, block in enumerate(blocks, 1):
        for line in block.english if block.language == "eng" else block.lines:
            index = len(lines)
            words = [
                w.model_copy(
                    update={"block": number, "line": index, "position": p, "language": block.language}
                )
                for p, w in enumerate(line.words)
            ]
            lines.append(Line(words=words))
    return result.model_copy(update={"lines": lines})


def read_blocks(
    result: PageResult, image: np.ndarray, *, number: int, languages: str
) -> tuple[PageResult, Step]:
    """`result` (read with `languages`, boxes in pixels of `image`) in column order, Latin blocks read
    with the English model, every word with its block's language."""
    blocks, columns = group_blocks(result)
    suspects = [b for b in blocks if looks_misread(b)]
    if suspects and "eng" in available_languages():
        reread_english(suspects, image, number=number)
        blocks = [part for b in blocks for part in (split_by_language(b) if b.english else [b])]
    set_cyrillic_languages([b for b in blocks if b.language != "eng"], languages)
    if not suspects:
        why = Message(Code.BLOCKS_NONE)
    elif "eng" not in available_languages():
        why = Message(Code.BLOCKS_NO_ENG)
    else:
        why = Message(Code.BLOCKS_REREAD)
    return _assemble(result, blocks), step(
        "blocks",
        why,
        columns_found=columns,
        blocks=len(blocks),
        languages=dict(Counter(b.language or "none" for b in blocks)),
        suspects=len(suspects),
        reread_eng=sum(b.language == "eng" for b in blocks),
    )
