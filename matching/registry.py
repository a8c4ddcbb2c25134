"""Graduate registry import: parse and validate the registry CSV (DESIGN.md, "Graduate registry CSV") or
the same columns in the first sheet of an XLSX workbook, then upsert it by graduate_id so that every
change leaves a revision.

`import_registry` (a file) and `import_rows` (an integration's batch) write the good rows and report the
bad ones. Reading a file is in `matching.registry_sources`, the rules a row must keep in
`matching.registry_rows`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlmodel import Session, col, select

from matching.registry_rows import REGISTRY_COLUMNS, RegistryRow, RowError, Value, validated_rows
from matching.registry_sources import mapping_record, read_registry, unknown_keys
from muragat.messages import Message
from muragat.messages.catalog.registry import Code as RegistryCode
from muragat.messages.catalog.workflow import Code
from storage.institutions import UNSCOPED, fold, session_scope_key
from storage.models import Graduate
from storage.revisions import changes_by

CHUNK_SIZE = 1000  # graduate_ids per IN query and rows per flush


@dataclass
class ImportReport:
    filename: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.errors)

    @property
    def summary_message(self) -> Message:
        return Message(
            RegistryCode.SUMMARY, file=self.filename, added=self.added, updated=self.updated,
            unchanged=self.unchanged, rejected=self.rejected,
        )  # fmt: skip

    def summary(self) -> str:
        return str(self.summary_message)


# --- import ---------------------------------------------------------------------------------------


def _good_chunks(
    items: Iterator[RegistryRow | RowError], errors: list[RowError], size: int
) -> Iterator[list[RegistryRow]]:
    """Batches of valid rows; the row errors met on the way go to `errors`."""
    chunk: list[RegistryRow] = []
    for item in items:
        if isinstance(item, RowError):
            errors.append(item)
            continue
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _existing(session: Session, graduate_ids: Sequence[str]) -> dict[str, Graduate]:
    # past the scope: an ID another institution's record holds must be refused, not inserted twice
    found = session.exec(
        select(Graduate)
        .where(col(Graduate.graduate_id).in_(graduate_ids))
        .execution_options(**{UNSCOPED: True})
    )
    return {graduate.graduate_id: graduate for graduate in found}


def _outside_scope(key: str | None, row: RegistryRow, graduate: Graduate | None) -> RowError | None:
    """For an account limited to one institution (`key`): a row naming another institution, or one whose
    graduate_id is another institution's record, is refused with its line."""
    if key is None:
        return None
    if fold(row.values.get("institution")) != key:
        problem = Message(RegistryCode.ROW_OTHER_INSTITUTION, institution=str(row.values.get("institution")))
    elif graduate is not None and graduate.institution_key != key:
        problem = Message(RegistryCode.ROW_ID_OF_OTHER_INSTITUTION, graduate=row.graduate_id)
    else:
        return None
    return RowError(row.line, row.graduate_id, (problem,))


def _apply(graduate: Graduate, values: dict[str, Value]) -> bool:
    """Set only the attributes that differ, so the revision hook records exactly those."""
    changed = False
    for name, value in values.items():
        if getattr(graduate, name) != value:
            setattr(graduate, name, value)
            changed = True
    return changed


def _upsert(session: Session, rows: Sequence[RegistryRow], report: ImportReport) -> None:
    existing = _existing(session, [row.graduate_id for row in rows])
    key = session_scope_key(session)
    for row in rows:
        graduate = existing.get(row.graduate_id)
        if (refused := _outside_scope(key, row, graduate)) is not None:
            report.errors.append(refused)
        elif graduate is None:
            # The values are validated already; the plain constructor skips a second, slower validation.
            session.add(Graduate(**cast(dict[str, Any], row.values)))
            report.added += 1
        elif _apply(graduate, row.values):
            report.updated += 1
        else:
            report.unchanged += 1


def import_rows(session: Session, items: Sequence[object], source: str, *, actor: str) -> ImportReport:
    """Upsert graduates pushed as objects (an integration's batch), with the validation and revisions of
    `import_registry`; a row error's `line` is the row's index in `items`, counted from 0."""
    warnings = unknown_keys(items, source)
    records = (mapping_record(index, item) for index, item in enumerate(items))
    report = ImportReport(source, warnings=warnings)
    session.flush()
    with changes_by(session, actor, Message(Code.REGISTRY_SYNCED, source=source[:900])):
        rows = validated_rows(records, REGISTRY_COLUMNS, report.warnings, source)
        for chunk in _good_chunks(rows, report.errors, CHUNK_SIZE):
            _upsert(session, chunk, report)
            session.flush()
    return report


def import_registry(session: Session, data: bytes, filename: str, *, actor: str) -> ImportReport:
    """Upsert the registry's good rows by graduate_id and report the bad ones; the caller commits."""
    warnings, items = read_registry(data, filename)
    report = ImportReport(filename, warnings=warnings)
    # Flush the caller's pending changes first, so that they are not recorded as this import's.
    session.flush()
    with changes_by(session, actor, Message(Code.REGISTRY_IMPORTED, file=filename[:900])):
        for chunk in _good_chunks(items, report.errors, CHUNK_SIZE):
            _upsert(session, chunk, report)
            session.flush()
    return report
