"""Diploma supplements (transcripts): the graduate's header lines and a ruled table of subjects and grades."""

from __future__ import annotations

import random

from ..document import A4, Doc, doc_style, paper
from ..graduates import own_person, state_person
from ..institutions import Inst
from ..layout import Column, L, Page, Table, column_height
from ..names import items, ru_spell

SUBJECTS_KK = items(
    """
    Қазақстанның қазіргі заман тарихы|Философия|Шетел тілі|Қазақ (орыс) тілі|Экономикалық теория
    Ақпараттық-коммуникациялық технологиялар|Әлеуметтану|Саясаттану|Мәдениеттану|Психология
    Экология және тіршілік қауіпсіздігі|Жоғары математика|Физика|Құқық негіздері|Кәсіпкерлік негіздері
    Дене шынықтыру|Оқу практикасы|Өндірістік практика|Дипломдық жұмыс|Мемлекеттік емтихан|Статистика
    Менеджмент|Маркетинг|Бағдарламалау|Деректер қоры
"""
)
SUBJECTS_RU = items(
    """
    Современная история Казахстана|Философия|Иностранный язык|Казахский (русский) язык|Социология
    Информационно-коммуникационные технологии|Политология|Культурология|Психология|Экономическая теория
    Экология и безопасность жизнедеятельности|Высшая математика|Физика|Основы права|Статистика
    Основы предпринимательства|Физическая культура|Учебная практика|Производственная практика|Менеджмент
    Дипломная работа|Государственный экзамен|Маркетинг|Программирование|Базы данных
"""
)
GRADES = [
    ("A", "4,0", "отлично", "өте жақсы"),
    ("A-", "3,67", "отлично", "өте жақсы"),
    ("B+", "3,33", "хорошо", "жақсы"),
    ("B", "3,0", "хорошо", "жақсы"),
    ("B-", "2,67", "хорошо", "жақсы"),
    ("C+", "2,33", "удовлетворительно", "қанағаттанарлық"),
    ("C", "2,0", "удовлетворительно", "қанағаттанарлық"),
]


def t_supplement(rng: random.Random) -> Doc:
    if rng.random() < 0.7:
        p, _ = state_person(rng)
    else:
        p = own_person(rng, {"bachelor": "BD", "master": "MD", "doctor": "DD"})
    r = p.rec
    inst: Inst = r["inst"]
    kk = rng.random() < 0.5
    style = doc_style(rng, sans_body=0.6)
    size = rng.randint(36, 42)
    x0 = rng.randint(180, 260)
    x1 = A4[0] - x0
    num = f"{r['series']} № {r['number']}"
    lines = [L(inst.kk if kk else inst.ru, size + 2, "bold", align="center")]
    if kk:
        lines += [
            L("ДИПЛОМҒА ҚОСЫМША", size + 18, "title", align="center", gap=0.4)
            if rng.random() < 0.5
            else L("ТРАНСКРИПТ", size + 18, "title", align="center", gap=0.4),
            L(f"{num} дипломға қосымша", size + 2, "bold", align="center", tag="protect"),
            L(f"Тегі, аты, әкесінің аты: {p.full}", size, gap=0.8),
            L(f"Оқуға түскен жылы: {r['enr']}    Бітірген жылы: {r['grad']}", size),
            L(f"Білім беру бағдарламасы: {r['code']} – {r['prog'][1]}", size),
        ]
        head = ["№", "Пәннің атауы", "Кредит", "Баға", "Балл", "Дәстүрлі баға"]
    else:
        lines += [
            L("ПРИЛОЖЕНИЕ К ДИПЛОМУ", size + 18, "title", align="center", gap=0.4),
            L(
                f"к диплому {num}" if rng.random() < 0.5 else f"(к диплому {num})",
                size + 2,
                "bold",
                align="center",
                tag="protect",
            ),
            L(f"Фамилия, имя, отчество: {ru_spell(p.full) if rng.random() < 0.5 else p.full}", size, gap=0.8),
            L(f"Год поступления: {r['enr']}    Год окончания: {r['grad']}", size),
            L(f"Образовательная программа: {r['code']} – {r['prog'][2]}", size),
        ]
        head = ["№", "Наименование дисциплины", "Кредиты", "Оценка", "Балл", "Традиционная"]
    subjects = rng.sample(SUBJECTS_KK if kk else SUBJECTS_RU, 20)
    rows = [head]
    for i, s in enumerate(subjects, 1):
        g = rng.choice(GRADES)
        rows.append([str(i), s, str(rng.choice([3, 4, 5, 5, 6, 8])), g[0], g[1], g[3] if kk else g[2]])
    tsize = size - 8
    widths = [90, 1000, 170, 150, 150, 0]
    widths[-1] = (x1 - x0) - sum(widths[:-1])
    col = Column(x0, x1, rng.randint(200, 300), lines, spacing=1.5)
    # the table starts below the header lines
    page = Page(*A4, [col], style, paper=paper(rng), order=["col0", "table0", "col1"])
    header_h = column_height(col, style)
    page.tables.append(Table(x0, col.y0 + header_h + 60, widths, rows, size=tsize, row_h=int(tsize * 2.0)))
    tail_y = col.y0 + header_h + 60 + 21 * int(tsize * 2.0) + 80
    tail = Column(
        x0,
        x1,
        tail_y,
        [
            L("Ректор ________________" if not kk else "Ректор ________________", size),
            L(f"Тіркеу № {r['reg']}" if kk else f"Рег. № {r['reg']}", size),
        ],
    )
    page.columns.append(tail)
    fields = {
        "last_name": p.last,
        "first_name": p.first,
        "patronymic": p.patronymic,
        "diploma_series": r["series"],
        "diploma_number": r["number"],
        "graduation_year": r["grad"],
    }
    return Doc("supplement", [page], fields, [p])
