"""at most one settled graduate (confirmed or matched automatically) per document, or per ledger row

Where a reviewer confirmed one graduate beside an automatic match (decisions did not set those back
before), the confirm stays and the automatic match is set back to needs_review. Where two or more were
confirmed, none stays settled: each is set back, with a revision saying why, and the document waits for
a reviewer to confirm the right one. A unique partial index then refuses a second settled match,
whatever writes it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import storage.types
from muragat.messages import from_json

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "uq_match_one_settled"
ACTOR = "system:migration"
SETTLED = ("confirmed", "auto_matched")

match = sa.table(
    "match",
    sa.column("id", sa.Uuid()),
    sa.column("document_id", sa.Uuid()),
    sa.column("graduate_id", sa.Uuid()),
    sa.column("decision", sa.String()),
    sa.column("row", sa.Integer()),
)
graduate = sa.table("graduate", sa.column("id", sa.Uuid()), sa.column("graduate_id", sa.String()))
document = sa.table(
    "document",
    sa.column("id", sa.Uuid()),
    sa.column("status", sa.String()),
    sa.column("status_message", sa.JSON()),
    sa.column("status_reason", sa.String()),
)
revision_table = sa.table(
    "revision",
    sa.column("id", sa.Uuid()),
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.Uuid()),
    sa.column("field", sa.String()),
    sa.column("old_value", sa.JSON()),
    sa.column("new_value", sa.JSON()),
    sa.column("actor", sa.String()),
    sa.column("reason", sa.String()),
    sa.column("reason_message", sa.JSON()),
    sa.column("created_at", storage.types.UTCDateTime()),
)


def _revision(
    entity: str, entity_id: uuid.UUID, field: str, old: str, reason: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "entity": entity,
        "entity_id": entity_id,
        "field": field,
        "old_value": old,
        "new_value": "needs_review",
        "actor": ACTOR,
        "reason": str(from_json(reason)),
        "reason_message": reason,
        "created_at": datetime.now(UTC),
    }


def _set_back_doubles() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(match.c.id, match.c.document_id, match.c.row, match.c.decision, graduate.c.graduate_id)
        .join(graduate, graduate.c.id == match.c.graduate_id)
        .where(match.c.decision.in_(SETTLED))
    ).all()
    places: dict[tuple[uuid.UUID, int], list[Any]] = defaultdict(list)
    for row in rows:
        places[(row.document_id, row.row or 0)].append(row)
    for (document_id, _), doubles in places.items():
        if len(doubles) < 2:
            continue
        reason = {
            "code": "review.two_settled",
            "params": {"graduates": ", ".join(sorted(d.graduate_id for d in doubles))},
        }
        confirmed = [d for d in doubles if d.decision == "confirmed"]
        for d in doubles:
            if len(confirmed) == 1 and d.decision == "confirmed":
                continue  # a person's one confirm stands; only the machine's match beside it goes back
            bind.execute(sa.update(match).where(match.c.id == d.id).values(decision="needs_review"))
            bind.execute(
                sa.insert(revision_table).values(**_revision("match", d.id, "decision", d.decision, reason))
            )
        if len(confirmed) == 1:
            continue  # the document keeps its graduate and its status
        status = bind.execute(sa.select(document.c.status).where(document.c.id == document_id)).scalar()
        if status != "needs_review":
            bind.execute(
                sa.update(document)
                .where(document.c.id == document_id)
                .values(status="needs_review", status_message=reason, status_reason=str(from_json(reason)))
            )
            bind.execute(
                sa.insert(revision_table).values(
                    **_revision("document", document_id, "status", status, reason)
                )
            )


def upgrade() -> None:
    _set_back_doubles()
    op.execute(
        f'CREATE UNIQUE INDEX {INDEX} ON match (document_id, COALESCE("row", 0)) '
        "WHERE decision IN ('confirmed', 'auto_matched')"
    )


def downgrade() -> None:
    op.execute(f"DROP INDEX {INDEX}")
