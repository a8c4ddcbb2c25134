"""Diploma fields from OCR words, each with the words it came from, a confidence, flags and the template
profile (or the generic reader) that read it.

Fields are found by labels and positions, not by whole-sentence formulas: every field has anchors in
Kazakh, Russian and English (`matching/templates/*.yaml`); the value follows the anchor, or the anchor
carries it. The profile that best fits the document is tried first, the generic vocabulary after it.
A name with no anchor before it is found by its size (the largest line of two or three name-shaped
words), and a Latin name is checked against the Cyrillic one by transliteration. Series and numbers are
found by their shape wherever they stand; a programme code (6B07101, 5В070200) is never one. Each
reading is a vote: the Kazakh and Russian columns, a number printed twice, the other readings of a
re-read number and the QR code. Patterns tolerate what OCR does to these pages: anchors with their first
letters cut off, spaces inside numbers, O/З for 0/3, Latin and Cyrillic look-alikes in series.

This module reads the document and votes among the readings; a page's text with its words' positions is
in `matching.page_text`, the readers in `matching.readers` (typed fields) and `matching.name_readers`,
the QR code's fields in `matching.qr_fields`, the patterns and normalisers in `matching.patterns`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from matching import templates
from matching.found import Flag, Found, Readings
from matching.iin import check_iin
from matching.name_readers import NAME_PARTS, cross_check_latin, names_by_size
from matching.names import fold, latin_to_cyrillic
from matching.page_text import Reader, page_text
from matching.qr_fields import QR_DECIDES, qr_readings
from matching.readers import read_page
from matching.templates import LoadedProfile, Profile
from muragat.messages import Message
from muragat.messages.catalog.matching import Code
from muragat.text import has_kazakh_letters
from ocr.model import PageResult


@dataclass
class Extraction:
    fields: dict[str, Found] = field(default_factory=dict)
    rows: list[dict[str, Found]] = field(default_factory=list)  # a ledger's graduate rows
    profile: str | None = None  # the template profile chosen, None for the generic reader alone
    detected: list[str] = field(default_factory=list)  # the profile's phrases found in the document

    def values(self) -> dict[str, Any]:
        return {name: found.value for name, found in self.fields.items()}


# --- choosing among readings -----------------------------------------------------------------------


def _key(name: str, value: Any) -> Any:
    if name in ("last_name", "first_name", "patronymic", "institution", "program_name", "qualification"):
        return fold(str(value))
    if name == "diploma_series":  # a QR code may spell a Cyrillic series in Latin letters: ZHB is ЖБ
        return latin_to_cyrillic(str(value).replace("-", "").replace(" ", ""))
    return value


def _has_code(flags: list[Flag], code: Code) -> bool:
    return any(isinstance(f, Message) and f.code == code for f in flags)


def _prefer(name: str, group: list[Found]) -> Found:
    """Within readings that agree, the one to show: for names, a Kazakh-page reading with Kazakh letters."""
    if name in ("last_name", "first_name", "patronymic"):
        kazakh = [f for f in group if has_kazakh_letters(str(f.value))]
        if kazakh:
            return max(kazakh, key=lambda f: f.confidence)
    # a reading with words on the page (the reviewer sees where), before a QR code's or a re-read's
    return max(group, key=lambda f: (f.source == "ocr", f.confidence))


def vote(name: str, readings: list[Found]) -> Found:
    groups: dict[Any, list[Found]] = {}
    for found in readings:
        groups.setdefault(_key(name, found.value), []).append(found)
    ranked = sorted(groups.values(), key=lambda g: -sum(f.confidence for f in g))
    if name == "iin":  # a reading whose control digit holds beats one whose does not
        ranked.sort(key=lambda g: not check_iin(str(g[0].value)).valid)
    if name in QR_DECIDES:  # a decoded QR code is exact (error-corrected): it beats any number of OCR reads
        ranked.sort(key=lambda g: not any(f.source == "qr" for f in g))
    best = ranked[0]
    chosen = _prefer(name, best)
    doubt = 1.0
    for f in best:
        doubt *= 1 - f.confidence
    # the markers (language, label) and "another reading of the number" stay behind; the doubts go on
    flags: list[Flag] = [
        f for f in chosen.flags if isinstance(f, Message) and f.code != Code.ANOTHER_NUMBER_READING
    ]
    confidence = 1 - doubt
    if len(ranked) > 1:
        for other in ranked[1:3]:
            flags.append(Message(Code.ANOTHER_READING, value=_prefer(name, other).value))
        confidence *= sum(f.confidence for f in best) / sum(f.confidence for g in ranked[:2] for f in g)
    alternatives = [_prefer(name, group).value for group in ranked[1:]]
    return Found(
        chosen.value, round(confidence, 3), chosen.page, chosen.words, chosen.source, flags, chosen.profile,
        alternatives,
    )  # fmt: skip


# --- the document --------------------------------------------------------------------------------


def heading_words(*profiles: Profile | None) -> frozenset[str]:
    """The profiles' title words, never a person's name: folded, and in capitals as printed."""
    words = [h for p in profiles if p is not None for h in p.headings]
    return frozenset(fold(h) for h in words) | frozenset(h.upper() for h in words)


def extract_fields(
    pages: list[PageResult],
    loaded: Sequence[LoadedProfile] | None = None,
    force: Profile | None = None,
    kind: str | None = None,
) -> Extraction:
    """A document's fields, voting across its pages, its columns in each language and its QR codes; read
    with the profile that fits best (or `force`) and the generic vocabulary."""
    loaded = loaded if loaded is not None else templates.profiles()
    generic = templates.generic(loaded)
    texts = [page_text(result) for result in pages]
    joined = "\n".join(t.text for t in texts)
    chosen: Profile | None
    if force is not None:
        chosen, detected = force, force.detected(joined)
    else:
        chosen, detected = templates.choose(loaded, joined, kind)
    headings = heading_words(chosen, generic)
    readings: Readings = {}
    latin: list[list[str]] = []
    for page in texts:
        reader = Reader(page, readings)
        read_page(page, reader, chosen, generic, headings)
        latin += reader.latin
    if not any(readings.get(n) for n in NAME_PARTS):
        rule = chosen.fields.get("name") if chosen else None
        tag = chosen.name if chosen else templates.GENERIC
        for page in texts:
            names_by_size(Reader(page, readings), rule, tag, headings)
    cross_check_latin(readings, latin)
    qr_readings(pages, readings)
    extraction = Extraction(
        {name: vote(name, found) for name, found in readings.items() if found},
        profile=chosen.name if chosen else None,
        detected=detected,
    )
    if "honors" not in extraction.fields and pages:
        extraction.fields["honors"] = Found(False, 0.6, flags=[Message(Code.NO_HONOURS_MARK)])
    iin = extraction.fields.get("iin")
    flag = check_iin(str(iin.value)).flag if iin is not None else None
    if iin is not None and flag is not None and not _has_code(iin.flags, Code.INVALID_IIN):
        iin.flags.append(flag)
    return extraction
