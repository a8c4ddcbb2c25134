"""The index the workers match with (`SqlIndex`, the graduate table's name blocks and keys) finds what the
in-memory index finds, on PostgreSQL and SQLite: the same candidates and the same matches for documents
spoiled as real ones are (Russian spellings, OCR slips, missing keys, namesakes not in the registry)."""

from __future__ import annotations

import random
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from benchmarks.matching import query, registry
from matching.candidates import MemoryIndex, Query, SqlIndex
from matching.matcher import match_values
from muragat.text import full_name_key, name_block_keys
from storage.db import alembic_config, make_engine, migrate
from storage.institutions import scope_session, unscoped
from storage.models import Graduate
from storage.revisions import changes_by

GRADUATES = 3000
QUERIES = 300


def _stored(engine: Engine, records: list) -> None:  # type: ignore[type-arg]
    with Session(engine) as session, changes_by(session, "test", "a synthetic registry"):
        for r in records:
            session.add(
                Graduate(
                    graduate_id=r.graduate_id,
                    last_name=r.last_name,
                    first_name=r.first_name,
                    patronymic=r.patronymic,
                    iin=r.iin,
                    institution=r.institution,
                    degree=r.degree,
                    graduation_year=r.graduation_year,
                    enrollment_year=r.enrollment_year,
                    diploma_series=r.diploma_series,
                    diploma_number=r.diploma_number,
                    registration_number=r.registration_number,
                )
            )
        session.commit()


def test_the_sql_index_finds_what_the_memory_index_finds(any_engine: Engine) -> None:
    rng = random.Random(11)
    records = registry(GRADUATES, rng)
    _stored(any_engine, records)
    memory = MemoryIndex(records)
    differing = []
    with Session(any_engine) as session:
        sql = SqlIndex(session)
        for _ in range(QUERIES):
            values = query(rng.choice(records), rng)
            q = Query.from_fields(values)
            for kind in ("exact", "named"):
                want = sorted(r.graduate_id for r in getattr(memory, kind)(q))
                got = sorted(r.graduate_id for r in getattr(sql, kind)(q))
                if want != got:
                    differing.append((kind, values, want, got))
            in_memory = [(s.record.graduate_id, s.decision) for s in match_values(values, memory)]
            in_sql = [(s.record.graduate_id, s.decision) for s in match_values(values, sql)]
            if in_memory != in_sql:
                differing.append(("match", values, in_memory, in_sql))
    assert differing == []


def test_the_name_blocks_follow_a_changed_name(any_engine: Engine) -> None:
    rng = random.Random(3)
    [record] = registry(1, rng)
    _stored(any_engine, [record])
    before = name_block_keys(record.last_name, record.first_name, record.patronymic)
    with Session(any_engine) as session, changes_by(session, "test", "a married name"):
        graduate = session.exec(select(Graduate)).one()
        graduate.last_name, graduate.first_name, graduate.patronymic = "Сейітқалиева", "Әйгерім", "Нұрланқызы"
        session.commit()
    with Session(any_engine) as session:
        graduate = session.exec(select(Graduate)).one()
        keys = (graduate.surname_key, graduate.first_key, graduate.patronymic_key)
        assert keys == name_block_keys("Сейітқалиева", "Әйгерім", "Нұрланқызы") != before
        assert graduate.full_name_key == full_name_key("Сейітқалиева", "Әйгерім", "Нұрланқызы")
        assert graduate.full_name_key == "сейиткалиева айгерим нурланкызы"
        # as a Russian keyboard types it, feminine ending and all
        found = SqlIndex(session).named(Query(last_name="Сейиткалиева", first_name="Айгерим"))
        assert [r.graduate_id for r in found] == [graduate.graduate_id]


def test_the_migration_gives_the_registry_its_name_blocks(tmp_path: Path) -> None:
    from alembic import command

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0016")
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO graduate (id, graduate_id, last_name, first_name, patronymic, institution, "
                 "degree, graduation_year, honors, created_at, updated_at) VALUES (:id, 'G1', 'Қалиева', "
                 "'Шынар', 'Нұрланқызы', 'X', 'bachelor', 2011, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
            {"id": uuid.uuid4().hex},
        )  # fmt: skip
    migrate(engine)
    with Session(engine) as session:
        graduate = session.exec(select(Graduate)).one()
        assert (graduate.surname_key, graduate.first_key, graduate.patronymic_key) == name_block_keys(
            "Қалиева", "Шынар", "Нұрланқызы"
        )
        assert (
            graduate.surname_key == name_block_keys("Калиев", None, None)[0]
        )  # the man's, in Russian letters
        assert graduate.full_name_key == full_name_key("Қалиева", "Шынар", "Нұрланқызы")  # 0019's
        found = SqlIndex(session).named(Query(last_name="Калиева", first_name="Шынар", graduation_year=2011))
        assert [r.graduate_id for r in found] == ["G1"]


def test_the_index_is_never_opened_on_a_scoped_session(any_engine: Engine) -> None:
    """It reads past the ORM's scope hook, so an account's institution would not hold it back."""
    with Session(any_engine) as session:
        scope_session(session, "Сәтбаев университеті")
        with pytest.raises(RuntimeError):
            SqlIndex(session)
        with unscoped(session):
            assert SqlIndex(session).exact(Query(diploma_number="0000001")) == []
