"""What the review pages show, read from the database and put in the user's words: the queue in order,
a document's fields, pages, candidate graduates and history. No FastAPI here: routes render these."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict
from typing import Any

from sqlalchemy import case, exists
from sqlmodel import Session, col, func, select

from matching.decisions import SETTLED
from muragat.messages import Message, from_json, is_message
from muragat.messages.catalog.matching import DEGREES
from muragat.messages.catalog.review import Code as Reason
from muragat.text import fold_letters
from review_ui.i18n import Translator
from review_ui.labels import (
    DIPLOMA_FIELDS,
    N_,
    OTHER_LABELS,
    PAGE_LANGUAGES,
    PAGE_SOURCES,
    REGISTRY_ONLY,
    STEP_LABELS,
    label,
)
from storage.corrections import page_lines
from storage.matches import matches_with_graduates
from storage.models import (
    Document,
    DocumentStatus,
    Graduate,
    GraduatePublic,
    LineCorrection,
    Match,
    MatchDecision,
    Page,
    Revision,
)

NAME_FIELDS = frozenset({"last_name", "first_name", "patronymic", "institution", "program_name"})
# the history's shorter form of a reason: the row names the restored revision, the decision is the word
HISTORY_FORMS = {
    Reason.RESTORED: Reason.HISTORY_RESTORED,
    Reason.RESTORED_WHY: Reason.HISTORY_RESTORED_WHY,
    Reason.DECIDED: Reason.HISTORY_DECIDED,
}
QUEUE_STATUSES = (DocumentStatus.needs_review, DocumentStatus.processed)
QUEUE_LIMIT = 1000
HISTORY_LIMIT = 2000
VALUE_PREVIEW = 160


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


def _spelling(value: object) -> str:
    """A name as compared: spaces collapsed, case and Kazakh letters folded (muragat.text)."""
    return fold_letters(" ".join(str(value).split()))


def same_value(name: str, extracted: object, registered: object) -> bool | None:
    """Whether the scan and the registry agree; None where either side has no value."""
    if extracted in (None, "") or registered in (None, ""):
        return None
    if name == "honors":
        return bool(extracted) == bool(registered)
    if name in NAME_FIELDS:
        return _spelling(extracted) == _spelling(registered)
    return str(extracted).strip().casefold() == str(registered).strip().casefold()


def iin_difference(extracted: object, registered: object, t: Translator) -> str:
    """Whether two IINs agree, without the digits: what a reviewer who sees IINs masked compares (the
    candidates route is logged as a view of personal data). The position is named only where one digit
    differs (OCR's misread): naming every differing position would let a reviewer who types IINs into
    the document read the registry's digit by digit."""
    a, b = str(extracted or "").strip(), str(registered or "").strip()
    if not (len(a) == len(b) == 12 and a.isdigit() and b.isdigit()):
        return ""
    differing = [n + 1 for n, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if not differing:
        return t.message(Message(Reason.IIN_SAME))
    if len(differing) == 1:
        return t.message(Message(Reason.IIN_DIFFERS_AT, digits=differing[0]))
    return t.message(Message(Reason.IIN_DIFFERS))


def degree_names(t: Translator) -> dict[str, str]:
    """Each degree's stored value with its name in the user's language."""
    return {value: t.message(Message(code)) for value, code in DEGREES.items()}


def display(value: object, t: Translator) -> str:
    """A stored value as the page shows it, in the user's language."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return t.gettext("yes") if value else t.gettext("no")
    if isinstance(value, float):
        return t.number(value)
    if is_message(value):
        return t.message(value)
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= VALUE_PREVIEW else text[: VALUE_PREVIEW - 1] + "…"
    text = str(value)
    if text in DEGREES:
        return t.message(Message(DEGREES[text]))
    return t.gettext(label(text))


def candidate_rows(session: Session, doc: Document, t: Translator) -> list[dict[str, Any]]:
    """Each candidate graduate's full registry record beside the document's fields, with the match."""
    rows = []
    ledger = doc.fields.get("ledger_rows") if doc.kind == "ledger" else None
    for match, graduate in matches_with_graduates(session, doc.id):
        record = GraduatePublic.model_validate(graduate).model_dump(mode="json", exclude={"id"})
        # on a ledger the graduate is compared with the row it was found for
        read = doc.fields
        if isinstance(ledger, list) and match.row and 0 < match.row <= len(ledger):
            read = ledger[match.row - 1] if isinstance(ledger[match.row - 1], dict) else {}
        compare = [
            {
                "field": name,
                "label": t.gettext(text),
                "extracted": display(read.get(name), t),
                "registry": display(record.get(name), t),
                "same": same_value(name, read.get(name), record.get(name)),
                "detail": iin_difference(read.get(name), record.get(name), t) if name == "iin" else "",
            }
            for name, text in DIPLOMA_FIELDS.items()
            if read.get(name) not in (None, "") or record.get(name) not in (None, "")
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
                "reasons": [t.message(r) for r in match.reasons],
                "record": record,
                "compare": compare,
                "registry_only": more,
                "differences": sum(1 for c in compare if c["same"] is False),
                "row": match.row,
            }
        )
    return rows


ROW_SUMMARY = ("last_name", "first_name", "patronymic", "diploma_series", "diploma_number")


def ledger_row_views(session: Session, doc: Document, t: Translator) -> list[dict[str, Any]]:
    """A ledger's rows as read, each with where its review stands: matched (to whom), resolved as not
    in the registry (by whom), or open with its candidates' count."""
    rows = doc.fields.get("ledger_rows") if doc.kind == "ledger" else None
    if not isinstance(rows, list):
        return []
    matches = matches_with_graduates(session, doc.id)
    out = []
    for number, row in enumerate(rows, 1):
        read = row if isinstance(row, dict) else {}
        settled = [g for m, g in matches if m.row == number and m.decision in SETTLED]
        candidates = sum(1 for m, _ in matches if m.row == number and m.decision != MatchDecision.rejected)
        resolution = doc.row_resolutions.get(str(number))
        if settled:
            state = t.gettext(N_("matched: %(name)s")) % {
                "name": f"{settled[0].last_name} {settled[0].first_name}"
            }
        elif resolution:
            state = t.gettext(N_("not in the registry (%(name)s)")) % {"name": resolution.get("actor", "")}
        else:
            state = t.gettext(N_("open: %(n)s candidates")) % {"n": t.number(candidates)}
        out.append({
            "number": number,
            "read": " ".join(str(read[k]) for k in ROW_SUMMARY if read.get(k)),
            "state": state,
            "open": not settled and not resolution,
        })  # fmt: skip
    return out


def _what(rev: Revision, t: Translator) -> str:
    if rev.entity == "line_correction":
        return t.gettext(N_("Text line"))
    if rev.field.startswith("fields."):
        name = rev.field.removeprefix("fields.")
        return t.gettext(DIPLOMA_FIELDS.get(name, name))
    if rev.field in ("created", "deleted"):
        return t.gettext("created") if rev.field == "created" else t.gettext("deleted")
    return t.gettext(OTHER_LABELS.get(rev.field, rev.field))


def _old_text(rev: Revision, t: Translator) -> str:
    if rev.entity == "line_correction" and rev.field == "created" and isinstance(rev.new_value, dict):
        return str(rev.new_value.get("ocr_text", ""))  # a line's first correction: what OCR read
    return "" if rev.field == "created" else display(rev.old_value, t)


def _new_text(rev: Revision, t: Translator) -> str:
    if rev.entity == "line_correction" and rev.field == "created" and isinstance(rev.new_value, dict):
        return str(rev.new_value.get("text", ""))
    return "" if rev.field == "created" else display(rev.new_value, t)


def restorable(rev: Revision) -> bool:
    """What a person may meaningfully put back: a field's value or a match decision. Never a status: put
    back to `processing` or `queued`, a document would be read again by a job."""
    if rev.entity == "document":
        return rev.field.startswith("fields.")
    return rev.entity == "match" and rev.field == "decision"


def history_rows(session: Session, doc: Document, t: Translator) -> list[dict[str, Any]]:
    """Revisions of the document, of its matches and of its corrected text lines, newest first."""
    graduates = {m.id: g for m, g in matches_with_graduates(session, doc.id)}
    lines = session.exec(select(LineCorrection.id).where(LineCorrection.document_id == doc.id)).all()
    revisions = session.exec(
        select(Revision)
        .where(col(Revision.entity_id).in_([doc.id, *graduates, *lines]))
        .where(col(Revision.entity).in_(["document", "match", "line_correction"]))
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
        "old_text": _old_text(rev, t),
        "new_text": _new_text(rev, t),
        "actor": rev.actor,
        "reason": rev.reason,
        "reason_message": rev.reason_message,
        "reason_text": reason_text(rev.reason, t, rev.reason_message),
        "reason_full": t.message(rev.reason_message or rev.reason),
        "created_at": rev.created_at.isoformat(),
        "when": t.datetime(rev.created_at),
        "restorable": restorable(rev),
    }


def reason_text(reason: str, t: Translator, stored: dict[str, Any] | None = None) -> str:
    """A revision's reason as the history shows it: its message in the user's language (a restore's
    and a decision's in their shorter form); a person's own words, or a reason stored before reasons
    were messages, as stored."""
    if not is_message(stored):
        return reason
    message = from_json(stored)  # type: ignore[arg-type]
    shorter = HISTORY_FORMS.get(message.code)  # type: ignore[call-overload]
    return t.message(Message(shorter, **message.params) if shorter else message)


def field_rows(doc: Document, t: Translator, set_by: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The diploma fields, each with where it was read and who set it where a person did (`set_by`,
    storage.revisions.set_by_people); none for a document of another kind."""
    set_by = set_by or {}
    if doc.kind != "diploma" and not doc.fields:
        return []
    # a ledger's rows (a list of rows, each with its own evidence) are not one field: its candidates
    # stand row by row beside the scan
    names = list(DIPLOMA_FIELDS) + [n for n in doc.fields if n not in DIPLOMA_FIELDS and n != "ledger_rows"]
    rows = []
    for name in names:
        value = doc.fields.get(name)
        found = doc.field_evidence.get(name)
        evidence = found if isinstance(found, dict) else {}
        rows.append(
            {
                "name": name,
                "label": t.gettext(DIPLOMA_FIELDS.get(name, name)),
                "value": "" if value is None else value,
                "editable": name in DIPLOMA_FIELDS,
                "confidence": evidence.get("confidence"),
                "page": evidence.get("page"),
                "flags": [t.message(f) for f in evidence.get("flags") or []],
                "source": evidence.get("source"),
                # a person set the value; the machine's own reading stays beside it
                "set_by": set_by.get(name),
                "read": evidence.get("read"),
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
            "lines": [asdict(line) for line in page_lines(session, p)],
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
        "why": t.message(step["why"]) if step.get("why") else "",
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


def resolution_rows(
    session: Session, doc: Document, t: Translator, admin: bool = False
) -> list[dict[str, str]]:
    """The ways a reviewer may finish a document that matching cannot settle (matching.decisions.resolve):
    a diploma or supplement with no settled graduate is "not in the registry", an archive document is
    "reviewed"; none while it is being read or once finished so."""
    if doc.status != DocumentStatus.needs_review:
        return []
    if doc.kind in ("diploma", "supplement"):
        settled = session.exec(
            select(Match.id).where(Match.document_id == doc.id, col(Match.decision).in_(SETTLED))
        ).first()
        if settled is None:
            found = [{
                "value": "not_in_registry",
                "label": t.gettext(N_("Reviewed: not in the registry")),
                "title": t.gettext(N_("The graduate on this document is not in the registry")),
                "reason": t.gettext(N_("Checked against the registry: no such graduate.")),
            }]  # fmt: skip
            if admin:  # review_ui.workbench.register_graduate
                found.append({
                    "value": "register",
                    "label": t.gettext(N_("Add to the registry from this document")),
                    "title": t.gettext(N_("Add this graduate to the registry from the document's fields")),
                    "reason": t.gettext(N_("Graduate missing from the registry; the diploma is genuine.")),
                })  # fmt: skip
            return found
    elif doc.kind in ("archive", None):
        return [{
            "value": "reviewed",
            "label": t.gettext(N_("Reviewed")),
            "title": t.gettext(N_("This archive document is reviewed")),
            "reason": t.gettext(N_("Read and checked; nothing to match.")),
        }]  # fmt: skip
    return []
