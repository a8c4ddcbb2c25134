"""A reviewer's edits: field values checked and coerced, each change a revision with its author and
reason, and a revision's old value restored as a new revision. No FastAPI here: routes call these."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from matching.decisions import SETTLED, after_decision, flush_settled, make_room
from matching.iin import check_iin
from matching.patterns import UPPER, L, normalize_programme_code, normalize_series, numeric_date
from muragat.errors import Conflict, InvalidInput, NotFound
from muragat.messages import Message
from muragat.messages.catalog.errors import Code
from muragat.messages.catalog.matching import DEGREES
from muragat.messages.catalog.review import Code as Reason
from review_ui.labels import DIPLOMA_FIELDS
from review_ui.personal_data import mask_iin
from review_ui.review_rows import restorable
from storage import queries
from storage.models import Document, Graduate, Match, MatchDecision, Revision
from storage.revisions import changes_by, jsonable

# a year field's errors: (not a year, out of range), each naming the field in the reader's words
YEAR_FIELDS = {
    "graduation_year": (Code.GRADUATION_NOT_A_YEAR, Code.GRADUATION_OUT_OF_RANGE),
    "enrollment_year": (Code.ENROLLMENT_NOT_A_YEAR, Code.ENROLLMENT_OUT_OF_RANGE),
}


def coerce(name: str, value: Any) -> Any:
    """A submitted value in the type the field keeps; None removes the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if name in YEAR_FIELDS:
        not_a_year, out_of_range = YEAR_FIELDS[name]
        try:
            year = int(str(value).strip())
        except ValueError:
            raise InvalidInput(Message(not_a_year, value=value)) from None
        if not 1900 <= year <= 2100:
            raise InvalidInput(Message(out_of_range, year=year))
        return year
    if name == "honors":
        if isinstance(value, bool):
            return value
        if str(value).strip().lower() in ("true", "false"):
            return str(value).strip().lower() == "true"
        raise InvalidInput(Message(Code.HONORS_NOT_BOOL, value=value))
    if name == "degree" and value not in DEGREES:
        raise InvalidInput(Message(Code.DEGREE_UNKNOWN, degrees=", ".join(DEGREES), value=value))
    text = " ".join(str(value).split())
    if name in SHAPES:
        return SHAPES[name](text)
    return value if isinstance(value, bool | int) else text


# --- the shapes a value must have: the rules extraction reads by (matching.patterns, matching.iin) ---

NAME = re.compile(rf"[{L}][{L}'ʼ’ -]*")
SERIES = re.compile(rf"(?:[0-9](?=[{UPPER}]))?[{UPPER}]{{1,5}}(?:-[{UPPER}0-9]{{1,2}})?")
PROGRAMME = re.compile(r"\d[A-ZА-Я]?\d{3,7}|\d{2}\.\d{2}\.\d{2}")
REGISTRATION = re.compile(r"[0-9A-Za-zА-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі/ -]{1,30}")


def _iin(text: str) -> str:
    iin = text.replace(" ", "")
    check = check_iin(iin)
    if not check.valid:
        raise InvalidInput(Message(Code.IIN_INVALID, value=text, problems=list(check.problems)))
    return iin


def _date(text: str) -> str:
    """A date as ISO 8601, from YYYY-MM-DD or DD.MM.YYYY (as diplomas print it)."""
    found = numeric_date(text)
    if found is None:
        try:
            found = date.fromisoformat(text).isoformat()
        except ValueError:
            raise InvalidInput(Message(Code.DATE_INVALID, value=text)) from None
    if not "1900-01-01" <= found <= date.today().isoformat():
        raise InvalidInput(Message(Code.DATE_OUT_OF_RANGE, value=text))
    return found


def _series(text: str) -> str:
    series = text.replace(" ", "").upper()
    if not SERIES.fullmatch(series):
        raise InvalidInput(Message(Code.SERIES_SHAPE, value=text))
    return normalize_series(series)[0]


def _number(text: str) -> str:
    number = text.replace(" ", "")
    if not (number.isascii() and number.isdigit() and 6 <= len(number) <= 11):
        raise InvalidInput(Message(Code.NUMBER_SHAPE, value=text))
    return number


def _programme(text: str) -> str:
    code = text.replace(" ", "").upper()
    if not PROGRAMME.fullmatch(code):
        raise InvalidInput(Message(Code.PROGRAMME_SHAPE, value=text))
    return code if "." in code else normalize_programme_code(code)


def _shaped(pattern: re.Pattern[str], code: Code) -> Callable[[str], str]:
    def check(text: str) -> str:
        if not pattern.fullmatch(text):
            raise InvalidInput(Message(code, value=text))
        return text

    return check


SHAPES: dict[str, Callable[[str], str]] = {
    "iin": _iin,
    "issue_date": _date,
    "protocol_date": _date,
    "diploma_series": _series,
    "diploma_number": _number,
    "last_name": _shaped(NAME, Code.NAME_SHAPE),
    "first_name": _shaped(NAME, Code.NAME_SHAPE),
    "patronymic": _shaped(NAME, Code.NAME_SHAPE),
    "program_code": _programme,
    "registration_number": _shaped(REGISTRATION, Code.REGISTRATION_SHAPE),
}


def _check_together(fields: dict[str, Any]) -> None:
    """Rules between fields: studies end after they begin."""
    enrolled, graduated = fields.get("enrollment_year"), fields.get("graduation_year")
    if isinstance(enrolled, int) and isinstance(graduated, int) and enrolled > graduated:
        raise InvalidInput(Message(Code.YEARS_ORDER, enrolled=enrolled, graduated=graduated))


def clean_reason(text: str) -> str:
    """A person's reason, one line, checked: required, at most 900 characters."""
    reason = " ".join(text.split())
    if not reason:
        raise InvalidInput(Message(Code.REASON_MISSING))
    if len(reason) > 900:
        raise InvalidInput(Message(Code.REASON_TOO_LONG))
    return reason


def set_fields(
    session: Session,
    document_id: uuid.UUID,
    fields: dict[str, Any],
    expected: dict[str, Any],
    actor: str,
    reason_text: str,
) -> tuple[Document, list[str], list[Revision]]:
    """Set diploma fields (None removes one) unless someone changed what the reviewer saw meanwhile;
    returns the document, the fields changed and the revisions written, one a changed field."""
    unknown = sorted(set(fields) - set(DIPLOMA_FIELDS))
    if unknown:
        raise InvalidInput(
            Message(Code.FIELDS_UNKNOWN, unknown=", ".join(unknown), known=", ".join(DIPLOMA_FIELDS))
        )
    reason = clean_reason(reason_text)
    values = {name: coerce(name, value) for name, value in fields.items()}
    doc = queries.document(session, document_id, lock=True)
    _check_expected(session, doc, expected)
    updated = dict(doc.fields)
    for name, value in values.items():
        if value is None:
            updated.pop(name, None)
        else:
            updated[name] = value
    changed = sorted(n for n in values if jsonable(doc.fields.get(n)) != jsonable(updated.get(n)))
    _check_together(updated)
    if changed:
        with changes_by(session, actor, reason):
            doc.fields = updated
    return doc, changed, _written(session, doc.id, actor, reason, changed)


def restore(session: Session, revision_id: uuid.UUID, actor: str, why: str) -> Revision:
    """Set a field back to the value it had before a revision, as a new revision, which is returned."""
    rev = session.get(Revision, revision_id)
    if rev is None:
        raise NotFound(Message(Code.REVISION_NOT_FOUND, id=str(revision_id)))
    if not restorable(rev):
        raise Conflict(Message(Code.NOT_RESTORABLE, id=str(rev.id), entity=rev.entity, field=rev.field))
    extra = " ".join(why.split())
    reason = (
        Message(Reason.RESTORED_WHY, id=str(rev.id), why=extra)
        if extra
        else Message(Reason.RESTORED, id=str(rev.id))
    )
    with changes_by(session, actor, reason):
        _apply_old_value(session, rev, actor, str(reason))
    restored = session.exec(
        select(Revision)
        .where(Revision.entity_id == rev.entity_id, Revision.field == rev.field)
        .where(Revision.reason == str(reason)[:1000])
        .order_by(col(Revision.created_at).desc())
    ).first()
    if restored is None:
        raise Conflict(Message(Code.ALREADY_RESTORED, field=rev.field, id=str(rev.id)))
    return restored


def _written(
    session: Session, entity_id: uuid.UUID, actor: str, reason: str, names: list[str]
) -> list[Revision]:
    """The revisions a change just wrote: the newest ones of these fields with this author and reason."""
    if not names:
        return []
    return list(
        session.exec(
            select(Revision)
            .where(Revision.entity_id == entity_id, Revision.actor == actor, Revision.reason == reason)
            .where(col(Revision.field).in_([f"fields.{n}" for n in names]))
            .order_by(col(Revision.created_at).desc())
            .limit(len(names))
        ).all()
    )


def _check_expected(session: Session, doc: Document, expected: dict[str, Any]) -> None:
    """A Conflict naming each field that no longer holds what the reviewer saw: its value now, who set
    it and when, so the second writer knows what they would overwrite."""
    moved = sorted(n for n, seen in expected.items() if not _still(doc.fields.get(n), seen))
    if moved:
        raise Conflict(Message(Code.CHANGED_MEANWHILE, fields=[_now(session, doc, name) for name in moved]))


def _still(now: Any, seen: Any) -> bool:
    """Whether the value is what the reviewer saw: as stored, or masked as their page showed an IIN."""
    return _as_text(now) == _as_text(seen) or (isinstance(now, str) and bool(now) and mask_iin(now) == seen)


def _now(session: Session, doc: Document, name: str) -> Message:
    last = session.exec(
        select(Revision.actor, Revision.created_at)
        .where(Revision.entity_id == doc.id, Revision.field == f"fields.{name}")
        .order_by(col(Revision.created_at).desc())
        .limit(1)
    ).first()
    actor, at = (last[0], f"{last[1]:%Y-%m-%d %H:%M} UTC") if last else ("-", "-")
    return Message(Code.FIELD_NOW, field=name, value=_as_text(doc.fields.get(name)), actor=actor, at=at)


def _as_text(value: object) -> str:
    """A value as a form input holds it, to compare what the reviewer saw with what is stored."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _apply_old_value(session: Session, rev: Revision, actor: str, reason: str) -> None:
    old = rev.old_value
    if rev.entity == "match":
        found = session.get(Match, rev.entity_id)
        if found is None:
            raise NotFound(Message(Code.MATCH_GONE, id=str(rev.entity_id)))
        doc = queries.document(session, found.document_id, lock=True)  # as decide(): the document first
        match = session.get_one(Match, rev.entity_id, with_for_update=True)
        graduate = session.get(Graduate, match.graduate_id)
        key = graduate.graduate_id if graduate else "-"
        if MatchDecision(old) in SETTLED:  # a restored confirm is refused while another graduate holds it
            make_room(session, match, key, actor, reason)
        match.decision = MatchDecision(old)
        flush_settled(session)
        matches = list(session.exec(select(Match).where(Match.document_id == doc.id)))
        if (status := after_decision(doc, matches, key, MatchDecision(old), actor)) is not None:
            doc.status = status[0]
            doc.explain(status[1])
        return
    doc = queries.document(session, rev.entity_id, lock=True)
    name = rev.field.removeprefix("fields.")
    updated = dict(doc.fields)
    if old is None:
        updated.pop(name, None)
    else:
        updated[name] = old
    doc.fields = updated
