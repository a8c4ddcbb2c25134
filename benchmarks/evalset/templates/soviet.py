"""Soviet diplomas (1965-1991): a printed form filled in on a typewriter, often stamped."""

from __future__ import annotations

import random

from ..decorations import deco_border, deco_stamp
from ..document import A4, Doc, doc_style
from ..graduates import diploma_fields, soviet_person
from ..grammar import RU_MONTHS, ru_dative
from ..layout import Column, L, Line, Page, Seg
from ..names import ru_spell
from ..people import Person


def soviet_page(rng: random.Random, p: Person) -> Page:
    r = p.rec
    style = doc_style(rng, sans_body=0.0)
    size = rng.randint(42, 50)
    typed = [(20, 20, 30), (40, 40, 60), (30, 30, 90)][rng.randrange(3)]

    def T(text: str, **kw) -> Line:  # noqa: N802
        return L(text, size + 2, "mono", typed, **kw)

    f = p.gender == "F"
    head = [
        L("СОЮЗ СОВЕТСКИХ СОЦИАЛИСТИЧЕСКИХ РЕСПУБЛИК", size + 4, "bold", align="center"),
        L("ДИПЛОМ С ОТЛИЧИЕМ" if r["honors"] else "ДИПЛОМ", size + 50, "title", align="center", gap=0.8),
        Line(
            [Seg(r["series"], "bold"), Seg(" № ", "body"), Seg(r["number"], "bold")],
            size + 8,
            "center",
            gap=0.4,
            tag="protect",
        ),
    ]
    if rng.random() < 0.5:
        body = [
            L("Настоящий диплом выдан", size, gap=1.2),
            T(ru_dative(p), gap=0.1),
            Line(
                [
                    Seg(f"в том, что {'она' if f else 'он'} в "),
                    Seg(str(r["enr"]), "mono", typed),
                    Seg(f" году {'поступила' if f else 'поступил'} в"),
                ],
                size,
            ),
            T(r["inst_ru"]),
            Line(
                [
                    Seg("и в "),
                    Seg(str(r["grad"]), "mono", typed),
                    Seg(f" году {'окончила' if f else 'окончил'} полный курс"),
                ],
                size,
            ),
            L(f"названного {r['inst_gen']} по специальности", size),
            T(f"«{r['spec'][1]}»"),
        ]
    else:
        body = [
            L("Предъявитель настоящего диплома", size, gap=1.2),
            T(ru_spell(p.full), gap=0.1),
            Line([Seg("в "), Seg(str(r["enr"]), "mono", typed), Seg(" году поступил(а) в")], size),
            T(r["inst_ru"]),
            Line(
                [Seg("и окончил(а) в "), Seg(str(r["grad"]), "mono", typed), Seg(" году полный курс")], size
            ),
            L(f"названного {r['inst_gen']} по специальности", size),
            T(f"«{r['spec'][1]}»"),
        ]
    body += [
        L("Решением Государственной экзаменационной комиссии", size, gap=0.5),
        Line(
            [
                Seg("от "),
                Seg(f"{r['issue'].day} {RU_MONTHS[r['issue'].month - 1]} {r['grad']} г.", "mono", typed),
            ],
            size,
        ),
        Line([Seg(f"{'ей' if f and rng.random() < 0.5 else 'ему (ей)'} присвоена квалификация ")], size),
        T(r["spec"][2]),
        L("Председатель Государственной", size, gap=1.0),
        L("экзаменационной комиссии", size),
        L("Ректор", size, gap=0.3),
        L("Секретарь", size, gap=0.3),
        Line([Seg("Город "), Seg(r["city"], "mono", typed)], size, gap=0.8),
        Line([Seg(f"{r['issue']:%d.%m.%Y} г.", "mono", typed)], size),
        Line([Seg("Регистрационный № "), Seg(r["reg"], "mono", typed)], size, tag="protect"),
    ]
    col = Column(
        rng.randint(230, 340),
        A4[0] - rng.randint(230, 340),
        rng.randint(280, 480),
        head + body,
        spacing=rng.uniform(1.45, 1.7),
    )
    page = Page(*A4, [col], style, paper=rng.choice([(246, 240, 222), (240, 236, 220), (250, 246, 232)]))
    if rng.random() < 0.6:
        page.under.append(deco_border((120, 90, 60), 110, 5))
    if rng.random() < 0.5:
        page.over.append(deco_stamp(rng.choice([(60, 70, 170), (150, 60, 150)])))
    return page


def soviet_fields(p: Person) -> dict:
    f = diploma_fields(p, {"reg"})
    return f


def t_soviet(rng: random.Random) -> Doc:
    p = soviet_person(rng)
    return Doc("diploma", [soviet_page(rng, p)], soviet_fields(p), [p])
