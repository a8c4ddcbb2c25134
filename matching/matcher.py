"""From extracted fields to scored candidates: what the matching stage and the benchmark both call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matching.candidates import CandidateSource, Query
from matching.found import Found
from matching.iin import check_iin
from matching.names import fold
from matching.scoring import OTHER_READINGS, SUPPORT, Evidence, Scored, score_candidates
from muragat.messages import Message
from muragat.messages.catalog.matching import Code

REVIEW_CANDIDATES = 5  # candidates kept for a reviewer where nothing matched automatically


def usable_values(found: dict[str, Found]) -> dict[str, Any]:
    """Field values that may serve as evidence: an invalid IIN is kept in the fields, never used."""
    values: dict[str, Any] = {name: f.value for name, f in found.items()}
    if "iin" in values and not check_iin(str(values["iin"])).valid:
        del values["iin"]
    others = {
        name: list(found[name].alternatives)
        for name in ("diploma_number", "registration_number")
        if name in found
    }
    if any(others.values()):
        values[OTHER_READINGS] = others
    return values


def match_values(
    values: dict[str, Any], source: CandidateSource, limit: int = REVIEW_CANDIDATES
) -> list[Scored]:
    """The automatic match alone where there is one, else up to `limit` candidates for review.

    Graduates found only by name cannot hold a document key, so they cannot stop an automatic match
    among those found by the keys: the name blocks are searched only where there is none."""
    query = Query.from_fields(values)
    exact = source.exact(query)
    for other in values.get(OTHER_READINGS, {}).get("diploma_number", ()):  # a re-read's other number
        exact += source.exact(Query(diploma_number=str(other)))
    exact = list({r.graduate_id: r for r in exact}.values())
    scored = score_candidates(values, exact)
    auto = [s for s in scored if s.decision == "auto_matched"]
    if auto:
        return auto[:1]
    pool = list({r.graduate_id: r for r in exact + source.named(query)}.values())
    return score_candidates(values, pool)[:limit]


def match_diploma(found: dict[str, Found], source: CandidateSource) -> list[Scored]:
    return match_values(usable_values(found), source)


ROW_CANDIDATES = 3  # candidates kept for a reviewer on a ledger row that matched nobody automatically


@dataclass
class RowMatch:
    """A ledger row's candidates: its automatic match alone, or up to ROW_CANDIDATES for review."""

    row: int
    candidates: list[Scored]

    @property
    def settled(self) -> bool:
        return any(s.decision == "auto_matched" for s in self.candidates)


def match_ledger(rows: list[dict[str, Found]], source: CandidateSource) -> list[RowMatch]:
    """Candidates per ledger row, a graduate once a document: the automatic matches are given first, so
    that a row's review candidate never takes the graduate another row matched on two keys."""
    found = [match_values(usable_values(row), source) for row in rows]
    owner: dict[str, int] = {}  # a graduate matched automatically on two rows belongs to the first
    for index, scored in enumerate(found):
        if scored and scored[0].decision == "auto_matched":
            owner.setdefault(scored[0].record.graduate_id, index)
    taken = set(owner)
    matches: list[RowMatch] = []
    for index, scored in enumerate(found):
        number = index + 1
        if scored and scored[0].decision == "auto_matched":
            chosen = scored[:1] if owner[scored[0].record.graduate_id] == index else []
        else:
            chosen = [s for s in scored if s.record.graduate_id not in taken][:ROW_CANDIDATES]
            taken.update(s.record.graduate_id for s in chosen)
        for s in chosen:
            s.evidence.insert(0, Evidence("row", SUPPORT, Message(Code.LEDGER_ROW, number=number)))
        matches.append(RowMatch(number, chosen))
    return matches


def registry_spelling(found: dict[str, Found], scored: Scored) -> list[str]:
    """Names as the registry writes them, where an automatic match's name is the same after folding
    (the Russian page or the OCR lost a Kazakh letter), and numbers as the registry has them, where that
    is another reading of the number; returns the fields it changed."""
    record = scored.record
    changed = []
    for name, registered_number in (
        ("diploma_number", record.diploma_number),
        ("registration_number", record.registration_number),
    ):
        f = found.get(name)
        if f is not None and registered_number in f.alternatives and f.value != registered_number:
            f.flags.append(Message(Code.REGISTRY_NUMBER_READING, value=f.value))
            f.value = registered_number
            changed.append(name)
    for name, registered in (
        ("last_name", record.last_name),
        ("first_name", record.first_name),
        ("patronymic", record.patronymic),
    ):
        f = found.get(name)
        if f is None or not registered or f.value == registered or fold(f.value) != fold(registered):
            continue
        f.flags.append(Message(Code.SPELLED_AS_REGISTRY, value=f.value))
        f.value = registered
        changed.append(name)
    return changed
