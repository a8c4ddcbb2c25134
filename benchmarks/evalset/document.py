"""A generated document (its pages, truth fields and the people it shows) and the look shared by the
templates: page size, ink colours, paper, a document's fonts."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .fonts import pick_fonts
from .people import Person


@dataclass
class Doc:
    kind: str
    pages: list  # Page objects or ready (Image, text) tuples
    fields: dict
    people: list[Person]
    ext: str = ""


A4 = (2480, 3508)
INK = (20, 20, 20)
GOLD = [(184, 134, 11), (212, 175, 55), (196, 150, 40)]
BLUE = [(20, 50, 160), (30, 70, 190), (90, 40, 150), (110, 50, 170)]


def paper(rng: random.Random) -> tuple:
    return rng.choice([(255, 255, 255), (252, 250, 244), (248, 246, 236), (250, 250, 250), (245, 248, 243)])


def doc_style(rng: random.Random, sans_body: float = 0.35) -> dict:
    f = pick_fonts(rng)
    body = f["sans"] if rng.random() < sans_body else f["serif"]
    bold = f["sans_bold"] if body == f["sans"] else f["serif_bold"]
    return {
        "body": body,
        "bold": bold,
        "body_bold": bold,
        "title": rng.choice([f["serif_bold"], f["sans_bold"]]),
        "name": rng.choice([bold, f["italic"], body]),
        "mono": f["mono"],
        "italic": f["italic"],
    }
