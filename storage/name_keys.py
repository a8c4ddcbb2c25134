"""The name blocks of each graduate (surname block, folded first name, patronymic's first letters) and
its folded full name, kept
beside its names on every write, so that matching finds candidates through an index rather than by
reading names (muragat.text.name_block_keys; matching.candidates.SqlIndex)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from muragat.text import full_name_key, name_block_keys
from storage.models import Graduate


def keep_name_keys(graduate: Graduate) -> None:
    names = (graduate.last_name, graduate.first_name, graduate.patronymic)
    graduate.surname_key, graduate.first_key, graduate.patronymic_key = name_block_keys(*names)
    graduate.full_name_key = full_name_key(*names)


@event.listens_for(Session, "before_flush")
def _keep(session: Session, flush_context: Any, instances: Any) -> None:
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Graduate):
            keep_name_keys(obj)
