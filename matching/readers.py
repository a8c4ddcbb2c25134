"""One diploma page read field by field: series and numbers by their shape wherever they stand (a
programme code such as 6B07101 never one), the typed fields after their anchors in the chosen profile
and the generic vocabulary, an IIN with no anchor when its control digit holds, the commission's
decision date, the degree and the honours mark, and the name (`matching.name_readers`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from matching import templates
from matching.iin import check_iin
from matching.name_readers import name_parts, names_anchored
from matching.page_text import PageText, Reader, is_programme_code
from matching.patterns import (
    AFTER_ANCHOR,
    KZ_DECISION_DATE,
    OWN_FORMAT_FIRST,
    OWN_FORMAT_GLUED,
    OWN_FORMAT_NUMBER_LENGTHS,
    REGISTRATION_WEAK,
    RU_DECISION_DATE,
    SERIES_NUMBER,
    TEXT_AFTER_ANCHOR,
    TWELVE_DIGITS,
    UPPER,
    calendar_date,
    digits,
    month_number,
    normalize_programme_code,
    normalize_series,
    numeric_date,
)
from matching.templates import FieldRule, Profile
from muragat.messages import Message
from muragat.messages.catalog.matching import Code


def _number_alternatives(page: PageText, start: int, end: int, value: str) -> list[str]:
    """Other readings of a number from the re-read words it is made of (`Word.readings`)."""
    words = [w for w in page.words(start, end) if w.readings]
    if len(words) != 1:
        return []
    word = words[0]
    own = digits(re.sub(r"\D", "", word.text)) or ""
    if not own or own not in value:
        return []
    return [value.replace(own, r, 1) for r in word.readings if r.isdigit() and r != own]


def _series_number(reader: Reader, formats: Sequence[templates.SeriesFormat], profile: str) -> None:
    page = reader.page
    for m in SERIES_NUMBER.finditer(page.text):
        number = digits(m.group("number"))
        raw_series = m.group("series")
        if number is None or not re.search(rf"[{UPPER}]", raw_series):
            continue
        span = m.start("series"), m.end("number")
        if not m.group("sign") and is_programme_code(page, *span):
            continue  # 6B07101 is a programme code, never a series and number
        if raw_series[0].isdigit() and not m.group("sign"):
            continue
        series, flags = normalize_series(raw_series, len(number))
        weight = 1.0 if m.group("sign") == "№" else 0.8
        known = [f for f in formats if re.fullmatch(f.series, series, re.IGNORECASE)]
        if (
            known
            and not any(len(number) in f.digits for f in known)
            or not known
            and len(number) not in (6, 7, *OWN_FORMAT_NUMBER_LENGTHS)
        ):
            weight *= 0.5
            flags.append(Message(Code.UNUSUAL_NUMBER_LENGTH, length=len(number)))
        tag = profile if known else templates.GENERIC
        reader.add("diploma_series", page.found(series, *span, weight, flags=flags, profile=tag), *span)
        reader.add("diploma_number", page.found(number, *span, weight, flags=list(flags), profile=tag), *span)
        for other in _number_alternatives(page, m.start("number"), m.end("number"), number):
            alt = page.found(other, *span, weight * 0.4, flags=[*flags, Message(Code.ANOTHER_NUMBER_READING)])
            alt.source, alt.profile = "reread", tag
            reader.out.setdefault("diploma_number", []).append(alt)


def _own_format_glued(reader: Reader) -> None:
    page = reader.page
    for m in OWN_FORMAT_GLUED.finditer(page.text):
        series = OWN_FORMAT_FIRST[m.group("first")] + "D"
        flags = [Message(Code.SERIES_READ_AS, series=m.group("first") + page.text[m.start() + 1])]
        for name, value in (("diploma_series", series), ("diploma_number", m.group("number"))):
            found = page.found(value, *m.span(), 0.6, flags=list(flags), profile=templates.GENERIC)
            reader.add(name, found, *m.span())


def _institution_nominative(text: str) -> str:
    """«… Қазақстан университетіне» → «… Қазақстан университеті»; «в Южно-… университет» unchanged."""
    text = " ".join(text.split()).strip(" ,.;")
    text = re.sub(r"^в\s+", "", text)
    return re.sub(r"(\w+(?:ті|ты|сі|сы))(?:не|на)$", r"\1", text)


def _value_of(name: str, raw: str) -> Any:
    """A field's value from the text an anchor gave, or None where it is not one."""
    raw = raw.strip()
    if name in ("registration_number", "protocol_number"):
        value = digits(raw)
        return (value.lstrip("0") or "0") if value else None
    if name == "iin":
        value = digits(raw)
        return value if value and len(value) == 12 else None
    if name in ("enrollment_year", "graduation_year"):
        return int(raw) if raw.isdigit() and 1900 <= int(raw) <= 2100 else None
    if name in ("protocol_date", "issue_date"):
        return numeric_date(raw)
    if name == "program_code":
        return normalize_programme_code(raw) if re.fullmatch(r"\d[A-ZА-Я8]?\d{5,6}", raw.upper()) else None
    if name == "institution":
        value = _institution_nominative(raw)
        return value if len(value) >= 8 else None
    value = " ".join(raw.split()).strip(' ,.;:«»"')
    return value or None


def _anchored(reader: Reader, name: str, rule: FieldRule, profile: str) -> None:
    page = reader.page
    after = AFTER_ANCHOR.get(name, TEXT_AFTER_ANCHOR)
    for anchor in rule.anchors:
        for m in anchor.regex.finditer(page.text):
            if "value" in anchor.regex.groupindex and m.group("value") is not None:
                start, end, raw = m.start("value"), m.end("value"), m.group("value")
            elif (v := after.match(page.text, m.end())) is not None:
                start, end, raw = v.start("value"), v.end("value"), v.group("value")
            else:
                continue
            if not page.in_zone(start, end, rule.zone):
                continue
            value = _value_of(name, raw)
            if value is None:
                continue
            found = page.found(value, start, end, anchor.weight, profile=profile)
            if name == "iin":
                check = check_iin(value)
                if check.flag is not None:
                    found.confidence = round(found.confidence * 0.5, 3)
                    found.flags.append(check.flag)
            reader.add(name, found, start, end)
            if name in ("registration_number", "iin"):
                for other in _number_alternatives(page, start, end, str(digits(raw) or "")):
                    alt_value = _value_of(name, other)
                    if alt_value is not None and alt_value != value:
                        alt = page.found(alt_value, start, end, anchor.weight * 0.4, profile=profile)
                        alt.source, alt.flags = "reread", ["another reading of the number"]
                        reader.out.setdefault(name, []).append(alt)


def _iin_unanchored(reader: Reader) -> None:
    page = reader.page
    for m in TWELVE_DIGITS.finditer(page.text):
        value = m.group("iin")
        if check_iin(value).valid:  # no anchor: only a valid IIN counts
            reader.add(
                "iin", page.found(value, m.start(), m.end(), 0.8, profile=templates.GENERIC), *m.span()
            )


def _registration_weak(reader: Reader) -> None:
    if reader.out.get("registration_number"):
        return
    page = reader.page
    for m in REGISTRATION_WEAK.finditer(page.text):
        value = digits(m.group("reg"))
        if value:
            found = page.found(
                value.lstrip("0") or "0", m.start(), m.end("reg"), 0.5, profile=templates.GENERIC
            )
            reader.add("registration_number", found, m.start("reg"), m.end("reg"))


def _decision_dates(reader: Reader) -> None:
    """The commission's decision («от 8 июня 2015 года», «2015 жылғы 8 маусым»): the issue date, and a
    weaker reading of the graduation year."""
    page = reader.page
    for pattern in (RU_DECISION_DATE, KZ_DECISION_DATE):
        for m in pattern.finditer(page.text):
            issued = calendar_date(m.group("y"), month_number(m.group("m")), m.group("d"))
            if issued:
                generic = templates.GENERIC
                reader.add(
                    "issue_date", page.found(issued.isoformat(), *m.span(), 0.9, profile=generic), *m.span()
                )
                year = page.found(issued.year, *m.span("y"), 0.6, profile=generic)
                reader.add("graduation_year", year, *m.span("y"))


def _choice(reader: Reader, name: str, rule: FieldRule, profile: str) -> None:
    page = reader.page
    for value, phrases in rule.values.items():
        for phrase in phrases:
            if m := re.search(phrase, page.text, re.IGNORECASE):
                reader.add(name, page.found(value, *m.span(), profile=profile), *m.span())
                return


def _flag(reader: Reader, name: str, rule: FieldRule, profile: str) -> None:
    page = reader.page
    for anchor in rule.anchors:
        if m := anchor.regex.search(page.text):
            reader.add(name, page.found(True, *m.span(), profile=profile), *m.span())
            return


_TYPED: tuple[templates.FieldName, ...] = (
    "iin", "registration_number", "enrollment_year", "graduation_year", "program_code", "program_name",
    "qualification", "institution", "protocol_number", "protocol_date", "issue_date",
)  # fmt: skip


def _rules(chosen: Profile | None, generic: Profile) -> list[tuple[str, Profile]]:
    return [(p.name, p) for p in (chosen, generic) if p is not None]


def read_page(
    page: PageText, reader: Reader, chosen: Profile | None, generic: Profile, headings: frozenset[str]
) -> None:
    _own_format_glued(reader)  # first: «М099592864021» would otherwise read as series М, number 099592864021
    _series_number(reader, chosen.series if chosen else [], chosen.name if chosen else templates.GENERIC)
    for tag, profile in _rules(chosen, generic):
        for name in _TYPED:
            if (rule := profile.fields.get(name)) is not None:
                _anchored(reader, name, rule, tag)
    _iin_unanchored(reader)
    _registration_weak(reader)
    _decision_dates(reader)
    for tag, profile in _rules(chosen, generic):
        if (rule := profile.fields.get("name")) is not None:
            names_anchored(reader, rule, tag, headings)
        name_parts(reader, profile, tag, headings)
    for tag, profile in _rules(chosen, generic):
        if (rule := profile.fields.get("degree")) is not None and not reader.out.get("degree"):
            _choice(reader, "degree", rule, tag)
        if (rule := profile.fields.get("honors")) is not None and not reader.out.get("honors"):
            _flag(reader, "honors", rule, tag)
