"""People on the documents: a graduate with name, birth date and IIN, and how a random one is drawn."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from .names import KZ_FEMALE, KZ_MALE, KZ_SURNAMES, RU_FEMALE, RU_MALE, RU_PATRONYMICS, RU_SURNAMES, ru_spell


@dataclass
class Person:
    last: str
    first: str
    patronymic: str
    gender: str  # M | F
    birth: date
    iin: str = ""
    # the graduate's study record, filled in by the document that shows them
    rec: dict = field(default_factory=dict)
    in_registry: bool = True
    gid: str = ""

    @property
    def full(self) -> str:
        return f"{self.last} {self.first} {self.patronymic}"


def female_surname(s: str) -> str:
    return s + "а" if s.endswith(("ов", "ев", "ин", "ын")) else s


def make_iin(rng: random.Random, birth: date, gender: str) -> str:
    for _ in range(100):
        century = 3 if birth.year < 2000 else 5
        first = f"{birth:%y%m%d}{century + (gender == 'F')}{rng.randrange(10000):04d}"
        c = control_digit(first)
        if c is not None:
            return first + str(c)
    raise RuntimeError("no IIN")


def control_digit(first11: str) -> int | None:
    """The standard IIN control digit (weights 1..11, then 3..11,1,2), as matching/iin.py computes it."""
    d = [int(c) for c in first11]
    for w in (range(1, 12), (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)):
        r = sum(a * b for a, b in zip(d, w, strict=False)) % 11
        if r != 10:
            return r
    return None


def make_person(rng: random.Random, birth_year: int, soviet: bool = False, russian: float = 0.15) -> Person:
    gender = rng.choice("MF")
    birth = date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
    if rng.random() < russian:
        last = rng.choice(RU_SURNAMES)
        first = rng.choice(RU_MALE if gender == "M" else RU_FEMALE)
        pm, pf = RU_PATRONYMICS[rng.choice(list(RU_PATRONYMICS))]
        last = female_surname(last) if gender == "F" else last
        p = Person(last, first, pm if gender == "M" else pf, gender, birth)
    else:
        last = rng.choice(KZ_SURNAMES)
        last = female_surname(last) if gender == "F" else last
        first = rng.choice(KZ_MALE if gender == "M" else KZ_FEMALE)
        father = rng.choice(KZ_MALE)
        if soviet:  # Soviet documents spell Kazakh names the Russian way, with a Russian-style patronymic
            last, first = ru_spell(last), ru_spell(first)
            father = ru_spell(rng.choice([f for f in KZ_MALE if f[-1] not in "аеиоуыіәөүұй"]))
            patr = father + ("ович" if gender == "M" else "овна")
        elif rng.random() < 0.12:
            patr = ru_spell(father) + ("ович" if gender == "M" else "овна")
        else:
            patr = father + ("ұлы" if gender == "M" else "қызы")
        p = Person(last, first, patr, gender, birth)
    if not soviet:
        p.iin = make_iin(rng, birth, gender)
    return p
