"""Candidate graduates for a document's fields: exact keys first (diploma number, IIN, registration number
with year), then names by blocking (folded surname with year or first name; first name, patronymic and
year), so that a lookup touches a few hundred graduates of a million.

`MemoryIndex` holds the registry in memory (the benchmark, a worker's cache); `SqlIndex` asks the
database through the graduate table's indexes. Both return the same plain `GraduateRecord`s.
"""

from __future__ import annotations

import functools
import itertools
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from rapidfuzz import fuzz, process
from sqlmodel import Session, col, or_, select

from matching.iin import is_valid_iin
from matching.names import block_key, fold
from muragat.text import KAZAKH_TO_RUSSIAN, RUSSIAN_TO_KAZAKH
from storage.models import Graduate

NAME_CANDIDATES = 20  # graduates kept from name blocks, the most similar first
_MAX_SPELLINGS = 512  # Kazakh spellings of a name asked of the database at most


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
def _joined(*parts: str | None) -> str:
    return " ".join(fold(p) for p in parts if p)


def _best_by_name(
    query: Query, pool: list[GraduateRecord], limit: int, names: list[str] | None = None
) -> list[GraduateRecord]:
    """The `limit` graduates of the pool most alike by full name (a graduate found in two blocks once);
    `names` are the pool's folded full names where the caller has them."""
    if not query.full_name or len(pool) <= limit:
        return list({r.graduate_id: r for r in pool}.values())
    names = names if names is not None else [_full_name(r) for r in pool]
    best = process.extract(query.full_name, names, scorer=fuzz.ratio, limit=3 * limit)
    unique = {pool[i].graduate_id: pool[i] for _, _, i in reversed(best)}
    return sorted(unique.values(), key=lambda r: -fuzz.ratio(query.full_name, _full_name(r)))[:limit]


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


def record_of(g: Graduate) -> GraduateRecord:
    return GraduateRecord(
        key=g.id,
        graduate_id=g.graduate_id,
        last_name=g.last_name,
        first_name=g.first_name,
        patronymic=g.patronymic,
        iin=g.iin,
        institution=g.institution,
        degree=g.degree,
        graduation_year=g.graduation_year,
        enrollment_year=g.enrollment_year,
        diploma_series=g.diploma_series,
        diploma_number=g.diploma_number,
        registration_number=g.registration_number,
        issue_date=g.issue_date,
        program_code=g.program_code,
    )


def kazakh_spellings(name: str, limit: int = _MAX_SPELLINGS) -> list[str]:
    """A name read in Russian letters as the registry may hold it in Kazakh ones (Калиева → Қалиева …);
    only the name itself where there would be more than `limit` spellings."""
    word = name.strip()
    if not word:
        return []
    options = [[c, *(RUSSIAN_TO_KAZAKH.get(c.lower(), ""))] for c in word]
    options = [[o if c.islower() else o.upper() for o in opts] for c, opts in zip(word, options, strict=True)]
    count = 1
    for opts in options:
        count *= len(opts)
        if count > limit:
            return [word]
    return ["".join(p) for p in itertools.product(*options)]


def _letters_variants(name: str | None) -> list[str]:
    if not name:
        return []
    plain = name.strip()
    russian = plain.translate(KAZAKH_TO_RUSSIAN)
    return sorted({*kazakh_spellings(russian), plain})


class SqlIndex:
    """Candidates through the graduate table's indexes (diploma_number, iin, last_name)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _select(self, *conditions: Any) -> Iterator[GraduateRecord]:
        for g in self.session.exec(select(Graduate).where(*conditions).limit(500)):
            yield record_of(g)

    def exact(self, query: Query) -> list[GraduateRecord]:
        found: list[GraduateRecord] = []
        if query.diploma_number:
            found += self._select(Graduate.diploma_number == query.diploma_number)
        if query.iin:
            found += self._select(Graduate.iin == query.iin)
        if query.registration_number and query.graduation_year:
            found += self._select(
                Graduate.registration_number == query.registration_number,
                Graduate.graduation_year == query.graduation_year,
            )
        return found

    def named(self, query: Query) -> list[GraduateRecord]:
        named: list[GraduateRecord] = []
        surnames = _letters_variants(query.last_name)
        if surnames:
            named += self._select(col(Graduate.last_name).in_(surnames))
        firsts = _letters_variants(query.first_name)
        if firsts and query.graduation_year:
            named += self._select(
                col(Graduate.first_name).in_(firsts),
                or_(
                    Graduate.graduation_year == query.graduation_year,
                    col(Graduate.patronymic).in_(_letters_variants(query.patronymic) or [""]),
                ),
            )
        return _best_by_name(query, named, NAME_CANDIDATES)
