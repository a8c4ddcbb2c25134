"""Archive letters, certificates and memos: no diploma fields, body text from the corpora."""

from __future__ import annotations

import random
from datetime import date

from ..corpora import corpus
from ..decorations import deco_stamp
from ..document import A4, Doc, doc_style, paper
from ..grammar import kk_name_dative, ru_dative
from ..institutions import INSTITUTIONS
from ..layout import Column, L, Page
from ..people import make_person

LETTER_KINDS_KK = [
    ("ХАТ", "Құрметті {who}!"),
    ("АНЫҚТАМА", "Осы анықтама {name} берілді"),
    ("ҚЫЗМЕТТІК ЖАЗБА", "{org} басшысына"),
]
LETTER_KINDS_RU = [
    ("ПИСЬМО", "Уважаемый {who}!"),
    ("СПРАВКА", "Дана {name} в том, что"),
    ("СЛУЖЕБНАЯ ЗАПИСКА", "Руководителю {org}"),
]


def t_archive_letter(rng: random.Random) -> Doc:
    kk = rng.random() < 0.5
    style = doc_style(rng)
    size = rng.randint(40, 48)
    x0, x1 = rng.randint(220, 320), A4[0] - rng.randint(220, 320)
    inst = rng.choice(INSTITUTIONS)
    p = make_person(rng, rng.randint(1950, 1995))
    title, opening = rng.choice(LETTER_KINDS_KK if kk else LETTER_KINDS_RU)
    year = rng.randint(1975, 2023)
    d = date(year, rng.randint(1, 12), rng.randint(1, 28))
    lines = [L(inst.kk if kk else inst.ru, size, "bold", align="center")]
    if rng.random() < 0.6:
        lines.append(
            L(f"№ {rng.randint(1, 300)}-{rng.choice(['р', 'қ', 'к', 'п'])}   {d:%d.%m.%Y}", size, gap=0.6)
        )
    else:
        lines.append(L(f"{d:%d.%m.%Y} ж." if kk else f"{d:%d.%m.%Y} г.", size, gap=0.6))
    lines.append(L(title, size + 20, "title", align="center", gap=0.8))
    who = (p.first + " " + p.patronymic) if not kk else p.first + " " + p.patronymic.split()[0]
    name = kk_name_dative(p) if kk else ru_dative(p)
    lines.append(L(opening.format(who=who, name=name, org=inst.kk if kk else inst.ru), size, gap=0.8))
    sents = rng.sample(corpus("kk" if kk else "ru"), rng.randint(6, 11))
    para = []
    for s in sents:
        para.append(s)
        if rng.random() < 0.35:
            lines.append(L(" ".join(para), size, gap=0.3))
            para = []
    if para:
        lines.append(L(" ".join(para), size, gap=0.3))
    if rng.random() < 0.5:
        lines.append(
            L(
                f"{year} жылғы мұрағат деректері бойынша" if kk else f"По данным архива за {year} год",
                size,
                gap=0.3,
            )
        )
    lines.append(
        L(
            ("Ректор" if rng.random() < 0.5 else "Бөлім меңгерушісі")
            if kk
            else rng.choice(["Ректор", "Начальник отдела кадров", "Заведующий архивом"])
            + "                 ________________",
            size,
            gap=1.5,
        )
    )
    page = Page(
        *A4,
        [Column(x0, x1, rng.randint(220, 360), lines, spacing=rng.uniform(1.4, 1.6))],
        style,
        paper=paper(rng),
    )
    if rng.random() < 0.4:
        page.over.append(deco_stamp(rng.choice([(40, 60, 170), (170, 40, 60)]), avoid=()))
    return Doc("archive", [page], {}, [])
