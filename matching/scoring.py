"""A candidate's score from independent pieces of evidence, each with its reason, and the decision.

Strong keys each single out one graduate: the diploma's series and number, a valid IIN, the registration
number with the year and institution, and the full name. A match is automatic only when at least two
strong keys agree, nothing contradicts them, and no other candidate holds a key of the document: so a
namesake (same name, other year, institution, number) never is. One wrong automatic match costs more
than a hundred reviews.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from matching.candidates import GraduateRecord
from matching.iin import is_valid_iin
from matching.names import fold, similarity
from matching.patterns import normalize_series
from muragat.messages import Message
from muragat.messages.catalog.matching import DEGREES, Code

STRONG, SUPPORT, AGAINST = "strong", "support", "against"
OTHER_READINGS = "_other_readings"  # key of the fields' other readings (field -> values), for the keys only
DOCUMENT_KEYS = frozenset({"diploma", "iin", "registration"})
NAME_EQUAL = 0.88  # folded names at least this similar are the same name read with an OCR slip or two
NAME_DIFFERENT = 0.7  # below this they are other names
REVIEW_THRESHOLD = 0.35  # the least score worth a reviewer's look
WEIGHTS = {
    "diploma": 0.9, "iin": 0.9, "registration": 0.7, "name": 0.7, "surname": 0.35, "first_name": 0.2,
    "patronymic": 0.2, "graduation_year": 0.2, "enrollment_year": 0.1, "institution": 0.15, "degree": 0.05,
    "issue_date": 0.3, "registration_year": 0.3, "diploma_near": 0.4, "series": 0.05, "program_code": 0.2,
}  # fmt: skip
_STOP = frozenset(
    {
        "атындағы", "имени", "университеті", "университет", "университета", "институт", "института",
        "институты", "ұлттық", "национальный", "академик", "академика",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Evidence:
    key: str
    kind: str  # strong, support or against
    reason: Message


@dataclass
class Scored:
    record: GraduateRecord
    evidence: list[Evidence] = field(default_factory=list)
    decision: str = "needs_review"

    @property
    def strong(self) -> set[str]:
        return {e.key for e in self.evidence if e.kind == STRONG}

    @property
    def against(self) -> list[Evidence]:
        return [e for e in self.evidence if e.kind == AGAINST]

    @property
    def reasons(self) -> list[Message]:
        return [e.reason for e in self.evidence]

    @property
    def score(self) -> float:
        doubt = 1.0
        for e in self.evidence:
            if e.kind != AGAINST:
                doubt *= 1 - WEIGHTS.get(e.key, 0.1)
        value = 1 - doubt
        for _ in self.against:
            value *= 0.5
        return round(value, 3)


def institution_similarity(a: str | None, b: str | None) -> float:
    """Share of one name's distinctive words (by their first four letters, folded) found in the other's:
    «Карагандинский университет имени академика Е.А. Букетова» is «Академик Е.А. Бөкетов атындағы
    Қарағанды университеті»."""

    sa, sb = _stems(a or ""), _stems(b or "")
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


@functools.lru_cache(maxsize=1 << 14)
def _stems(text: str) -> frozenset[str]:
    words = re.findall(r"[^\W\d_]{3,}", text)
    return frozenset(fold(w)[:4] for w in words if w.lower() not in _STOP)


def _digits_apart(a: str, b: str) -> int:
    if len(a) != len(b):
        return max(len(a), len(b))
    return sum(x != y for x, y in zip(a, b, strict=True))


def _name_evidence(fields: dict[str, Any], r: GraduateRecord, out: list[Evidence]) -> None:
    parts: tuple[tuple[str, str, str | None], ...] = (
        ("surname", "last_name", r.last_name),
        ("first_name", "first_name", r.first_name),
        ("patronymic", "patronymic", r.patronymic),
    )
    differs = {"surname": Code.SURNAME_DIFFERS, "first_name": Code.FIRST_NAME_DIFFERS,
               "patronymic": Code.PATRONYMIC_DIFFERS}  # fmt: skip
    equal = {"surname": Code.SURNAME_EQUAL, "first_name": Code.FIRST_NAME_EQUAL,
             "patronymic": Code.PATRONYMIC_EQUAL}  # fmt: skip
    sims: dict[str, float] = {}
    for key, field_name, registered in parts:
        read = fields.get(field_name)
        if not read or not registered:
            continue
        sims[key] = similarity(read, registered)
        if sims[key] < NAME_DIFFERENT:
            out.append(Evidence(key, AGAINST, Message(differs[key], read=read, registered=registered)))
    full = {"surname", "first_name"} <= sims.keys() and (r.patronymic is None or "patronymic" in sims)
    if full and all(s >= NAME_EQUAL for s in sims.values()):
        how = Code.FULL_NAME_EQUAL if all(s == 1 for s in sims.values()) else Code.FULL_NAME_NEARLY_EQUAL
        out.append(Evidence("name", STRONG, Message(how)))
        return
    for key, s in sims.items():
        if s >= NAME_EQUAL:
            out.append(Evidence(key, SUPPORT, Message(equal[key])))


def _degree(value: Any) -> Message | str:
    """A degree as a message, so that a reason names it in the reader's language."""
    return Message(DEGREES[value]) if value in DEGREES else str(value)


def evidence_for(fields: dict[str, Any], r: GraduateRecord) -> list[Evidence]:
    """What the document's fields say for and against one graduate; `fields` holds only usable values
    (an invalid IIN is left out by the caller)."""
    out: list[Evidence] = []
    number = fields.get("diploma_number")
    if number and r.diploma_number:
        series = fields.get("diploma_series")
        reg_series = normalize_series(r.diploma_series or "", len(r.diploma_number))[0]
        apart = _digits_apart(str(number), r.diploma_number)
        same_series = not series or not r.diploma_series or series == reg_series
        reread = r.diploma_number in fields.get(OTHER_READINGS, {}).get("diploma_number", ())
        if apart == 0 and same_series:
            how = Code.DIPLOMA_EQUAL if series else Code.DIPLOMA_NUMBER_EQUAL
            out.append(Evidence("diploma", STRONG, Message(how)))
        elif reread and same_series:
            out.append(Evidence("diploma", STRONG, Message(Code.DIPLOMA_REREAD_EQUAL)))
        elif apart == 0:
            out.append(Evidence("diploma_near", SUPPORT, Message(Code.DIPLOMA_SERIES_DIFFERS, series=series)))
        elif apart == 1:
            out.append(Evidence("diploma_near", SUPPORT, Message(Code.DIPLOMA_ONE_DIGIT)))
        else:
            why = Message(Code.DIPLOMA_DIFFERS, read=number, registered=r.diploma_number)
            out.append(Evidence("diploma", AGAINST, why))
    iin = fields.get("iin")
    if iin and r.iin and is_valid_iin(str(iin)):
        if iin == r.iin:
            out.append(Evidence("iin", STRONG, Message(Code.IIN_EQUAL)))
        else:
            out.append(Evidence("iin", AGAINST, Message(Code.IIN_DIFFERS)))
    year = fields.get("graduation_year")
    if year:
        if int(year) == r.graduation_year:
            out.append(Evidence("graduation_year", SUPPORT, Message(Code.GRADUATION_YEAR_EQUAL)))
        else:
            why = Message(Code.GRADUATION_YEAR_DIFFERS, read=year, registered=r.graduation_year)
            out.append(Evidence("graduation_year", AGAINST, why))
    enrolled = fields.get("enrollment_year")
    if enrolled and r.enrollment_year and int(enrolled) != r.enrollment_year:
        why = Message(Code.ENROLLMENT_YEAR_DIFFERS, read=enrolled, registered=r.enrollment_year)
        out.append(Evidence("enrollment_year", AGAINST, why))
    elif enrolled and r.enrollment_year:
        out.append(Evidence("enrollment_year", SUPPORT, Message(Code.ENROLLMENT_YEAR_EQUAL)))
    code = fields.get("program_code")
    # only for: an old code (5В070200) and a new one (6B07101) may name the same programme
    if code and r.program_code and str(code).upper() == r.program_code.upper().replace("В", "B"):
        out.append(Evidence("program_code", SUPPORT, Message(Code.PROGRAM_CODE_EQUAL)))
    institution = fields.get("institution")
    inst_sim = institution_similarity(institution, r.institution) if institution else None
    if inst_sim is not None and inst_sim >= 0.5:
        out.append(Evidence("institution", SUPPORT, Message(Code.INSTITUTION_EQUAL)))
    reg = fields.get("registration_number")
    reg_reread = r.registration_number in fields.get(OTHER_READINGS, {}).get("registration_number", ())
    if reg and r.registration_number and (str(reg) == r.registration_number or reg_reread):
        if year and int(year) == r.graduation_year and inst_sim is not None and inst_sim >= 0.5:
            out.append(Evidence("registration", STRONG, Message(Code.REGISTRATION_STRONG)))
        else:
            out.append(Evidence("registration_year", SUPPORT, Message(Code.REGISTRATION_EQUAL)))
    issued = fields.get("issue_date")
    if issued and r.issue_date and str(issued) == r.issue_date.isoformat():
        out.append(Evidence("issue_date", SUPPORT, Message(Code.ISSUE_DATE_EQUAL)))
    degree = fields.get("degree")
    if degree and r.degree:
        if degree == r.degree:
            out.append(Evidence("degree", SUPPORT, Message(Code.DEGREE_EQUAL)))
        else:
            why = Message(Code.DEGREE_DIFFERS, read=_degree(degree), registered=_degree(r.degree))
            out.append(Evidence("degree", AGAINST, why))
    _name_evidence(fields, r, out)
    return out


def score_candidates(fields: dict[str, Any], records: Sequence[GraduateRecord]) -> list[Scored]:
    """Candidates with evidence and a decision, best first; those below the review threshold dropped."""
    scored = [Scored(r, evidence_for(fields, r)) for r in records]
    scored.sort(key=lambda s: (-s.score, s.record.graduate_id))
    for s in scored:
        others_hold_keys = any(o is not s and o.strong & DOCUMENT_KEYS for o in scored)
        if len(s.strong) >= 2 and not s.against and not others_hold_keys:
            s.decision = "auto_matched"
    return [s for s in scored if s.decision == "auto_matched" or s.score >= REVIEW_THRESHOLD]
