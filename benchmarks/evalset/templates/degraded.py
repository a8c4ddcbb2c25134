"""Templates that degrade another one's page before saving: a phone photograph, a harsh stamped scan."""

from __future__ import annotations

import random

from ..decorations import deco_guilloche, deco_stamp
from ..document import Doc, doc_style
from ..effects import harsh, photograph
from ..graduates import diploma_fields, state_person
from ..layout import render_page
from .own import t_own_3col
from .soviet import t_soviet
from .state import state_kk_page, state_ru_page, t_state_kk, t_state_ru


def t_photographed(rng: random.Random) -> Doc:
    base = rng.choice([t_state_kk, t_state_ru, t_own_3col, t_soviet])
    doc = base(rng)
    img, text = render_page(doc.pages[0], rng)
    doc.pages = [(photograph(img, rng), text)]
    doc.ext = ".jpg"
    return doc


def t_state_harsh(rng: random.Random) -> Doc:
    p, _ = state_person(rng)
    style = doc_style(rng)
    page, printed = (state_kk_page if rng.random() < 0.5 else state_ru_page)(rng, p, style)
    pale = rng.choice([(200, 225, 205), (215, 205, 230), (225, 215, 195), (200, 215, 235)])
    page.under.append(deco_guilloche(pale))
    page.over.append(deco_stamp(rng.choice([(200, 40, 50), (40, 60, 190)])))
    img, text = render_page(page, rng)
    doc = Doc("diploma", [(harsh(img, rng), text)], diploma_fields(p, printed), [p], ext=".jpg")
    return doc
