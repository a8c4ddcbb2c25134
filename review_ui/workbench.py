"""The reviewers' workbench: the queue ordered by need, the document page (scan, words, fields, candidate
graduates, history), field edits and restores; every change is a revision with its author and reason."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from sqlalchemy import case, exists
from sqlmodel import Session, col, func, select

from muragat.errors import Conflict, InvalidInput, NotFound
from muragat.text import fold_letters
from review_ui.i18n import Translator
from review_ui.labels import N_, label
from review_ui.web import render, translator
from storage import queries
from storage.db import session_scope
from storage.matches import matches_with_graduates
from storage.models import (
    Document,
    DocumentStatus,
    Graduate,
    GraduatePublic,
    Match,
    MatchDecision,
    Page,
    Revision,
)
from storage.revisions import changes_by, jsonable

router = APIRouter()

# the diploma fields a reviewer may edit, in the order the page shows them
DIPLOMA_FIELDS: dict[str, str] = {
    "last_name": N_("Surname"),
    "first_name": N_("First name"),
    "patronymic": N_("Patronymic"),
    "iin": N_("IIN"),
    "diploma_series": N_("Diploma series"),
    "diploma_number": N_("Diploma number"),
    "registration_number": N_("Registration number"),
    "issue_date": N_("Issue date"),
    "graduation_year": N_("Graduation year"),
    "enrollment_year": N_("Enrollment year"),
    "degree": N_("Degree"),
    "honors": N_("With honours"),
    "institution": N_("Institution"),
    "program_code": N_("Programme code"),
    "program_name": N_("Programme name"),
    "qualification": N_("Qualification"),
    "protocol_number": N_("Commission protocol number"),
    "protocol_date": N_("Commission protocol date"),
}
# registry values shown with a candidate that the document has no field for
REGISTRY_ONLY: dict[str, str] = {
    "graduate_id": N_("Registry ID"),
    "birth_date": N_("Birth date"),
    "gender": N_("Gender"),
    "study_form": N_("Study form"),
    "study_language": N_("Study language"),
}
OTHER_LABELS: dict[str, str] = {
    "status": N_("Status"),
    "status_reason": N_("Status reason"),
    "kind": N_("Kind"),
    "page_count": N_("Pages"),
    "field_evidence": N_("Where the fields were read"),
    "attempts": N_("Attempts"),
    "decision": N_("Decision"),
    "score": N_("Score"),
    "reasons": N_("Reasons"),
}
PAGE_LANGUAGES: dict[str, str] = {
    "kk": N_("Kazakh"),
    "ru": N_("Russian"),
    "en": N_("English"),
    "mixed": N_("Kazakh and Russian"),
}
DEGREES: dict[str, str] = {
    "bachelor": N_("bachelor"),
    "master": N_("master"),
    "specialist": N_("specialist"),
    "doctor": N_("doctor"),
}
YEAR_FIELDS = frozenset({"graduation_year", "enrollment_year"})
NAME_FIELDS = frozenset({"last_name", "first_name", "patronymic", "institution", "program_name"})
STEP_LABELS: dict[str, str] = {
    "orientation": N_("Orientation"),
    "rotation": N_("Rotation"),
    "deskew": N_("Skew correction"),
    "resolution": N_("Resolution"),
    "background": N_("Background"),
    "ink": N_("Ink colour"),
    "denoise": N_("Noise reduction"),
    "binarize": N_("Binarisation"),
    "cleanup": N_("Clean-up"),
    "layout": N_("Layout"),
    "recognize": N_("Recognition"),
    "check": N_("Check"),
    "language": N_("Language"),
    "qr": N_("QR code"),
    "why": N_("Why"),
    "applied": N_("applied"),
    "angle": N_("angle"),
    "confidence": N_("confidence"),
    "scale": N_("scale"),
    "words": N_("words"),
    "count": N_("count"),
    "spread": N_("two-page spread"),
    "sigma": N_("noise level"),
    "threshold": N_("threshold"),
    "text_height": N_("text height, px"),
    "ink_share": N_("share of ink"),
    "coloured_share": N_("share of coloured pixels"),
    "paper_low": N_("paper brightness, low"),
    "paper_high": N_("paper brightness, high"),
    "rows": N_("row profile"),
    "columns": N_("column profile"),
    "gutter_x": N_("gutter at x"),
    "osd_rotation": N_("rotation by OSD"),
    "changed": N_("changed"),
    "sheet": N_("Photographed sheet"),
    "despeckle": N_("Specks"),
    "sheet_share": N_("share of the image the sheet covers"),
    "edge": N_("sharpness of the sheet's edge"),
    "corners": N_("corners of the sheet"),
    "speck_share": N_("share of specks"),
    "blocks": N_("Text blocks"),
    "columns_found": N_("columns found"),
    "digits": N_("Numbers re-read"),
    "languages": N_("languages of the blocks"),
    "suspects": N_("blocks suspected of Latin print"),
    "reread_eng": N_("blocks read in English"),
    "disagreements": N_("re-reads that disagree"),
    "three_or_five": N_("3 or 5 decided by the digit's shape"),
    "kept_text_regions": N_("lines of coloured text kept"),
    "suppressed_regions": N_("coloured shapes suppressed"),
    "stamps": N_("stamps"),
    "patterns": N_("security patterns"),
    "other_shapes": N_("other coloured shapes"),
}
PAGE_SOURCES: dict[str, str] = {"tesseract": N_("Tesseract OCR"), "text_layer": N_("the PDF's text layer")}
RESTORED = re.compile(r"restored from revision (?P<id>[0-9a-f-]{36})(?:: (?P<why>.*))?", re.DOTALL)
DECIDED = re.compile(r"review: (?P<decision>confirmed|rejected): (?P<why>.*)", re.DOTALL)
QUEUE_STATUSES = (DocumentStatus.needs_review, DocumentStatus.processed)
QUEUE_LIMIT = 1000
HISTORY_LIMIT = 2000
VALUE_PREVIEW = 160


class FieldsUpdate(BaseModel):
    fields: dict[str, Any]
    reason: str = ""
    # the values the reviewer saw; a field changed by someone else since then is refused, not overwritten
    expected: dict[str, Any] | None = None


class RestoreRequest(BaseModel):
    reason: str = ""


# --- reading ---------------------------------------------------------------------------------------


def queue_rows(session: Session) -> list[tuple[Document, float | None]]:
    """Documents waiting for a reviewer: needs_review first, then the lowest mean page confidence.
    A document whose match a reviewer confirmed has left the queue."""
    mean = func.avg(Page.confidence)
    confirmed = select(Match.id).where(
        col(Match.document_id) == col(Document.id), col(Match.decision) == MatchDecision.confirmed
    )
    return [
        (doc, float(conf) if conf is not None else None)
        for doc, conf in session.exec(
            select(Document, mean)
            .outerjoin(Page, col(Page.document_id) == col(Document.id))
            .where(col(Document.status).in_(QUEUE_STATUSES), ~exists(confirmed))
            .group_by(col(Document.id))
            .order_by(
                case((col(Document.status) == DocumentStatus.needs_review, 0), else_=1),
                func.coalesce(mean, 0.0),
                col(Document.created_at),
            )
            .limit(QUEUE_LIMIT)
        ).all()
    ]


def top_candidates(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[Match, Graduate]]:
    best: dict[uuid.UUID, tuple[Match, Graduate]] = {}
    for match, graduate in session.exec(
        select(Match, Graduate)
        .join(Graduate, col(Graduate.id) == col(Match.graduate_id))
        .where(col(Match.document_id).in_(ids))
        .order_by(col(Match.score).desc())
    ).all():
        best.setdefault(match.document_id, (match, graduate))
    return best


def neighbours(ids: list[uuid.UUID], current: uuid.UUID) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """Previous and next in the queue; a document no longer queued leads to the queue's first."""
    if current not in ids:
        return None, ids[0] if ids else None
    at = ids.index(current)
    return (ids[at - 1] if at > 0 else None), (ids[at + 1] if at + 1 < len(ids) else None)


def fold(value: object) -> str:
    """Names compared case-insensitively with Kazakh letters as Russian spelling writes them."""
    return fold_letters(" ".join(str(value).split()))


def same_value(name: str, extracted: object, registered: object) -> bool | None:
    """Whether the scan and the registry agree; None where either side has no value."""
    if extracted in (None, "") or registered in (None, ""):
        return None
    if name == "honors":
        return bool(extracted) == bool(registered)
    if name in NAME_FIELDS:
        return fold(extracted) == fold(registered)
    return str(extracted).strip().casefold() == str(registered).strip().casefold()


def display(value: object, t: Translator) -> str:
    """A stored value as the page shows it, in the user's language."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return t.gettext("yes") if value else t.gettext("no")
    if isinstance(value, float):
        return t.number(value)
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= VALUE_PREVIEW else text[: VALUE_PREVIEW - 1] + "…"
    text = str(value)
    if text in DEGREES:
        return t.gettext(DEGREES[text])
    return t.gettext(label(text))


def candidate_rows(session: Session, doc: Document, t: Translator) -> list[dict[str, Any]]:
    """Each candidate graduate's full registry record beside the document's fields, with the match."""
    rows = []
    for match, graduate in matches_with_graduates(session, doc.id):
        record = GraduatePublic.model_validate(graduate).model_dump(mode="json", exclude={"id"})
        compare = [
            {
                "field": name,
                "label": t.gettext(text),
                "extracted": display(doc.fields.get(name), t),
                "registry": display(record.get(name), t),
                "same": same_value(name, doc.fields.get(name), record.get(name)),
            }
            for name, text in DIPLOMA_FIELDS.items()
            if doc.fields.get(name) not in (None, "") or record.get(name) not in (None, "")
        ]
        more = [
            {"field": name, "label": t.gettext(text), "registry": display(record.get(name), t)}
            for name, text in REGISTRY_ONLY.items()
            if record.get(name) not in (None, "")
        ]
        rows.append(
            {
                "match_id": str(match.id),
                "graduate_id": graduate.graduate_id,
                "name": " ".join(
                    p for p in (graduate.last_name, graduate.first_name, graduate.patronymic) if p
                ),
                "score": match.score,
                "score_text": t.number(round(match.score, 2)),
                "decision": str(match.decision),
                "decision_text": t.gettext(label(match.decision)),
                "reasons": [t.gettext(r) for r in match.reasons],
                "record": record,
                "compare": compare,
                "registry_only": more,
                "differences": sum(1 for c in compare if c["same"] is False),
            }
        )
    return rows


def _what(rev: Revision, t: Translator) -> str:
    if rev.field.startswith("fields."):
        name = rev.field.removeprefix("fields.")
        return t.gettext(DIPLOMA_FIELDS.get(name, name))
    if rev.field in ("created", "deleted"):
        return t.gettext("created") if rev.field == "created" else t.gettext("deleted")
    return t.gettext(OTHER_LABELS.get(rev.field, rev.field))


def restorable(rev: Revision) -> bool:
    if rev.entity == "document":
        return rev.field.startswith("fields.") or rev.field == "status"
    return rev.entity == "match" and rev.field == "decision"


def history_rows(session: Session, doc: Document, t: Translator) -> list[dict[str, Any]]:
    """Revisions of the document and of its matches, newest first."""
    graduates = {m.id: g for m, g in matches_with_graduates(session, doc.id)}
    revisions = session.exec(
        select(Revision)
        .where(col(Revision.entity_id).in_([doc.id, *graduates]))
        .where(col(Revision.entity).in_(["document", "match"]))
        .order_by(col(Revision.created_at).desc(), col(Revision.id))
        .limit(HISTORY_LIMIT)
    ).all()
    return [revision_row(rev, t, graduates.get(rev.entity_id)) for rev in revisions]


def revision_row(rev: Revision, t: Translator, graduate: Graduate | None = None) -> dict[str, Any]:
    subject = f"{graduate.graduate_id} {graduate.last_name} {graduate.first_name}" if graduate else ""
    return {
        "id": str(rev.id),
        "entity": rev.entity,
        "entity_id": str(rev.entity_id),
        "field": rev.field,
        "what": _what(rev, t),
        "subject": subject,
        "old": rev.old_value,
        "new": rev.new_value,
        "old_text": "" if rev.field == "created" else display(rev.old_value, t),
        "new_text": "" if rev.field == "created" else display(rev.new_value, t),
        "actor": rev.actor,
        "reason": rev.reason,
        "reason_text": reason_text(rev.reason, t),
        "created_at": rev.created_at.isoformat(),
        "when": t.datetime(rev.created_at),
        "restorable": restorable(rev),
    }


def reason_text(reason: str, t: Translator) -> str:
    """A stored reason as the page shows it: the workbench's own prefixes in the user's language."""
    if m := RESTORED.fullmatch(reason):
        head = t.gettext("restored from an earlier version")
        return f"{head}: {m['why']}" if m["why"] else head
    if m := DECIDED.fullmatch(reason):
        return f"{t.gettext(label(m['decision']))}: {m['why']}"
    return t.gettext(reason)  # the system's own reasons ("processing started", ...) come from the catalog


def field_rows(doc: Document, t: Translator) -> list[dict[str, Any]]:
    """The diploma fields, each with where it was read; none for a document of another kind."""
    if doc.kind != "diploma" and not doc.fields:
        return []
    names = list(DIPLOMA_FIELDS) + [n for n in doc.fields if n not in DIPLOMA_FIELDS]
    rows = []
    for name in names:
        value = doc.fields.get(name)
        evidence = doc.field_evidence.get(name) or {}
        rows.append(
            {
                "name": name,
                "label": t.gettext(DIPLOMA_FIELDS.get(name, name)),
                "value": "" if value is None else value,
                "editable": name in DIPLOMA_FIELDS,
                "confidence": evidence.get("confidence"),
                "page": evidence.get("page"),
                "flags": [t.gettext(f) for f in evidence.get("flags") or []],
                "source": evidence.get("source"),
            }
        )
    return rows


def page_rows(session: Session, doc: Document, t: Translator) -> list[dict[str, Any]]:
    pages = session.exec(select(Page).where(Page.document_id == doc.id).order_by(col(Page.number))).all()
    return [
        {
            "number": p.number,
            "width": p.width,
            "height": p.height,
            "text": p.text,
            "language": p.language,
            "language_text": t.gettext(PAGE_LANGUAGES.get(p.language or "", p.language or "")),
            "confidence": p.confidence,
            "source": t.gettext(PAGE_SOURCES.get(p.source, p.source)),
            "qr_codes": p.qr_codes,
            "steps": [step_view(s, t) for s in p.steps],
            "summary": step_summary(p.steps),
        }
        for p in pages
    ]


def step_view(step: dict[str, Any], t: Translator) -> dict[str, Any]:
    """One preprocessing step, whatever details the OCR stage recorded with it."""
    name = str(step.get("step", ""))
    details = [
        {"key": key, "label": t.gettext(STEP_LABELS.get(key, key)), "value": _detail(value, t)}
        for key, value in step.items()
        if key not in ("step", "why")
    ]
    return {
        "step": name,
        "label": t.gettext(STEP_LABELS.get(name, name)),
        "why": t.gettext(str(step["why"])) if step.get("why") else "",
        "details": details,
    }


def _detail(value: object, t: Translator) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return t.number(value)
    if isinstance(value, list):
        return ", ".join(_detail(v, t) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{t.gettext(str(k))} {_detail(v, t)}" for k, v in value.items())
    return display(value, t)


def step_summary(steps: list[dict[str, Any]]) -> dict[str, float]:
    """The page's rotation and skew correction in degrees: the `rotation` and `angle` of every step that
    was applied (a step that says `applied: false` only measured)."""
    summary: dict[str, float] = {}
    for step in steps:
        if step.get("applied") is False:
            continue
        for key, out in (("rotation", "rotation"), ("angle", "skew")):
            value = step.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool):
                summary[out] = summary.get(out, 0.0) + float(value)
    if "rotation" in summary:
        summary["rotation"] %= 360
    return summary


# --- pages -----------------------------------------------------------------------------------------


@router.get("/queue", response_class=HTMLResponse, include_in_schema=False)
def queue_page(request: Request) -> Response:
    with session_scope(request.app.state.engine) as session:
        rows = queue_rows(session)
        top = top_candidates(session, [doc.id for doc, _ in rows])
    items = [{"doc": doc, "confidence": conf, "top": top.get(doc.id)} for doc, conf in rows]
    return render(request, "queue.html", {"items": items})


@router.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
def document_page(request: Request, document_id: uuid.UUID) -> Response:
    t = translator(request)
    with session_scope(request.app.state.engine) as session:
        doc = queries.document(session, document_id)
        ids = [d.id for d, _ in queue_rows(session)]
        pages = page_rows(session, doc, t)
        context: dict[str, Any] = {
            "doc": doc,
            "fields": field_rows(doc, t),
            "pages": pages,
            "candidates": candidate_rows(session, doc, t),
            "history": history_rows(session, doc, t),
        }
    previous, following = neighbours(ids, doc.id)
    context |= {
        "previous_id": previous,
        "next_id": following,
        "position": ids.index(doc.id) + 1 if doc.id in ids else None,
        "queue_total": len(ids),
        "degrees": DEGREES,
        "viewer": viewer_data(doc, pages, previous, following, t),
    }
    return render(request, "document.html", context)


def viewer_data(
    doc: Document,
    pages: list[dict[str, Any]],
    previous: uuid.UUID | None,
    following: uuid.UUID | None,
    t: Translator,
) -> dict[str, Any]:
    """What the page's script needs: page sizes, where each field was read, the neighbours in the queue,
    and the words for stored values in the user's language (the labels of the template are added there)."""
    return {
        "document_id": str(doc.id),
        "pages": [{"number": p["number"], "width": p["width"], "height": p["height"]} for p in pages],
        "evidence": doc.field_evidence,
        "previous": str(previous) if previous else None,
        "next": str(following) if following else None,
        "decisions": {d.value: t.gettext(label(d.value)) for d in MatchDecision},
        "statuses": {s.value: t.gettext(label(s.value)) for s in DocumentStatus},
    }


# --- JSON ------------------------------------------------------------------------------------------


@router.get("/api/v1/queue", tags=["review"])
def queue_api(request: Request) -> dict[str, Any]:
    """The review queue in order: the ids that next and previous walk through."""
    with session_scope(request.app.state.engine) as session:
        rows = queue_rows(session)
    return {
        "ids": [str(doc.id) for doc, _ in rows],
        "items": [
            {"id": str(doc.id), "filename": doc.filename, "status": str(doc.status), "confidence": conf}
            for doc, conf in rows
        ],
    }


@router.get("/api/v1/documents/{document_id}/candidates", tags=["review"])
def document_candidates(request: Request, document_id: uuid.UUID) -> list[dict[str, Any]]:
    """Candidate graduates with their full registry records, the match and the field-by-field comparison."""
    with session_scope(request.app.state.engine) as session:
        return candidate_rows(session, queries.document(session, document_id), translator(request))


@router.get("/api/v1/documents/{document_id}/history", tags=["review"])
def document_history(request: Request, document_id: uuid.UUID) -> list[dict[str, Any]]:
    with session_scope(request.app.state.engine) as session:
        return history_rows(session, queries.document(session, document_id), translator(request))


def coerce(name: str, value: Any) -> Any:
    """A submitted value in the type the field keeps; None removes the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if name in YEAR_FIELDS:
        try:
            year = int(str(value).strip())
        except ValueError:
            raise InvalidInput(f"{name} must be a year, not «{value}»") from None
        if not 1900 <= year <= 2100:
            raise InvalidInput(f"{name} must be a year between 1900 and 2100, not {year}")
        return year
    if name == "honors":
        if isinstance(value, bool):
            return value
        if str(value).strip().lower() in ("true", "false"):
            return str(value).strip().lower() == "true"
        raise InvalidInput(f"honors must be true or false, not «{value}»")
    if name == "degree" and value not in DEGREES:
        raise InvalidInput(f"degree must be one of {', '.join(DEGREES)}, not «{value}»")
    return value if isinstance(value, bool | int) else str(value).strip()


def _reason(text: str) -> str:
    reason = " ".join(text.split())
    if not reason:
        raise InvalidInput("say why the fields change (reason)")
    if len(reason) > 900:
        raise InvalidInput("the reason is longer than 900 characters")
    return reason


@router.patch("/api/v1/documents/{document_id}/fields", tags=["review"])
def update_fields(request: Request, document_id: uuid.UUID, body: FieldsUpdate) -> dict[str, Any]:
    """Set diploma fields; each changed field becomes a revision with the reviewer and the reason."""
    unknown = sorted(set(body.fields) - set(DIPLOMA_FIELDS))
    if unknown:
        raise InvalidInput(f"unknown fields: {', '.join(unknown)}; known: {', '.join(DIPLOMA_FIELDS)}")
    reason = _reason(body.reason)
    values = {name: coerce(name, value) for name, value in body.fields.items()}
    user = request.state.user
    t = translator(request)
    with session_scope(request.app.state.engine) as session:
        doc = queries.document(session, document_id, lock=True)
        _check_expected(doc, body.expected or {})
        updated = dict(doc.fields)
        for name, value in values.items():
            if value is None:
                updated.pop(name, None)
            else:
                updated[name] = value
        changed = sorted(n for n in values if jsonable(doc.fields.get(n)) != jsonable(updated.get(n)))
        if changed:
            with changes_by(session, user.username, reason):
                doc.fields = updated
        return {
            "changed": changed,
            "fields": doc.fields,
            "revisions": [
                revision_row(r, t) for r in _written(session, doc.id, user.username, reason, changed)
            ],
        }


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


def _check_expected(doc: Document, expected: dict[str, Any]) -> None:
    moved = [name for name, seen in expected.items() if _as_text(doc.fields.get(name)) != _as_text(seen)]
    if moved:
        raise Conflict(f"changed by someone else meanwhile: {', '.join(sorted(moved))}; reload the page")


def _as_text(value: object) -> str:
    """A value as a form input holds it, to compare what the reviewer saw with what is stored."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


@router.post("/api/v1/revisions/{revision_id}/restore", tags=["review"])
def restore_revision(request: Request, revision_id: uuid.UUID, body: RestoreRequest) -> dict[str, Any]:
    """Set a field back to the value it had before a revision, as a new revision."""
    user = request.state.user
    with session_scope(request.app.state.engine) as session:
        rev = session.get(Revision, revision_id)
        if rev is None:
            raise NotFound(f"revision {revision_id} does not exist")
        if not restorable(rev):
            raise Conflict(
                f"revision {rev.id} changed {rev.entity} {rev.field}; only document fields, document "
                "status and match decisions can be restored"
            )
        extra = " ".join(body.reason.split())
        reason = f"restored from revision {rev.id}" + (f": {extra}" if extra else "")
        with changes_by(session, user.username, reason[:1000]):
            _apply_old_value(session, rev)
        restored = session.exec(
            select(Revision)
            .where(
                Revision.entity_id == rev.entity_id, Revision.field == rev.field, Revision.reason == reason
            )
            .order_by(col(Revision.created_at).desc())
        ).first()
        if restored is None:
            raise Conflict(f"{rev.field} already has the value it had before revision {rev.id}")
        return revision_row(restored, translator(request))


def _apply_old_value(session: Session, rev: Revision) -> None:
    old = rev.old_value
    if rev.entity == "match":
        match = session.get(Match, rev.entity_id, with_for_update=True)
        if match is None:
            raise NotFound(f"match {rev.entity_id} no longer exists")
        match.decision = MatchDecision(old)
        return
    doc = queries.document(session, rev.entity_id, lock=True)
    if rev.field == "status":
        doc.status = DocumentStatus(old)
        return
    name = rev.field.removeprefix("fields.")
    updated = dict(doc.fields)
    if old is None:
        updated.pop(name, None)
    else:
        updated[name] = old
    doc.fields = updated
