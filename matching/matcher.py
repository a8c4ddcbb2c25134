"""A first matcher: exact keys (diploma series and number, then IIN) against the graduate registry.

A match is `auto_matched` only when two independent keys point to the same graduate and none
contradicts; one key alone sends the candidate to a reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from matching.fields import normalize_series
from storage.models import Graduate, MatchDecision

SCORE_PER_KEY = {"diploma": 0.6, "iin": 0.5, "surname": 0.2, "year": 0.1}


@dataclass
class Candidate:
    graduate: Graduate
    keys: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return round(
            min(1.0, sum(SCORE_PER_KEY[k] for k in self.keys)) * (0.5 if self.contradictions else 1), 3
        )

    @property
    def decision(self) -> MatchDecision:
        strong = self.keys & {"diploma", "iin"}
        if len(strong) >= 2 or (strong and "surname" in self.keys and "year" in self.keys):
            return MatchDecision.needs_review if self.contradictions else MatchDecision.auto_matched
        return MatchDecision.needs_review


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b) and a.strip().casefold() == b.strip().casefold()  # type: ignore[union-attr]


def find_candidates(session: Session, fields: dict[str, Any]) -> list[Candidate]:
    found: dict[str, Candidate] = {}

    def candidate(g: Graduate) -> Candidate:
        return found.setdefault(g.graduate_id, Candidate(g))

    number = fields.get("diploma_number")
    if number:
        series = fields.get("diploma_series")
        for g in session.exec(select(Graduate).where(Graduate.diploma_number == number)).all():
            if series and g.diploma_series and normalize_series(g.diploma_series) != series:
                continue
            c = candidate(g)
            c.keys.add("diploma")
            c.reasons.append("diploma series and number equal")
    iin = fields.get("iin")
    if iin:
        for g in session.exec(select(Graduate).where(Graduate.iin == iin)).all():
            c = candidate(g)
            c.keys.add("iin")
            c.reasons.append("IIN equal")
    for c in found.values():
        g = c.graduate
        if fields.get("last_name"):
            if _same_name(fields["last_name"], g.last_name):
                c.keys.add("surname")
                c.reasons.append("surname equal")
            else:
                c.contradictions.append("surname differs")
                c.reasons.append(f"surname differs: {fields['last_name']} / {g.last_name}")
        if fields.get("graduation_year"):
            if fields["graduation_year"] == g.graduation_year:
                c.keys.add("year")
                c.reasons.append("graduation year equal")
            else:
                c.contradictions.append("graduation year differs")
                c.reasons.append(
                    f"graduation year differs: {fields['graduation_year']} / {g.graduation_year}"
                )
        if iin and g.iin and g.iin != iin:
            c.contradictions.append("IIN differs")
            c.reasons.append("IIN differs")
    return sorted(found.values(), key=lambda c: -c.score)
