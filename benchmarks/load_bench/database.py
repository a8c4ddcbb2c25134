"""The database of a load run: created on the test set-up's PostgreSQL (or an SQLite file in the run's
folder), seeded with documents as the workers leave them (fields, per-field evidence with word boxes,
a status message), confirmed graduates and an admin with an API token, dropped at the end."""

from __future__ import annotations

import hashlib
import os
import uuid
from datetime import date

import psycopg2
from psycopg2 import sql

from muragat.accounts import create_token, hash_password
from muragat.messages import Message
from muragat.messages.catalog.matching import Code as MatchingCode
from storage.db import make_engine, migrate, session_scope
from storage.models import Document, DocumentStatus, Graduate, Match, MatchDecision, Role, User
from storage.revisions import changes_by

PG_ADMIN_DSN = os.environ.get("MURAGAT_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


SERIES = "ЖБ-Б"
FINISHED = Message(
    MatchingCode.MATCH_FINISHED, reason=Message(MatchingCode.KIND_DIPLOMA_TITLE, title="ДИПЛОМ")
)


def create_database(kind: str, folder: str) -> tuple[str, str]:
    """(name, SQLAlchemy URL) of an empty database of `kind` (postgresql or sqlite)."""
    if kind == "sqlite":
        return "sqlite", f"sqlite:///{folder}/load.db"
    name = f"muragat_load_{uuid.uuid4().hex[:10]}"
    conn = psycopg2.connect(PG_ADMIN_DSN)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()
    url = PG_ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    return name, url.replace("postgresql://", "postgresql+psycopg2://", 1)


def drop_database(name: str) -> None:
    if name == "sqlite":
        return  # the file goes with the run's folder
    conn = psycopg2.connect(PG_ADMIN_DSN)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    conn.close()


def iin(n: int) -> str:
    return f"{900101300000 + n:012d}"


def diploma_number(n: int) -> str:
    return f"{1000000 + n:07d}"


FIELD_VALUES = {
    "last_name": "Фамилия{n}",
    "first_name": "Айгерим",
    "patronymic": "Серикқызы",
    "diploma_series": SERIES,
    "diploma_number": "{number}",
    "registration_number": "{n}",
    "issue_date": "2019-06-30",
    "institution": "Әл-Фараби атындағы Қазақ ұлттық университеті",
    "qualification": "бакалавр",
}


def evidence(fields: dict[str, str]) -> dict[str, object]:
    """Per-field evidence as `matching.found.Found.evidence` writes it: the words a value was read from,
    with their boxes (about 4 KB a document, as real ones carry)."""
    out: dict[str, object] = {}
    for i, (name, value) in enumerate(fields.items()):
        words = [
            {
                "text": part,
                "left": 310 + 140 * k,
                "top": 420 + 64 * i,
                "width": 24 * len(part),
                "height": 38,
                "confidence": 0.93,
                "block": 3 + i,
                "line": 1,
                "page": 1,
            }
            for k, part in enumerate(str(value).split() * 2)
        ]
        out[name] = {
            "confidence": 0.93,
            "page": 1,
            "words": words,
            "source": "ocr",
            "flags": ["kk"],
            "profile": "state-2008",
        }
    return out


def seed(url: str, documents: int, confirmed: int) -> str:
    """Documents (the first `confirmed` matched and confirmed to a graduate each), an admin, its token."""
    engine = make_engine(url)
    migrate(engine)
    chunk = 500
    for start in range(0, documents, chunk):
        with session_scope(engine) as session, changes_by(session, "load-seed", "benchmark data"):
            for n in range(start, min(start + chunk, documents)):
                sha = hashlib.sha256(f"seeded-{n}".encode()).hexdigest()
                values = {k: v.format(n=n, number=diploma_number(n)) for k, v in FIELD_VALUES.items()}
                doc = Document(
                    filename=f"seed/{n:05d}.png",
                    sha256=sha,
                    content_type="image/png",
                    size_bytes=1000 + n,
                    status=DocumentStatus.processed if n < confirmed else DocumentStatus.needs_review,
                    kind="diploma",
                    page_count=1,
                    original_key=f"originals/{sha[:2]}/{sha}",
                    fields=values,
                    field_evidence=evidence(values),
                    status_message=FINISHED.to_json(),
                    status_reason=str(FINISHED),
                )
                session.add(doc)
                if n < confirmed:
                    graduate = Graduate(
                        graduate_id=f"G{n:06d}",
                        iin=iin(n),
                        last_name=f"Фамилия{n}",
                        first_name="Айгерим",
                        institution="Әл-Фараби атындағы Қазақ ұлттық университеті",
                        degree="bachelor",
                        graduation_year=2000 + n % 24,
                        diploma_series=SERIES,
                        diploma_number=diploma_number(n),
                        issue_date=date(2000 + n % 24, 6, 30),
                    )
                    session.add(graduate)
                    session.flush()
                    session.add(
                        Match(
                            document_id=doc.id,
                            graduate_id=graduate.id,
                            score=0.97,
                            decision=MatchDecision.confirmed,
                        )
                    )
    with session_scope(engine) as session, changes_by(session, "load-seed", "benchmark account"):
        session.add(
            User(username="load-admin", role=Role.admin, language="ru", password_hash=hash_password("x" * 20))
        )
    with session_scope(engine) as session:
        secret = create_token(session, "load-admin", "load benchmark", actor="load-seed").secret
    engine.dispose()
    return secret
