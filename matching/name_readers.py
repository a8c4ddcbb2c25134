"""A graduate's name on a diploma page: after an anchor (in the dative where the sentence puts it
there), part by part after labels, or, with no anchor, by its size (the largest line of two or three
name-shaped words). A Latin name is checked against the Cyrillic one by transliteration, and is the
reading, in Cyrillic letters, where no Cyrillic name was read."""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matching.dative import kazakh_nominative, russian_nominative
from matching.found import Flag, Found, Readings
from matching.names import fold, latin_to_cyrillic, similarity, title
from matching.page_text import PageText, Reader
from matching.patterns import AFTER_ANCHOR, NAME_WORD, L
from matching.templates import Anchor, FieldRule, Profile, Zone
from muragat.messages import Message
from muragat.messages.catalog.matching import Code
from muragat.text import has_kazakh_letters
from ocr.model import Word

NAME_PARTS = ("last_name", "first_name", "patronymic")


def _kazakh_ae(word: str) -> str:
    """OCR reads the Kazakh ә as э (Әлихан, Нұрдәулет): ә in a word spelled with Kazakh letters, а in one
    spelled in Russian letters, so that the word keeps one spelling."""
    if "э" not in word.lower():
        return word
    kazakh = has_kazakh_letters(word)
    return word.replace("э", "ә" if kazakh else "а").replace("Э", "Ә" if kazakh else "А")


def _nominative(words: list[str], anchor: Anchor, context: str) -> list[str]:
    if anchor.case == "dative_ru":
        return russian_nominative(words, context)
    words = [_kazakh_ae(title(w) if w.isupper() else w) for w in words]
    if anchor.case == "dative_kk":
        words[-1] = kazakh_nominative(words[-1])
    return words


def _add_name(
    reader: Reader, words: list[str], printed: list[str], start: int, weight: float, **kw: Any
) -> None:
    page = reader.page
    weight *= 1.0 if len(words) == 3 else 0.8
    for name, word_text, shown in zip(NAME_PARTS, words, printed, strict=False):
        at = page.text.find(shown, start)
        found = page.found(word_text, at, at + len(shown), weight, **kw)
        reader.add(name, found, at, at + len(shown))
        start = at + len(shown)


def names_anchored(reader: Reader, rule: FieldRule, profile: str, headings: frozenset[str]) -> None:
    page = reader.page
    for anchor in rule.anchors:
        for m in anchor.regex.finditer(page.text):
            v = AFTER_ANCHOR["name"].match(page.text, m.end())
            if v is None or not page.in_zone(v.start("value"), v.end("value"), rule.zone):
                continue
            printed = v.group("value").split()
            if not all(NAME_WORD.match(w) for w in printed) or any(fold(w) in headings for w in printed):
                continue
            if not all(w[:1].isupper() for w in printed):
                continue
            context = page.text[v.end() : v.end() + 80]
            words = _nominative(printed, anchor, context)
            if _latin(printed):  # an English column: a Cyrillic reading is the value, this one checks it
                reader.latin.append(words)
                continue
            flags = ["ru" if anchor.case == "dative_ru" else "kk"]
            _add_name(reader, words, printed, v.start("value"), anchor.weight, flags=flags, profile=profile)


_PART_AFTER = re.compile(rf"[ ]*[:\-–]?[ ]*(?P<value>[{L}][{L}-]+)(?=[ ,.;]|$)", re.MULTILINE)


def name_parts(reader: Reader, profile: Profile, tag: str, headings: frozenset[str]) -> None:
    """A name given part by part: «Тегі: Оразбаева», «Имя: Құралай», «Patronymic: …»."""
    page = reader.page
    for name in NAME_PARTS:
        rule = profile.fields.get(name)  # type: ignore[call-overload]
        for anchor in rule.anchors if rule else []:
            for m in anchor.regex.finditer(page.text):
                v = _PART_AFTER.match(page.text, m.end())
                if v is None or not v.group("value")[:1].isupper() or fold(v.group("value")) in headings:
                    continue
                word = v.group("value")
                if _latin([word]):
                    continue
                start, end = v.span("value")
                if any(s < end and start < e for part in NAME_PARTS for s, e in reader.seen.get(part, [])):
                    continue  # a word of a full name read after a label such as «Тегі, аты, әкесінің аты:»
                value = _kazakh_ae(title(word) if word.isupper() else word)
                found = page.found(value, start, end, anchor.weight, flags=["label"], profile=tag)
                reader.add(name, found, start, end)


def _latin(words: Sequence[str]) -> bool:
    return all(re.fullmatch(r"[A-Za-z-]+", w) for w in words)


@dataclass
class _NameLine:
    words: list[Word]
    start: int
    height: float

    @property
    def texts(self) -> list[str]:
        return [w.text.strip(",.;:") for w in self.words]


def _name_lines(page: PageText, headings: frozenset[str], zone: Zone | None) -> list[_NameLine]:
    """Lines of two to four name-shaped words set larger than the page's text, largest first."""
    lines: dict[int, list[tuple[int, Word]]] = {}
    for start, _, word in page.spans:
        lines.setdefault(word.line, []).append((start, word))
    heights = [w.box.height for _, _, w in page.spans if w.box.height > 0]
    if len(heights) < 5:
        return []
    body = statistics.median(heights)
    found = []
    for items in lines.values():
        words = [w for _, w in items]
        texts = [w.text.strip(",.;:") for w in words]
        if not 2 <= len(words) <= 4 or not all(NAME_WORD.match(t) and t[:1].isupper() for t in texts):
            continue
        if any(fold(t) in headings or t.upper() in headings for t in texts):
            continue
        height = statistics.median(w.box.height for w in words)
        start, end = items[0][0], items[-1][0] + len(words[-1].text)
        # 1.2: capitals have no descenders, so a name in capitals a third larger than the text boxes
        # only a fifth higher than its words do
        if height >= 1.2 * body and page.in_zone(start, end, zone):
            found.append(_NameLine(words, start, height))
    return sorted(found, key=lambda n: -n.height)


def names_by_size(reader: Reader, rule: FieldRule | None, profile: str, headings: frozenset[str]) -> None:
    """Where no anchor precedes the name: the largest name-shaped lines, Cyrillic ones as the value (in
    the nominative, as such pages print it), a Latin one checked against them by transliteration."""
    page = reader.page
    lines = _name_lines(page, headings, rule.zone if rule else None)
    cyrillic = [n for n in lines if not _latin(n.texts)][:2]
    latin = [n for n in lines if _latin(n.texts)][:1]
    for line in cyrillic:
        words = [_kazakh_ae(title(t) if t.isupper() else t) for t in line.texts[:3]]
        flags: list[Flag] = ["kk" if has_kazakh_letters("".join(words)) else "ru", Message(Code.NAME_BY_SIZE)]
        agree = [n for n in latin if _latin_agrees(n.texts, words)]
        weight = 0.9
        if agree:
            flags.append(Message(Code.LATIN_NAME_AGREES))
            weight = 1.0
        elif latin:
            flags.append(Message(Code.LATIN_NAME_DIFFERS, name=" ".join(latin[0].texts)))
        _add_name(reader, words, line.texts[:3], line.start, weight, flags=flags, profile=profile)


def _latin_agrees(latin: list[str], cyrillic: list[str]) -> bool:
    """A Latin name is the Cyrillic one transliterated, in any order of its parts."""
    wanted = sorted(fold(w) for w in cyrillic)
    got = sorted(fold(latin_to_cyrillic(w)) for w in latin)
    if len(wanted) != len(got):
        return False
    return all(similarity(a, b) >= 0.75 for a, b in zip(wanted, got, strict=True))


def cross_check_latin(readings: Readings, latin: list[list[str]]) -> None:
    """A Latin name printed beside the Cyrillic one: agreement after transliteration is flagged on the
    name; where no Cyrillic name was read, the Latin one is the reading, in Cyrillic letters."""
    if not latin:
        return
    cyrillic = [readings[n][0].value for n in NAME_PARTS if readings.get(n)]
    if cyrillic:
        agrees = any(_latin_agrees(words, cyrillic) for words in latin)
        flag = (
            Message(Code.LATIN_NAME_AGREES)
            if agrees
            else Message(Code.LATIN_NAME_DIFFERS, name=" ".join(latin[0]))
        )
        for name in NAME_PARTS:
            for found in readings.get(name, []):
                if flag not in found.flags:
                    found.flags.append(flag)
        return
    for name, word in zip(NAME_PARTS, latin[0], strict=False):
        readings.setdefault(name, []).append(
            Found(
                title(latin_to_cyrillic(word)), 0.5, flags=[Message(Code.READ_FROM_LATIN)], profile="generic"
            )
        )
