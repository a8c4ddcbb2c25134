"""Documents listing many graduates: graduation orders (a numbered list or a table) and diploma ledgers
with their columns in varying order."""

from __future__ import annotations

import random
from datetime import date

from ..document import A4, Doc, doc_style, paper
from ..graduates import listed_people
from ..grammar import kk_date, ru_date
from ..institutions import Inst
from ..layout import Column, L, Page, Table, column_height
from ..names import ru_spell
from ..people import Person


def t_graduation_order(rng: random.Random) -> Doc:
    people = listed_people(rng, rng.randint(5, 12), soviet=False)
    r0 = people[0].rec
    inst: Inst = r0["inst"]
    kk = rng.random() < 0.5
    style = doc_style(rng)
    size = rng.randint(38, 44)
    x0, x1 = rng.randint(200, 280), A4[0] - rng.randint(200, 280)
    od = date(r0["grad"], rng.choice([6, 7]), rng.randint(1, 28))
    no = f"{rng.randint(10, 999)}-{rng.choice(['с', 'ж', 'о'])}"
    lines = [
        L(inst.kk if kk else inst.ru, size + 4, "bold", align="center"),
        L("БҰЙРЫҚ" if kk else "ПРИКАЗ", size + 26, "title", align="center", gap=0.6),
        L(f"{od:%d.%m.%Y}  № {no}  {inst.city_kk if kk else inst.city_ru}", size, align="center", gap=0.3),
    ]
    if kk:
        lines += [
            L("Білім алушыларды оқу орнын бітіруіне байланысты оқудан шығару туралы", size, "bold", gap=0.8),
            L(f"Мемлекеттік аттестаттау комиссиясының {kk_date(od)} шешімі негізінде", size, gap=0.5),
            L("БҰЙЫРАМЫН:", size, "bold", gap=0.5),
            L(
                f"Төменде аталған білім алушылар {r0['grad']} жылы оқу орнын бітіруіне байланысты оқудан "
                "шығарылсын және оларға диплом берілсін:",
                size,
            ),
        ]
    else:
        lines += [
            L("Об отчислении в связи с окончанием университета", size, "bold", gap=0.8),
            L(
                f"На основании решения Государственной аттестационной комиссии от {ru_date(od)}",
                size,
                gap=0.5,
            ),
            L("ПРИКАЗЫВАЮ:", size, "bold", gap=0.5),
            L(
                f"Отчислить в связи с окончанием обучения в {r0['grad']} году и выдать дипломы следующим "
                "обучающимся:",
                size,
            ),
        ]
    page = Page(*A4, [], style, paper=paper(rng))
    col = Column(x0, x1, rng.randint(220, 320), lines, spacing=1.5)
    show_num = rng.random() < 0.6
    if rng.random() < 0.5:  # numbered list
        for i, p in enumerate(people, 1):
            r = p.rec
            name = p.full if kk or rng.random() < 0.5 else ru_spell(p.full)
            t = f"{i}. {name} – {r['code']} «{r['prog'][1 if kk else 2]}»"
            if show_num:
                t += f", {r['series']} № {r['number']}"
            col.lines.append(L(t, size, gap=0.3 if i == 1 else 0.0))
        col.lines += [L("Ректор                                       ________________", size, gap=1.5)]
        page.columns.append(col)
    else:  # a table
        page.columns.append(col)
        head = ["№", "Аты-жөні" if kk else "Ф.И.О.", "Бағдарлама" if kk else "Программа"]
        if show_num:
            head.append("Диплом")
        rows = [head] + [
            [str(i), p.full, p.rec["code"]] + ([f"{p.rec['series']} № {p.rec['number']}"] if show_num else [])
            for i, p in enumerate(people, 1)
        ]
        widths = [90, 1000, 330] + ([520] if show_num else [])
        y = col.y0 + column_height(col, style) + 60
        page.tables.append(Table(x0, y, widths, rows, size=size - 6))
        page.columns.append(
            Column(x0, x1, y + len(rows) * int((size - 6) * 1.9) + 100, [L("Ректор ________________", size)])
        )
        page.order = ["col0", "table0", "col1"]
    return Doc("ledger", [page], {}, people)


LEDGER_COLS = {
    "reg": ("Тіркеу №", "Рег. №"),
    "name": ("Тегі, аты, әкесінің аты", "Фамилия, имя, отчество"),
    "series": ("Дипломның сериясы мен нөмірі", "Серия и номер диплома"),
    "prog": ("Мамандығы", "Специальность"),
    "date": ("Берілген күні", "Дата выдачи"),
    "year": ("Бітірген жылы", "Год окончания"),
}
LEDGER_ORDERS = (
    ["series", "name", "reg", "prog", "date"],
    ["date", "name", "reg", "series"],
    ["name", "series", "date", "reg"],
    ["reg", "series", "name", "year", "prog"],
    ["series", "reg", "name", "date"],
)
LEDGER_WIDTH = {"reg": 230, "name": 820, "series": 470, "prog": 600, "date": 300, "year": 240}


def t_ledger_columns(rng: random.Random) -> Doc:
    people = listed_people(rng, rng.randint(8, 15))
    soviet = people[0].rec.get("inst") is None
    kk = not soviet and rng.random() < 0.4
    order = rng.choice(LEDGER_ORDERS)
    style = doc_style(rng, sans_body=0.5)
    size = rng.randint(30, 34)
    landscape = sum(LEDGER_WIDTH[c] for c in order) > 2100
    w, h = (A4[1], A4[0]) if landscape else A4
    r0 = people[0].rec
    inst_name = r0["inst_ru"] if soviet else (r0["inst"].kk if kk else r0["inst"].ru)
    title = (
        "ДИПЛОМДАРДЫ ТІРКЕУ КІТАБЫ"
        if kk
        else rng.choice(["КНИГА РЕГИСТРАЦИИ ВЫДАННЫХ ДИПЛОМОВ", "Книга регистрации выдачи дипломов"])
    )
    lines = [
        L(f"{title} {r0['grad']}", size + 12, "bold", align="center"),
        L(inst_name, size + 4, align="center"),
    ]
    x0 = 150
    col = Column(x0, w - x0, rng.randint(160, 260), lines, spacing=1.5)

    def cell(p: Person, c: str) -> str:
        r = p.rec
        if c == "reg":
            return r["reg"]
        if c == "name":
            return p.full
        if c == "series":
            return f"{r['series']} № {r['number']}" if rng.random() < 0.7 else f"{r['series']} {r['number']}"
        if c == "prog":
            return r["spec"][1] if soviet else (r["prog"][1] if kk else r["prog"][2])
        if c == "date":
            return f"{r['issue']:%d.%m.%Y}"
        return str(r["grad"])

    rows = [[LEDGER_COLS[c][0 if kk else 1] for c in order]] + [[cell(p, c) for c in order] for p in people]
    widths = [LEDGER_WIDTH[c] for c in order]
    scale = (w - 2 * x0) / sum(widths)
    widths = [int(x * scale) for x in widths]
    page = Page(w, h, [col], style, paper=rng.choice([(250, 248, 240), (244, 240, 228), (255, 255, 255)]))
    page.tables.append(Table(x0, col.y0 + 230, widths, rows, size=size, row_h=int(size * 2.2)))
    return Doc("ledger", [page], {}, people)
