"""Matching against a synthetic registry of 1,000,000 graduates: matches per second, p99 latency per
query and peak memory, on one core.

    .venv/bin/python benchmarks/matching.py [--index memory|sqlite|postgresql] [--graduates 1000000]
        [--queries 10000] [--seed 7]

`--index sqlite` and `--index postgresql` measure the index the workers match with (`SqlIndex`, the
graduate table's name blocks and keys): the registry is written to a fresh SQLite file or a PostgreSQL
database made for the run (on MURAGAT_TEST_PG's server, dropped at the end) through the migrations, and
peak memory is that of the matching alone (the peak is reset, /proc/self/clear_refs, once the registry
is stored). `memory` measures `MemoryIndex`.

Queries are drawn from the registry and spoiled the way documents are: Russian spelling of Kazakh
letters, an OCR slip in a name, an unreadable number, no IIN; a tenth are namesakes missing from it.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.candidates import CandidateSource, GraduateRecord, MemoryIndex  # noqa: E402
from matching.iin import control_digit  # noqa: E402
from matching.matcher import match_values  # noqa: E402
from muragat.text import KAZAKH_TO_RUSSIAN  # noqa: E402

SURNAMES = [
    "Қалиев",
    "Оспанов",
    "Нұрланов",
    "Жанұзақов",
    "Тоқтаров",
    "Дүйсенов",
    "Мұқанов",
    "Әбдірахманов",
    "Сейітқалиев",
    "Құдайбергенов",
    "Ыбырайев",
    "Тұрсынов",
    "Әбілқайыров",
    "Сәрсенбайев",
    "Ғабдуллаов",
    "Жақсылықов",
    "Байжанов",
    "Қасымов",
    "Усенов",
    "Оразбайев",
    "Нұрғалиев",
    "Есенов",
    "Смағұлов",
    "Ахметов",
    "Омаров",
    "Сұлтанов",
    "Кенжебеков",
    "Мамытов",
    "Исаев",
    "Жұмабаев",
    "Әлиев",
    "Серікбаев",
    "Бекмұхамедов",
    "Төлеуов",
    "Иманғалиев",
    "Шәріпов",
    "Рахимов",
    "Мырзахметов",
    "Бейсенов",
    "Сағындықов",
]
RUSSIAN_SURNAMES = [
    "Иванов",
    "Петров",
    "Лебедев",
    "Морозов",
    "Новиков",
    "Виноградов",
    "Козлов",
    "Соколов",
    "Попов",
    "Волков",
    "Павлов",
]
MEN = [
    "Әлихан",
    "Сұлтан",
    "Ғалым",
    "Бауыржан",
    "Нұрдәулет",
    "Арман",
    "Ерлан",
    "Мирас",
    "Дастан",
    "Төлеген",
    "Ділмұрат",
    "Жасұлан",
    "Қайрат",
    "Болат",
    "Ержан",
    "Санжар",
    "Темірлан",
    "Нұрболат",
    "Асхат",
    "Данияр",
    "Еркебұлан",
    "Абылай",
    "Шыңғыс",
    "Мұхтар",
    "Серік",
    "Айдос",
]
WOMEN = [
    "Құралай",
    "Шынар",
    "Нұргүл",
    "Аяулым",
    "Қарлығаш",
    "Балжан",
    "Гүлнар",
    "Мадина",
    "Гүлмира",
    "Жібек",
    "Назерке",
    "Салтанат",
    "Айгерім",
    "Динара",
    "Әсел",
    "Ақбота",
    "Жанар",
    "Мөлдір",
    "Ботагөз",
    "Дана",
    "Томирис",
    "Перизат",
    "Аружан",
    "Іңкәр",
]
INSTITUTIONS = [f"Университет №{i}" for i in range(60)]
SERIES = {"bachelor": ("ЖБ-Б", 7), "master": ("ЖООК-М", 7), "own_b": ("BD", 9), "own_m": ("MD", 9)}


def _iin(rng: random.Random, birth_year: int, female: bool) -> str:
    while True:
        century = 3 if birth_year < 2000 else 5
        first11 = f"{birth_year % 100:02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        first11 += f"{century + female}{rng.randint(0, 9999):04d}"
        digit = control_digit(first11)
        if digit is not None:
            return first11 + str(digit)


def registry(n: int, rng: random.Random) -> list[GraduateRecord]:
    numbers: set[str] = set()
    out = []
    for i in range(n):
        female = rng.random() < 0.5
        surname = rng.choice(SURNAMES if rng.random() < 0.85 else RUSSIAN_SURNAMES)
        father = rng.choice(MEN)
        year = rng.randint(1995, 2025)
        degree = "master" if rng.random() < 0.2 else "bachelor"
        kind = ("own_m" if degree == "master" else "own_b") if year >= 2021 else degree
        series, length = SERIES[kind]
        while (number := f"{rng.randrange(10**length):0{length}d}") in numbers:
            pass
        numbers.add(number)
        out.append(
            GraduateRecord(
                key=i,
                graduate_id=f"G{i:07d}",
                last_name=sys.intern(surname + "а" if female else surname),
                first_name=sys.intern(rng.choice(WOMEN if female else MEN)),
                patronymic=sys.intern(father + ("қызы" if female else "ұлы")),
                iin=_iin(rng, year - 22, female) if rng.random() < 0.9 else None,
                institution=rng.choice(INSTITUTIONS),
                degree=degree,
                graduation_year=year,
                enrollment_year=year - (2 if degree == "master" else 4),
                diploma_series=series,
                diploma_number=number,
                registration_number=str(rng.randint(1, 9999)),
            )
        )
    return out


def query(g: GraduateRecord, rng: random.Random) -> dict[str, object]:
    q: dict[str, object] = {
        "last_name": g.last_name.translate(KAZAKH_TO_RUSSIAN) if rng.random() < 0.5 else g.last_name,
        "first_name": g.first_name,
        "patronymic": g.patronymic,
        "graduation_year": g.graduation_year,
        "degree": g.degree,
    }
    if rng.random() < 0.8:
        q["diploma_series"], q["diploma_number"] = g.diploma_series, g.diploma_number
    if g.iin and rng.random() < 0.5:
        q["iin"] = g.iin
    if rng.random() < 0.7:
        q["registration_number"] = g.registration_number
    if rng.random() < 0.2:  # an OCR slip in the surname
        name = str(q["last_name"])
        at = rng.randrange(len(name))
        q["last_name"] = name[:at] + "о" + name[at + 1 :]
    return q


def _store(url: str, records: list[GraduateRecord]) -> None:
    """The registry written in batches through Core inserts, with the name blocks the ORM would keep."""
    from sqlalchemy import insert

    from muragat.text import full_name_key, name_block_keys
    from storage.db import make_engine, migrate
    from storage.institutions import fold
    from storage.models import Graduate

    engine = make_engine(url)
    migrate(engine)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for start in range(0, len(records), 20_000):
            rows = []
            for r in records[start : start + 20_000]:
                surname, first, patronymic = name_block_keys(r.last_name, r.first_name, r.patronymic)
                rows.append(
                    {
                        "id": uuid.uuid4(),
                        "graduate_id": r.graduate_id,
                        "iin": r.iin,
                        "last_name": r.last_name,
                        "first_name": r.first_name,
                        "patronymic": r.patronymic,
                        "institution": r.institution,
                        "institution_key": fold(r.institution),
                        "degree": r.degree,
                        "graduation_year": r.graduation_year,
                        "enrollment_year": r.enrollment_year,
                        "diploma_series": r.diploma_series,
                        "diploma_number": r.diploma_number,
                        "registration_number": r.registration_number,
                        "honors": False,
                        "surname_key": surname,
                        "first_key": first,
                        "patronymic_key": patronymic,
                        "full_name_key": full_name_key(r.last_name, r.first_name, r.patronymic),
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            conn.execute(insert(Graduate), rows)
    engine.dispose()


@contextmanager
def sql_index(kind: str, records: list[GraduateRecord]) -> Iterator[CandidateSource]:
    from sqlmodel import Session

    from matching.candidates import SqlIndex
    from storage.db import make_engine

    folder = Path(tempfile.mkdtemp(prefix="matching-"))
    name = None
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'registry.db'}"
    else:
        from benchmarks.load_bench.database import create_database

        name, url = create_database("postgresql", str(folder))
    try:
        _store(url, records)
        engine = make_engine(url)
        with Session(engine) as session:
            yield SqlIndex(session)
        engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if name is not None:
            from benchmarks.load_bench.database import drop_database

            drop_database(name)


def _reset_peak_memory() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # VmHWM starts again from the present RSS


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", choices=["memory", "sqlite", "postgresql"], default="memory")
    parser.add_argument("--graduates", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    records = registry(args.graduates, rng)
    queries: list[tuple[dict[str, object], str | None]] = []
    for _ in range(args.queries):
        g = rng.choice(records)
        q = query(g, rng)
        if rng.random() < 0.1:  # a namesake missing from the registry: other number, year and IIN
            q.update(diploma_number="0000001", graduation_year=g.graduation_year - 3)
            q.pop("iin", None)
            q.pop("registration_number", None)
            queries.append((q, None))
        else:
            queries.append((q, g.graduate_id))
    chosen: contextlib.AbstractContextManager[CandidateSource] = (
        contextlib.nullcontext(MemoryIndex(records))
        if args.index == "memory"
        else sql_index(args.index, records)
    )
    with chosen as index:
        built = time.perf_counter() - t0
        if args.index != "memory":
            del records  # what the benchmark made; the workers hold no registry
            gc.collect()
            _reset_peak_memory()
        run(args, index, queries, built)


def run(args: argparse.Namespace, index: CandidateSource, queries: list[tuple[dict[str, object], str | None]],
        built: float) -> None:  # fmt: skip
    latencies = []
    auto_right = auto_wrong = top3 = reviewed = 0
    start = time.perf_counter()
    for q, want in queries:
        t = time.perf_counter()
        result = match_values(q, index)
        latencies.append(time.perf_counter() - t)
        auto = [s.record.graduate_id for s in result if s.decision == "auto_matched"]
        auto_right += bool(auto) and auto[0] == want
        auto_wrong += bool(auto) and auto[0] != want
        if want and not auto:
            reviewed += 1
            top3 += want in [s.record.graduate_id for s in result[:3]]
    elapsed = time.perf_counter() - start
    latencies.sort()
    peak_mb = _peak_mb()
    print(f"index: {args.index}  graduates: {args.graduates:,}  queries: {args.queries:,}  "
          f"registry+index built in {built:.1f} s")  # fmt: skip
    print(f"matches per second (one core): {args.queries / elapsed:,.0f}")
    print(f"latency per query: p50 {latencies[len(latencies) // 2] * 1000:.2f} ms, "
          f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.2f} ms")  # fmt: skip
    where = "the whole run" if args.index == "memory" else "matching, once the registry was stored"
    print(f"peak memory (max RSS, {where}): {peak_mb:,.0f} MB")
    print(f"automatic: {auto_right} right, {auto_wrong} wrong; review: right graduate in top 3 for "
          f"{top3}/{reviewed}")  # fmt: skip


if __name__ == "__main__":
    main()
