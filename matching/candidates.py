"""Candidate graduates for a document's fields: exact keys first (diploma number, IIN, registration number
with year), then names by blocking (folded surname with year or first name; first name, patronymic and
year), so that a lookup touches a few hundred graduates of a million.

`MemoryIndex` holds the registry in memory (the benchmark, a worker's cache); `SqlIndex` asks the
database through the graduate table's indexes. Both return the same plain `GraduateRecord`s.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from rapidfuzz import fuzz, process
from sqlalchemy import bindparam
from sqlalchemy import select as sql_select
from sqlmodel import Session, col

from matching.iin import is_valid_iin
from matching.names import block_key, fold
from muragat.text import full_name_key
from storage.institutions import session_scope_key
from storage.models import Graduate

NAME_CANDIDATES = 20  # graduates kept from name blocks, the most similar first


@dataclass(frozen=True, slots=True)
class GraduateRecord:
    """The registry fields that matching reads."""

    key: Any  # the database id, or any handle the caller uses
    graduate_id: str
    last_name: str
    first_name: str
    patronymic: str | None
    iin: str | None
    institution: str
    degree: str
    graduation_year: int
    enrollment_year: int | None = None
    diploma_series: str | None = None
    diploma_number: str | None = None
    registration_number: str | None = None
    issue_date: date | None = None
    program_code: str | None = None


@dataclass(frozen=True)
class Query:
    """The keys of one diploma (or one ledger row), normalised; invalid IINs are already left out."""

    diploma_number: str | None = None
    iin: str | None = None
    registration_number: str | None = None
    graduation_year: int | None = None
    last_name: str | None = None
    first_name: str | None = None
    patronymic: str | None = None

    @classmethod
    def from_fields(cls, fields: dict[str, Any], usable_iin: bool = True) -> Query:
        iin = fields.get("iin")
        year = fields.get("graduation_year")
        return cls(
            diploma_number=str(fields["diploma_number"]) if fields.get("diploma_number") else None,
            iin=str(iin) if iin and usable_iin and is_valid_iin(str(iin)) else None,
            registration_number=str(reg) if (reg := fields.get("registration_number")) else None,
            graduation_year=int(year) if isinstance(year, int | str) and str(year).isdigit() else None,
            last_name=fields.get("last_name"),
            first_name=fields.get("first_name"),
            patronymic=fields.get("patronymic"),
        )

    @property
    def full_name(self) -> str:
        return " ".join(fold(p) for p in (self.last_name, self.first_name, self.patronymic) if p)


class CandidateSource(Protocol):
    def exact(self, query: Query) -> list[GraduateRecord]:
        """Graduates that share a document key: diploma number, IIN, registration number and year."""
        ...

    def named(self, query: Query) -> list[GraduateRecord]:
        """The graduates most alike by name, from the name blocks."""
        ...


def _full_name(record: GraduateRecord) -> str:
    return _joined(record.last_name, record.first_name, record.patronymic)


@functools.lru_cache(maxsize=1 << 18)
def _joined(last_name: str | None, first_name: str | None, patronymic: str | None) -> str:
    return full_name_key(last_name, first_name, patronymic)


def _best_ids(query: Query, ids: list[str], names: list[str], limit: int) -> list[str]:
    """The `limit` graduate ids of a pool most alike by full name, the most alike first (a graduate
    found in two blocks once); `ids` and `names` (folded full names) side by side."""
    if not query.full_name or len(ids) <= limit:
        return list(dict.fromkeys(ids))
    best = process.extract(query.full_name, names, scorer=fuzz.ratio, limit=3 * limit)
    scores = {ids[i]: score for _, score, i in reversed(best)}
    return sorted(scores, key=lambda graduate_id: -scores[graduate_id])[:limit]


def _best_by_name(
    query: Query, pool: list[GraduateRecord], limit: int, names: list[str] | None = None
) -> list[GraduateRecord]:
    """`_best_ids` of a pool of records; `names` are the pool's folded full names where the caller has
    them."""
    names = names if names is not None else [_full_name(r) for r in pool]
    by_id = {r.graduate_id: r for r in pool}
    return [
        by_id[graduate_id] for graduate_id in _best_ids(query, [r.graduate_id for r in pool], names, limit)
    ]


_Block = tuple[list[str], list[GraduateRecord]]


class MemoryIndex:
    """Dicts from each key to the graduates that have it; strings interned, since names repeat."""

    def __init__(self, records: Iterable[GraduateRecord] = ()) -> None:
        self.by_number: dict[str, list[GraduateRecord]] = {}
        self.by_iin: dict[str, list[GraduateRecord]] = {}
        self.by_registration: dict[tuple[str, int], list[GraduateRecord]] = {}
        # name blocks: each key to the folded full names and the graduates, side by side
        self.by_surname_year: dict[tuple[str, int], _Block] = {}
        self.by_surname_first: dict[tuple[str, str], _Block] = {}
        self.by_first_patronymic_year: dict[tuple[str, str, int], _Block] = {}
        self.size = 0
        for record in records:
            self.add(record)

    def add(self, r: GraduateRecord) -> None:
        self.size += 1
        surname, first = sys.intern(block_key(r.last_name)), sys.intern(fold(r.first_name))
        patronymic = sys.intern(fold(r.patronymic)[:4])
        if r.diploma_number:
            self.by_number.setdefault(r.diploma_number, []).append(r)
        if r.iin:
            self.by_iin.setdefault(r.iin, []).append(r)
        if r.registration_number:
            self.by_registration.setdefault((r.registration_number, r.graduation_year), []).append(r)
        full = sys.intern(_full_name(r))
        for block in (
            self.by_surname_year.setdefault((surname, r.graduation_year), ([], [])),
            self.by_surname_first.setdefault((surname, first), ([], [])),
            self.by_first_patronymic_year.setdefault((first, patronymic, r.graduation_year), ([], [])),
        ):
            block[0].append(full)
            block[1].append(r)

    def exact(self, query: Query) -> list[GraduateRecord]:
        found: list[GraduateRecord] = []
        if query.diploma_number:
            found += self.by_number.get(query.diploma_number, [])
        if query.iin:
            found += self.by_iin.get(query.iin, [])
        if query.registration_number and query.graduation_year:
            found += self.by_registration.get((query.registration_number, query.graduation_year), [])
        return found

    def named(self, query: Query) -> list[GraduateRecord]:
        names: list[str] = []
        named: list[GraduateRecord] = []
        surname, first = block_key(query.last_name), fold(query.first_name)
        blocks: list[_Block | None] = []
        if surname and query.graduation_year:
            blocks.append(self.by_surname_year.get((surname, query.graduation_year)))
        if surname and first:
            blocks.append(self.by_surname_first.get((surname, first)))
        if first and query.patronymic and query.graduation_year:
            key = (first, fold(query.patronymic)[:4], query.graduation_year)
            blocks.append(self.by_first_patronymic_year.get(key))
        for block in blocks:
            if block is not None:
                names += block[0]
                named += block[1]
        return _best_by_name(query, named, NAME_CANDIDATES, names)


# --- the database --------------------------------------------------------------------------------


# the columns a GraduateRecord is made of, read as a row (no ORM object per candidate)
_RECORD_COLUMNS: tuple[Any, ...] = tuple(
    col(c)
    for c in (
        Graduate.id,
        Graduate.graduate_id,
        Graduate.last_name,
        Graduate.first_name,
        Graduate.patronymic,
        Graduate.iin,
        Graduate.institution,
        Graduate.degree,
        Graduate.graduation_year,
        Graduate.enrollment_year,
        Graduate.diploma_series,
        Graduate.diploma_number,
        Graduate.registration_number,
        Graduate.issue_date,
        Graduate.program_code,
    )
)
# what a name block is read for: the registry's own id (unique, a string: no UUID made for each of a
# block's rows) and the folded full name kept beside the names (no folding per row read); whole records
# only for the few kept
_NAME_COLUMNS: tuple[Any, ...] = (col(Graduate.graduate_id), col(Graduate.full_name_key))
BLOCK_LIMIT = 5000  # graduates read from one block at most, in a fixed order (a surname of a whole year)


def _block(columns: tuple[Any, ...], *conditions: Any) -> Any:
    """A statement made once, its values bound at each call: built per call, SQLAlchemy's coercion of
    fifteen columns and their conditions cost more than the query itself."""
    return sql_select(*columns).where(*conditions).order_by(col(Graduate.graduate_id)).limit(BLOCK_LIMIT)


_NUMBER: Any = bindparam("number")
_IIN: Any = bindparam("iin")
_REGISTRATION: Any = bindparam("registration")
_SURNAME: Any = bindparam("surname")
_YEAR: Any = bindparam("year")
_FIRST: Any = bindparam("first")
_PATRONYMIC: Any = bindparam("patronymic")
_BY_NUMBER = _block(_RECORD_COLUMNS, col(Graduate.diploma_number) == _NUMBER)
_BY_IIN = _block(_RECORD_COLUMNS, col(Graduate.iin) == _IIN)
_BY_REGISTRATION = _block(
    _RECORD_COLUMNS,
    col(Graduate.registration_number) == _REGISTRATION,
    col(Graduate.graduation_year) == _YEAR,
)
_BY_IDS = _block(_RECORD_COLUMNS, col(Graduate.graduate_id).in_(bindparam("ids", expanding=True)))
_SURNAME_YEAR = _block(
    _NAME_COLUMNS, col(Graduate.surname_key) == _SURNAME, col(Graduate.graduation_year) == _YEAR
)
_SURNAME_FIRST = _block(
    _NAME_COLUMNS, col(Graduate.surname_key) == _SURNAME, col(Graduate.first_key) == _FIRST
)
_FIRST_PATRONYMIC_YEAR = _block(
    _NAME_COLUMNS,
    col(Graduate.first_key) == _FIRST,
    col(Graduate.patronymic_key) == _PATRONYMIC,
    col(Graduate.graduation_year) == _YEAR,
)
# One statement per key and per block. Joined into one they took longer on both databases: with OR
# (SQLite 353 matches/s against 535, PostgreSQL 276 against 427) and as a UNION ALL of the statements
# (SQLite 279, PostgreSQL 226), at 1M graduates.


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_PREPARED_NAMES = itertools.count(1)


@dataclass(frozen=True)
class _PreparedText:
    name: str
    text: str  # PREPARE ... AS, with $1, $2 ... for the values
    order: tuple[str, ...]  # the value of each $n
    defaults: dict[str, Any]  # values the statement carries itself (its LIMIT)


@functools.cache
def _prepared_text(statement: Any, dialect: Any) -> _PreparedText:
    compiled = statement.compile(dialect=dialect)
    order: list[str] = []

    def number(found: re.Match[str]) -> str:
        if found.group(1) not in order:
            order.append(found.group(1))
        return f"${order.index(found.group(1)) + 1}"

    body = _PLACEHOLDER.sub(number, compiled.string).replace("%%", "%")
    name = f"muragat_candidates_{next(_PREPARED_NAMES)}"
    return _PreparedText(name, f"PREPARE {name} AS {body}", tuple(order), dict(compiled.params))


def _execute_prepared(connection: Any, statement: Any, values: dict[str, Any]) -> Sequence[Any]:
    """On PostgreSQL, the statement prepared once on each database connection and executed by name:
    parsing and planning it again for each lookup was a third of the server's time for one."""
    prepared = _prepared_text(statement, connection.dialect)
    done: set[str] = connection.connection.info.setdefault("muragat_prepared", set())
    cursor = connection.connection.driver_connection.cursor()
    try:
        if prepared.name not in done:
            cursor.execute(prepared.text)  # lasts as long as the connection, whatever its transaction
            done.add(prepared.name)
        given = prepared.defaults | values
        slots = ", ".join(["%s"] * len(prepared.order))
        cursor.execute(f"EXECUTE {prepared.name} ({slots})", [given[k] for k in prepared.order])
        return cursor.fetchall()
    finally:
        cursor.close()


class SqlIndex:
    """Candidates through the graduate table's indexes: the keys (diploma number, IIN, registration
    number with year) and the name blocks `MemoryIndex` keeps (surname block with year, surname block
    with first name, first name with patronymic and year), stored beside each graduate (migration 0017).
    A block's ids and folded full names are read first, from indexes that cover them (0019); whole
    records only for the candidates kept. Rows are read on the
    session's connection, past the ORM's handling of each result (half of a lookup's time): so the whole
    registry, as the worker matches, never limited to an account's institution (a scoped session is
    refused; `storage.institutions.unscoped` is how its owner matches a document it may see)."""

    def __init__(self, session: Session) -> None:
        if session_scope_key(session) is not None:
            raise RuntimeError("SqlIndex reads the whole registry: open it outside an institution's scope")
        self.session = session

    def _rows(self, statement: Any, values: dict[str, Any]) -> Sequence[Any]:
        connection = self.session.connection()
        if connection.dialect.name == "postgresql" and statement is not _BY_IDS:
            return _execute_prepared(connection, statement, values)
        return connection.execute(statement, values).all()

    def _records(self, statement: Any, **values: Any) -> list[GraduateRecord]:
        return [GraduateRecord(*row) for row in self._rows(statement, values)]

    def _names(self, statement: Any, ids: list[str], names: list[str], **values: Any) -> None:
        """A block's graduate ids and folded full names added to `ids` and `names`."""
        for graduate_id, name in self._rows(statement, values):
            ids.append(graduate_id)
            names.append(name)

    def exact(self, query: Query) -> list[GraduateRecord]:
        found: list[GraduateRecord] = []
        if query.diploma_number:
            found += self._records(_BY_NUMBER, number=query.diploma_number)
        if query.iin:
            found += self._records(_BY_IIN, iin=query.iin)
        if query.registration_number and query.graduation_year:
            found += self._records(
                _BY_REGISTRATION, registration=query.registration_number, year=query.graduation_year
            )
        return found

    def named(self, query: Query) -> list[GraduateRecord]:
        ids: list[str] = []
        names: list[str] = []
        surname, first, year = block_key(query.last_name), fold(query.first_name), query.graduation_year
        if surname and year:
            self._names(_SURNAME_YEAR, ids, names, surname=surname, year=year)
        if surname and first:
            self._names(_SURNAME_FIRST, ids, names, surname=surname, first=first)
        if first and query.patronymic and year:
            patronymic = fold(query.patronymic)[:4]
            self._names(_FIRST_PATRONYMIC_YEAR, ids, names, first=first, patronymic=patronymic, year=year)
        best = _best_ids(query, ids, names, NAME_CANDIDATES)
        if not best:
            return []
        records = {r.graduate_id: r for r in self._records(_BY_IDS, ids=best)}
        return [records[graduate_id] for graduate_id in best if graduate_id in records]
