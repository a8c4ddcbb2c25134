"""Registry sync for integrations (a university's LMS, the national platform): graduate records pushed in
batches as JSON, validated and revised exactly as a registry CSV import is (matching.registry)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from matching.registry import import_rows
from muragat.errors import FileTooLarge
from muragat.messages import Message
from muragat.messages.catalog.registry import Code
from review_ui.deps import CurrentUser, SessionDep, SettingsDep, Words
from review_ui.schemas import in_english_and_localized

router = APIRouter(prefix="/api/v1", tags=["registry"])


class GraduateBatch(BaseModel):
    source: str = Field(min_length=1, max_length=200, description="the sending system, kept in each revision")
    graduates: list[Any] = Field(
        min_length=1, description="objects with the registry CSV's columns; a missing column is empty"
    )


class RowProblem(BaseModel):
    index: int = Field(description="the row's position in `graduates`, from 0")
    graduate_id: str | None
    problems: list[str]
    problems_localized: list[str] = Field(description="`problems` in the caller's interface language")


class BatchReport(BaseModel):
    added: int
    updated: int
    unchanged: int
    rejected: int
    errors: list[RowProblem]
    warnings: list[str]
    warnings_localized: list[str]


@router.post("/graduates/batch", response_model=BatchReport)
def registry_push(
    session: SessionDep, settings: SettingsDep, user: CurrentUser, t: Words, batch: GraduateBatch
) -> Any:
    """Add or update graduates by graduate_id; good rows are kept, bad rows are answered by index. Sending
    the same batch again changes nothing; each changed value becomes a revision naming the sender."""
    limit = settings.max_batch_rows
    if len(batch.graduates) > limit:
        raise FileTooLarge(Message(Code.BATCH_TOO_LARGE, count=len(batch.graduates), limit=limit))
    report = import_rows(session, batch.graduates, batch.source, actor=user.username)
    warnings, warnings_localized = in_english_and_localized(report.warnings, t)
    return BatchReport(
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=report.rejected,
        errors=[
            RowProblem(
                index=e.line,
                graduate_id=e.graduate_id,
                problems=problems,
                problems_localized=localized,
            )
            for e in report.errors
            for problems, localized in [in_english_and_localized(e.problems, t)]
        ],
        warnings=warnings,
        warnings_localized=warnings_localized,
    )
