"""Graduates with a study record (institution, programme, diploma) of each era: state diplomas of
2008-2020, universities' own diplomas since 2020, Soviet diplomas, and the cohorts of orders and ledgers."""

from __future__ import annotations

import random
from datetime import date

from .institutions import INSTITUTIONS, PROGRAMS, SOVIET_INSTITUTIONS, SOVIET_SPECIALTIES, Inst, program_code
from .people import Person, make_person


def study(
    rng: random.Random,
    p: Person,
    grad_year: int,
    degree: str,
    series: str,
    number: str,
    inst: Inst | None = None,
    honors: bool | None = None,
) -> dict:
    inst = inst or rng.choice(INSTITUTIONS)
    prog = rng.choice(PROGRAMS)
    length = {"bachelor": 4, "master": 2, "doctor": 3, "specialist": 5}[degree]
    issue = date(grad_year, rng.choice([6, 6, 7]), rng.randint(1, 28))
    rec = dict(
        inst=inst,
        prog=prog,
        degree=degree,
        grad=grad_year,
        enr=grad_year - length,
        series=series,
        number=number,
        reg=str(rng.randint(1, 9999)),
        issue=issue,
        honors=rng.random() < 0.15 if honors is None else honors,
        code=program_code(prog[0], degree, grad_year),
        protocol=rng.randint(1, 30),
        form=rng.choice(["full_time"] * 6 + ["part_time", "distance"]),
        lang=rng.choice(["kk", "ru", "ru", "en"]),
    )
    p.rec = rec
    return rec


def diploma_fields(p: Person, printed: set[str]) -> dict:
    r = p.rec
    f = {
        "last_name": p.last,
        "first_name": p.first,
        "patronymic": p.patronymic,
        "diploma_series": r["series"],
        "diploma_number": r["number"],
    }
    if "reg" in printed:
        f["registration_number"] = r["reg"]
    f["graduation_year"] = r["grad"]
    f["degree"] = r["degree"]
    f["honors"] = bool(r["honors"])
    if "code" in printed:
        f["program_code"] = r["code"]
    if "iin" in printed and p.iin:
        f["iin"] = p.iin
    return f


def state_person(rng: random.Random) -> tuple[Person, dict]:
    year = rng.randint(2008, 2020)
    series = rng.choice(["ЖБ-Б"] * 5 + ["ЖБ-М"] * 2 + (["ЖОБ"] if year <= 2012 else []))
    degree = {"ЖБ-Б": "bachelor", "ЖБ-М": "master", "ЖОБ": "specialist"}[series]
    age = {"bachelor": 22, "master": 24, "specialist": 22}[degree]
    p = make_person(rng, year - age - rng.randint(0, 2))
    study(rng, p, year, degree, series, f"{rng.randrange(10**7):07d}")
    return p, p.rec


def own_person(rng: random.Random, series_choices: dict) -> Person:
    degree = rng.choice(["bachelor"] * 6 + ["master"] * 3 + ["doctor"])
    year = rng.randint(2020, 2025)
    age = {"bachelor": 22, "master": 24, "doctor": 28}[degree]
    p = make_person(rng, year - age - rng.randint(0, 2))
    series = (
        series_choices[degree]
        if isinstance(series_choices[degree], str)
        else rng.choice(series_choices[degree])
    )
    study(rng, p, year, degree, series, "".join(str(rng.randrange(10)) for _ in range(rng.randint(9, 11))))
    return p


def soviet_person(rng: random.Random) -> Person:
    year = rng.randint(1965, 1991)
    p = make_person(rng, year - 22 - rng.randint(0, 3), soviet=True, russian=0.35)
    series = rng.choice(["ЗВ", "УВ", "ТВ", "МВ", "ИВ", "ЖВ", "ЛВ", "НВ", "ФВ", "ПВ", "ЦВ", "КВ"])
    inst_name, city, gen = rng.choice(SOVIET_INSTITUTIONS)
    spec = rng.choice(SOVIET_SPECIALTIES)
    issue = date(year, rng.choice([6, 6, 7]), rng.randint(1, 28))
    p.rec = dict(
        inst=None,
        inst_ru=inst_name,
        city=city,
        inst_gen=gen,
        spec=spec,
        degree="specialist",
        grad=year,
        enr=year - 5,
        series=series,
        number=f"{rng.randrange(10**6):06d}",
        reg=str(rng.randint(1, 9999)),
        issue=issue,
        honors=rng.random() < 0.1,
        code=spec[0],
        protocol=rng.randint(1, 40),
        form=rng.choice(["full_time"] * 4 + ["part_time"]),
        lang="ru",
    )
    return p


def listed_people(rng: random.Random, n: int, soviet: bool | None = None) -> list[Person]:
    out = []
    soviet = rng.random() < 0.3 if soviet is None else soviet
    year = rng.randint(1970, 1990) if soviet else rng.randint(2009, 2024)
    inst = rng.choice(INSTITUTIONS)
    for _ in range(n):
        if soviet:
            p = soviet_person(rng)
            r = p.rec
            r["grad"], r["enr"], r["issue"] = year, year - 5, r["issue"].replace(year=year)
        else:
            degree = rng.choice(["bachelor", "bachelor", "master"])
            if year >= 2021:
                series = {"bachelor": "BD", "master": "MD"}[degree]
                number = "".join(str(rng.randrange(10)) for _ in range(9))
            else:
                series = {"bachelor": "ЖБ-Б", "master": "ЖБ-М"}[degree]
                number = f"{rng.randrange(10**7):07d}"
            p = make_person(rng, year - 22 - rng.randint(0, 2))
            study(rng, p, year, degree, series, number, inst=inst)
        p.in_registry = rng.random() > 0.1
        out.append(p)
    return out
