"""The registry: rows in the import format for the graduates shown, plus distractors (namesakes, people of
the same surname, random graduates)."""

from __future__ import annotations

import random

from .graduates import own_person, soviet_person, state_person
from .names import ru_spell, words
from .people import Person, female_surname, make_iin

REGISTRY_HEADER = words(
    """
    graduate_id iin last_name first_name patronymic gender birth_date institution program_code
    program_name degree study_form study_language enrollment_year graduation_year diploma_series
    diploma_number registration_number issue_date honors
"""
)


def registry_row(p: Person) -> dict:
    r = p.rec
    inst = r["inst"]
    if inst is None:  # Soviet
        institution, prog_name = r["inst_ru"], r["spec"][1]
    else:
        institution, prog_name = inst.kk, r["prog"][1]
    return {
        "graduate_id": p.gid,
        "iin": p.iin,
        "last_name": p.last,
        "first_name": p.first,
        "patronymic": p.patronymic,
        "gender": p.gender,
        "birth_date": p.birth.isoformat(),
        "institution": institution,
        "program_code": r["code"],
        "program_name": prog_name,
        "degree": r["degree"],
        "study_form": r["form"],
        "study_language": r["lang"],
        "enrollment_year": r["enr"],
        "graduation_year": r["grad"],
        "diploma_series": r["series"],
        "diploma_number": r["number"],
        "registration_number": r["reg"],
        "issue_date": r["issue"].isoformat(),
        "honors": "true" if r["honors"] else "false",
    }


def random_graduate(rng: random.Random) -> Person:
    k = rng.random()
    if k < 0.15:
        return soviet_person(rng)
    if k < 0.55:
        return state_person(rng)[0]
    return own_person(rng, {"bachelor": "BD", "master": "MD", "doctor": "DD"})


def distractors(rng: random.Random, shown: list[Person], n: int) -> list[Person]:
    out: list[Person] = []
    pool = [p for p in shown if p.in_registry] or shown
    for p in pool:  # namesakes: the same full name, another year or institution
        if rng.random() < 0.2 and len(out) < n:
            q = random_graduate(rng)
            q.last, q.first, q.patronymic, q.gender = p.last, p.first, p.patronymic, p.gender
            q.rec["grad"] = (
                p.rec["grad"] + rng.choice([-3, -2, -1, 1, 2, 3]) if rng.random() < 0.5 else q.rec["grad"]
            )
            q.rec["enr"] = q.rec["grad"] - 4
            if p.iin and q.iin or not q.iin and q.birth.year >= 1960 and q.rec["grad"] > 1995:
                q.iin = make_iin(rng, q.birth, q.gender)
            out.append(q)
        if rng.random() < 0.2 and len(out) < n:  # the same surname, another first name
            q = random_graduate(rng)
            q.last = (
                p.last
                if q.gender == p.gender
                else (
                    female_surname(p.last.removesuffix("а")) if q.gender == "F" else p.last.removesuffix("а")
                )
            )
            if q.rec["inst"] is None:
                q.last = ru_spell(q.last)
            out.append(q)
    while len(out) < n:
        out.append(random_graduate(rng))
    return out
