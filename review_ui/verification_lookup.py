"""A verifier's lookup: the query (series and number plus IIN or surname), the registry record that
agrees best with it, what differs, and the answer with the registry record (IIN masked unless shown in
full, which is logged) and the confirmed scans.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from matching.names import fold
from muragat.text import LATIN_TO_CYRILLIC
from review_ui.labels import DIPLOMA_FIELDS
from review_ui.personal_data import access_entry, mask_iin
from review_ui.review_rows import same_value
from storage.models import Document, Graduate, GraduatePublic, User

Result = Literal["found", "not_found", "found_with_differences"]
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"  # no control characters: a NUL can neither be stored nor searched


class VerifyQuery(BaseModel):
    diploma_series: str = Field(min_length=1, max_length=20, pattern=PRINTABLE)
    diploma_number: str = Field(min_length=1, max_length=30, pattern=PRINTABLE)
    iin: str | None = Field(
        default=None, max_length=20, pattern=PRINTABLE, description="the holder's IIN, or give last_name"
    )
    last_name: str | None = Field(default=None, max_length=200, pattern=PRINTABLE)
    reveal_iin: bool = Field(default=False, description="show the record's IIN in full (logged)")


class ScanOut(BaseModel):
    document_id: uuid.UUID
    match_id: uuid.UUID
    filename: str
    kind: str | None
    decision: str
    page_count: int
    scan_urls: list[str]
    scan_differences: list[str]
    verification_url: str | None = Field(description="the public link; none where no address is set")
    qr_url: str | None
    link_problem: dict[str, Any] | None = Field(
        default=None, description="why no link is issued (a message: code and parameters)"
    )


class VerifyAnswer(BaseModel):
    result: Result
    differences: list[str] = Field(default_factory=list, description="asked fields that differ")
    unconfirmed: list[str] = Field(default_factory=list, description="asked fields the registry lacks")
    iin_shown: Literal["masked", "full"] = "masked"
    graduate: dict[str, Any] | None = None
    documents: list[ScanOut] = Field(default_factory=list)


def normal_series(value: str | None) -> str:
    """Series compared without case, spaces or dashes, with Latin look-alikes read as Cyrillic."""
    text = unicodedata.normalize("NFC", value or "").casefold()
    return re.sub(r"[\s\-‐-―]", "", text).translate(LATIN_TO_CYRILLIC)


def normal_number(value: str | None) -> str:
    return re.sub(r"[\s№]", "", value or "")


@dataclass
class Comparison:
    graduate: Graduate
    differences: list[str] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)
    person_agrees: bool = False


def _compare(query: VerifyQuery, graduate: Graduate) -> Comparison:
    c = Comparison(graduate)
    if normal_series(query.diploma_series) != normal_series(graduate.diploma_series):
        c.differences.append("diploma_series")
    if query.iin:
        if not graduate.iin:
            c.unconfirmed.append("iin")
        elif query.iin.strip() != graduate.iin:
            c.differences.append("iin")
        else:
            c.person_agrees = True
    if query.last_name:
        if fold(query.last_name) != fold(graduate.last_name):
            c.differences.append("last_name")
        else:
            c.person_agrees = True
    return c


def best_comparison(session: Session, query: VerifyQuery) -> Comparison | None:
    """The registry record with this diploma number that agrees best with the query. A record that agrees
    on the number alone (neither the series nor the person) is no answer: showing it would hand a
    stranger's record to whoever guesses a number. A session scoped to one institution
    (`storage.institutions.scope_session`) finds only that institution's graduates."""
    number = normal_number(query.diploma_number)
    found = session.exec(select(Graduate).where(col(Graduate.diploma_number) == number).limit(50)).all()
    comparisons = [_compare(query, g) for g in found]
    plausible = [c for c in comparisons if c.person_agrees or "diploma_series" not in c.differences]
    if not plausible:
        return None
    return min(plausible, key=lambda c: (len(c.differences), not c.person_agrees, len(c.unconfirmed)))


def result_of(c: Comparison | None) -> Result:
    if c is None:
        return "not_found"
    return "found" if not c.differences and c.person_agrees else "found_with_differences"


def scan_differences(document: Document, graduate: Graduate) -> list[str]:
    record = graduate.model_dump(mode="json")
    return [
        name
        for name in DIPLOMA_FIELDS
        if same_value(name, document.fields.get(name), record.get(name)) is False
    ]


def graduate_record(graduate: Graduate, full_iin: bool) -> dict[str, Any]:
    record = GraduatePublic.model_validate(graduate).model_dump(mode="json", exclude={"id"})
    if not full_iin:
        record["iin"] = mask_iin(graduate.iin)
    return record


def lookup_entries(
    user: User, query: VerifyQuery, answer: VerifyAnswer, best: Comparison | None
) -> list[dict[str, Any]]:
    """The audit entries of a lookup: what was asked and answered, and an IIN shown in full."""
    asked = {
        "diploma_series": query.diploma_series,
        "diploma_number": query.diploma_number,
        "iin": mask_iin(query.iin) if query.iin else None,
        "last_name": query.last_name,
        "result": answer.result,
    }
    graduate = best.graduate if best is not None else None
    entries = [access_entry(user, "verification.lookup", graduate, asked)]
    if graduate is not None and answer.iin_shown == "full" and graduate.iin:
        entries.append(access_entry(user, "iin.shown", graduate, {"where": "verification"}))
    return entries
