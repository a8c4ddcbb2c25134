"""State-form diplomas (2008-2020): the Kazakh page, the Russian page, and both as one two-page file."""

from __future__ import annotations

import random

from ..document import A4, Doc, doc_style, paper
from ..graduates import diploma_fields, state_person
from ..grammar import kk_date, kk_name_dative, kk_phrase, ru_date, ru_dative
from ..institutions import DEGREE_WORDS, Inst
from ..layout import Column, L, Line, Page
from ..names import ru_spell
from ..people import Person


def state_kk_page(rng: random.Random, p: Person, style: dict) -> tuple[Page, set]:
    r = p.rec
    inst: Inst = r["inst"]
    size = rng.randint(40, 50)
    x0 = rng.randint(200, 330)
    x1 = A4[0] - rng.randint(200, 330)
    title = "ҮЗДІК ДИПЛОМ" if r["honors"] else "ДИПЛОМ"
    head = [
        L("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", size + 8, "bold", align="center"),
        L(title, size + rng.randint(30, 50), "title", align="center", gap=0.6),
    ]
    num = f"{r['series']} № {r['number']}" if rng.random() < 0.7 else f"{r['series']} №{r['number']}"
    deg_kk = DEGREE_WORDS[r["degree"]][0]
    prog = f"{r['code']} – «{r['prog'][1]}»" if rng.random() < 0.6 else f"{r['code']} {r['prog'][1]}"
    printed = {"reg", "code"}
    v = rng.randrange(3)
    body: list[Line] = []
    if v == 0:
        body = [
            L(num, size + 6, "bold", align="center", gap=0.4, tag="protect"),
            L(f"Осы диплом {kk_name_dative(p)}", size, gap=1.2),
            L(
                f"{r['enr']} жылы {kk_phrase(inst.kk, 'dat')} оқуға түсіп, {r['grad']} жылы {prog} "
                "білім беру "
                f"бағдарламасы бойынша толық оқу курсын бітіргені туралы берілді.",
                size,
            ),
            L(
                f"Мемлекеттік аттестаттау комиссиясының {kk_date(r['issue'])} шешімімен "
                f"(№ {r['protocol']} хаттама) {deg_kk} "
                f"{'біліктілігі' if r['degree'] == 'specialist' else 'дәрежесі'}"
                " берілді.",
                size,
                gap=0.5,
            ),
        ]
    elif v == 1:
        body = [
            L(f"Сериясы {num}", size + 4, "bold", align="center", gap=0.4, tag="protect"),
            L(f"Тегі  {p.last}", size, gap=1.5),
            L(f"Аты  {p.first}", size),
            L(f"Әкесінің аты  {p.patronymic}", size),
            L(
                f"{r['enr']} жылы оқуға түсіп, {r['grad']} жылы {kk_phrase(inst.kk, 'gen')} "
                "толық курсын бітірді",
                size,
                gap=0.5,
            ),
            L(f"Білім беру бағдарламасы: {prog}", size),
            L(f"Берілген дәрежесі: {deg_kk}", size),
        ]
    else:
        body = [
            L(num, size + 6, "bold", align="center", gap=0.4, tag="protect"),
            L("Осы диплом", size, align="center", gap=1.2),
            L(kk_name_dative(p), size + 14, "name", align="center", gap=0.2),
            L(
                f"{kk_phrase(inst.kk, 'acc')} {r['grad']} жылы {prog} білім беру бағдарламасы бойынша "
                f"бітіргені туралы берілді.",
                size,
                gap=0.4,
            ),
            L(f"Шешім: Мемлекеттік аттестаттау комиссиясы, {kk_date(r['issue'])}.", size, gap=0.4),
            L(
                f"Берілді: {deg_kk} "
                f"{'біліктілігі' if r['degree'] == 'specialist' else 'академиялық дәрежесі'}",
                size,
            ),
        ]
    tail = [
        L(
            f"Тіркеу нөмірі {r['reg']}" if rng.random() < 0.6 else f"Тіркеу № {r['reg']}",
            size,
            gap=1.0,
            tag="protect",
        ),
        L(f"{inst.city_kk} қаласы" + (f", {r['issue']:%d.%m.%Y}" if rng.random() < 0.5 else ""), size),
    ]
    if rng.random() < 0.6:
        tail.append(L(f"ЖСН {p.iin}", size, tag="protect"))
        printed.add("iin")
    col = Column(x0, x1, rng.randint(260, 520), head + body + tail, spacing=rng.uniform(1.4, 1.75))
    return Page(*A4, [col], style, paper=paper(rng)), printed


def state_ru_page(rng: random.Random, p: Person, style: dict) -> tuple[Page, set]:
    r = p.rec
    inst: Inst = r["inst"]
    size = rng.randint(40, 50)
    x0, x1 = rng.randint(200, 330), A4[0] - rng.randint(200, 330)
    f = p.gender == "F"
    title = "ДИПЛОМ С ОТЛИЧИЕМ" if r["honors"] else "ДИПЛОМ"
    head = [
        L("РЕСПУБЛИКА КАЗАХСТАН", size + 8, "bold", align="center"),
        L(title, size + rng.randint(30, 50), "title", align="center", gap=0.6),
    ]
    num = f"{r['series']} № {r['number']}"
    deg = DEGREE_WORDS[r["degree"]][1]
    what = "квалификация" if r["degree"] == "specialist" else "степень"
    prog = f"{r['code']} – «{r['prog'][2]}»" if rng.random() < 0.6 else f"{r['code']} {r['prog'][2]}"
    printed = {"reg", "code"}
    v = rng.randrange(3)
    if v == 0:
        body = [
            L(num, size + 6, "bold", align="center", gap=0.4, tag="protect"),
            L(f"Настоящий диплом выдан {ru_dative(p)}", size, gap=1.2),
            L(
                f"в том, что {'она' if f else 'он'} в {r['enr']} году {'поступила' if f else 'поступил'} в "
                f"{inst.ru} и в {r['grad']} году {'окончила' if f else 'окончил'} "
                "полный курс по образовательной "
                f"программе {prog}.",
                size,
            ),
            L(
                f"Решением Государственной аттестационной комиссии от {ru_date(r['issue'])} (протокол "
                f"№ {r['protocol']}) {'присвоена' if what == 'квалификация' else 'присуждена'} {what} {deg}.",
                size,
                gap=0.5,
            ),
        ]
    elif v == 1:
        body = [
            L(
                f"Серия {r['series']}  № {r['number']}",
                size + 4,
                "bold",
                align="center",
                gap=0.4,
                tag="protect",
            ),
            L("Выдан", size, gap=1.2, align="center"),
            L(ru_dative(p), size + 14, "name", align="center", gap=0.2),
            L(f"{'окончившей' if f else 'окончившему'} в {r['grad']} году {inst.ru}", size, gap=0.4),
            L(f"по образовательной программе {prog}", size),
            L(
                f"Решением ГАК от {r['issue']:%d.%m.%Y} "
                f"{'присвоена' if what == 'квалификация' else 'присуждена'} "
                f"{what} {deg}",
                size,
                gap=0.4,
            ),
        ]
    else:
        body = [
            L(num, size + 6, "bold", align="center", gap=0.4, tag="protect"),
            L(f"Фамилия  {ru_spell(p.last)}", size, gap=1.5),
            L(f"Имя  {ru_spell(p.first)}", size),
            L(f"Отчество  {ru_spell(p.patronymic)}", size),
            L(f"Поступил(а) в {r['enr']} году, окончил(а) в {r['grad']} году {inst.ru}", size, gap=0.5),
            L(f"Образовательная программа: {prog}", size),
            L(f"{'Квалификация' if what == 'квалификация' else 'Степень'}: {deg}", size),
        ]
    tail = [
        L(
            f"Регистрационный номер {r['reg']}" if rng.random() < 0.6 else f"Рег. № {r['reg']}",
            size,
            gap=1.0,
            tag="protect",
        ),
        L(f"город {inst.city_ru}" + (f", {r['issue']:%d.%m.%Y}" if rng.random() < 0.5 else ""), size),
    ]
    if rng.random() < 0.6:
        tail.append(L(f"ИИН {p.iin}", size, tag="protect"))
        printed.add("iin")
    col = Column(x0, x1, rng.randint(260, 520), head + body + tail, spacing=rng.uniform(1.4, 1.75))
    return Page(*A4, [col], style, paper=paper(rng)), printed


def t_state_kk(rng: random.Random) -> Doc:
    p, _ = state_person(rng)
    page, printed = state_kk_page(rng, p, doc_style(rng))
    return Doc("diploma", [page], diploma_fields(p, printed), [p])


def t_state_ru(rng: random.Random) -> Doc:
    p, _ = state_person(rng)
    page, printed = state_ru_page(rng, p, doc_style(rng))
    return Doc("diploma", [page], diploma_fields(p, printed), [p])


def t_state_two_pages(rng: random.Random) -> Doc:
    p, _ = state_person(rng)
    style = doc_style(rng)
    a, pa = state_kk_page(rng, p, style)
    b, pb = state_ru_page(rng, p, style)
    b.paper = a.paper
    return Doc("diploma", [a, b], diploma_fields(p, pa | pb), [p], ext=rng.choice([".tif", ".pdf"]))
