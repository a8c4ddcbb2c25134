"""Universities' own diplomas (since 2020): three columns (kk, ru, en) in landscape, or two (kk, ru), each
with a QR code."""

from __future__ import annotations

import json
import random

from ..decorations import deco_border, deco_logo, deco_qr, deco_signature
from ..document import A4, BLUE, GOLD, Doc, doc_style, paper
from ..graduates import diploma_fields, own_person
from ..institutions import DEGREE_WORDS, Inst
from ..layout import Column, L, Line, Page
from ..names import latin, ru_spell
from ..people import Person


def qr_payload(rng: random.Random, p: Person, style: str | None = None) -> str:
    r = p.rec
    inst: Inst = r["inst"]
    style = style or rng.choice(["epvo", "univ", "json", "query"])
    if style == "epvo":
        return f"https://epvo.kz/verify?series={latin(r['series'])}&number={r['number']}"
    if style == "univ":
        return f"https://diploma.{inst.domain}.kz/check/{latin(r['series'])}{r['number']}"
    if style == "json":
        return json.dumps(
            {"series": r["series"], "number": r["number"], "reg": r["reg"], "iin": p.iin, "year": r["grad"]},
            ensure_ascii=False,
        )
    return f"series={latin(r['series'])}&number={r['number']}&reg={r['reg']}&univ={inst.domain}"


def t_own_3col(rng: random.Random) -> Doc:
    p = own_person(rng, {"bachelor": "BD", "master": "MD", "doctor": "DD"})
    r = p.rec
    inst: Inst = r["inst"]
    style = doc_style(rng, sans_body=0.5)
    w, h = A4[1], A4[0]
    gold = rng.choice(GOLD)
    size = rng.randint(34, 40)
    big = rng.randint(54, 66)
    margin = rng.randint(150, 220)
    colw = (w - 2 * margin) // 3
    top = rng.randint(330, 450)
    deg_kk, deg_ru, deg_en = DEGREE_WORDS[r["degree"]]
    code = r["code"]
    prog_kk, prog_ru, prog_en = (f"{code} – {r['prog'][i]}" for i in (1, 2, 3))
    variant = rng.randrange(3)
    honors_kk = {0: "ҮЗДІК ДИПЛОМ", 1: "ҮЗДІК БІТІРГЕН", 2: "ҮЗДІК ДИПЛОМ"}[variant]
    honors_ru = {0: "ДИПЛОМ С ОТЛИЧИЕМ", 1: "С ОТЛИЧИЕМ", 2: "ДИПЛОМ С ОТЛИЧИЕМ"}[variant]
    honors_en = {0: "DIPLOMA WITH HONOURS", 1: "WITH DISTINCTION", 2: "WITH HONOURS"}[variant]
    num_line = {0: "{s} {n}", 1: "{s} № {n}", 2: "{s}{n}"}[rng.randrange(3)]
    ser = num_line.format(s=r["series"], n=r["number"])
    name_kk = p.full.upper() if rng.random() < 0.6 else p.full
    name_ru = ru_spell(p.full).upper() if name_kk.isupper() else ru_spell(p.full)
    name_en = latin(p.full).upper()

    def col(lang: str) -> list[Line]:
        out = [L({"kk": inst.kk, "ru": inst.ru, "en": inst.en}[lang], size + 4, "bold", align="center")]
        if variant == 0 and not r["honors"]:
            out.append(
                L(
                    {"kk": "ДИПЛОМ", "ru": "ДИПЛОМ", "en": "DIPLOMA"}[lang],
                    size + 30,
                    "title",
                    align="center",
                    gap=0.5,
                )
            )
        elif r["honors"]:
            out.append(
                L(
                    {"kk": honors_kk, "ru": honors_ru, "en": honors_en}[lang],
                    size + 16,
                    "title",
                    align="center",
                    gap=0.5,
                )
            )
        elif variant == 1:
            out.append(
                L(
                    {"kk": "Жоғары білім туралы", "ru": "О высшем образовании", "en": "Higher education"}[
                        lang
                    ],
                    size + 6,
                    "bold",
                    align="center",
                    gap=0.5,
                )
            )
        out.append(L(ser, size + 4, "bold", align="center", gap=0.3, tag="protect"))
        if lang == "kk":
            out += [
                L("Осы диплом", size, align="center", gap=0.8) if variant != 2 else L("", size),
                L(name_kk, big, "name", gold, align="center", gap=0.3),
                L(f"{prog_kk} білім беру бағдарламасын меңгергенін растайды", size, align="center", gap=0.4),
                L(
                    f"{deg_kk} дәрежесі берілді" if r["degree"] != "doctor" else f"{deg_kk} дәрежесі берілді",
                    size,
                    "bold",
                    align="center",
                ),
                L(
                    f"Аттестаттау комиссиясының № {r['protocol']} хаттамасы, {r['issue']:%d.%m.%Y}",
                    size,
                    align="center",
                    gap=0.6,
                ),
                L(f"Тіркеу № {r['reg']}", size, align="center", tag="protect"),
                L(f"{inst.city_kk} қ., {r['grad']}", size, align="center"),
            ]
        elif lang == "ru":
            out += [
                L("Настоящим удостоверяется, что" if variant != 2 else "", size, align="center", gap=0.8),
                L(name_ru, big, "name", gold, align="center", gap=0.3),
                L(f"освоил(а) образовательную программу {prog_ru}", size, align="center", gap=0.4),
                L(f"и ему (ей) присуждена степень {deg_ru}", size, "bold", align="center"),
                L(f"протокол № {r['protocol']} от {r['issue']:%d.%m.%Y}", size, align="center", gap=0.6),
                L(f"Регистрационный № {r['reg']}", size, align="center", tag="protect"),
                L(f"г. {inst.city_ru}, {r['grad']}", size, align="center"),
            ]
        else:
            en_deg = {
                "bachelor": f"Bachelor of {r['prog'][3]}",
                "master": f"Master of {r['prog'][3]}",
                "doctor": "Doctor of Philosophy (PhD)",
            }[r["degree"]]
            out += [
                L("This is to certify that" if variant != 2 else "", size, align="center", gap=0.8),
                L(name_en, big, "name", gold, align="center", gap=0.3),
                L(f"has completed the educational programme {prog_en}", size, align="center", gap=0.4),
                L(f"and has been awarded the degree of {en_deg}", size, "bold", align="center"),
                L(f"Protocol No. {r['protocol']} of {r['issue']:%d.%m.%Y}", size, align="center", gap=0.6),
                L(f"Registration No. {r['reg']}", size, align="center", tag="protect"),
                L(f"{latin(inst.city_kk)}, {r['grad']}", size, align="center"),
            ]
        return out

    cols = [
        Column(margin + i * colw + 30, margin + (i + 1) * colw - 30, top, col(lang), spacing=1.45)
        for i, lang in enumerate(("kk", "ru", "en"))
    ]
    page = Page(w, h, cols, style, paper=paper(rng))
    accent = rng.choice([(0, 90, 160), (150, 20, 40), (0, 110, 80), gold])
    if rng.random() < 0.7:
        page.under.append(deco_border(accent, 70, rng.randint(6, 14)))
    if rng.random() < 0.6:
        page.under.append(deco_logo(accent, w // 2, 190, 95))
    qpx = rng.randint(300, 380)
    qx = rng.choice([w - margin - qpx, margin])
    page.over.append(deco_qr(qr_payload(rng, p), qx, h - qpx - 130, qpx))
    if rng.random() < 0.5:
        page.over.append(deco_signature(w // 2 - 150, h - 260))
    return Doc("diploma", [page], diploma_fields(p, {"reg", "code"}), [p])


def t_own_2col(rng: random.Random) -> Doc:
    ser = rng.choice([("NB", "NM", "NM"), ("KZ", "KZ", "KZ"), ("ЖБ", "ЖМ", "ЖД")])
    p = own_person(rng, {"bachelor": ser[0], "master": ser[1], "doctor": ser[2]})
    r = p.rec
    inst: Inst = r["inst"]
    style = doc_style(rng)
    landscape = rng.random() < 0.5
    w, h = (A4[1], A4[0]) if landscape else A4
    color = rng.choice(BLUE)
    size = rng.randint(36, 44) if landscape else rng.randint(34, 40)
    margin = rng.randint(160, 240)
    colw = (w - 2 * margin) // 2
    deg_kk, deg_ru, _ = DEGREE_WORDS[r["degree"]]
    prog_kk, prog_ru = (f"{r['code']} «{r['prog'][i]}»" for i in (1, 2))
    v = rng.randrange(2)
    ser_line = f"{r['series']} № {r['number']}" if v else f"Сериясы / Серия {r['series']} {r['number']}"

    def col(lang: str) -> list[Line]:
        kk = lang == "kk"
        out = [
            L(inst.kk if kk else inst.ru, size + 4, "bold", align="center"),
            L(
                ("ҮЗДІК ДИПЛОМ" if kk else "ДИПЛОМ С ОТЛИЧИЕМ") if r["honors"] else "ДИПЛОМ",
                size + 28,
                "title",
                align="center",
                gap=0.6,
            ),
        ]
        if kk:
            out += [
                L(
                    ser_line if v else f"{r['series']} {r['number']}",
                    size + 2,
                    "bold",
                    align="center",
                    tag="protect",
                ),
                L(f"{r['grad']} жылы білім беру бағдарламасын аяқтаған", size, gap=1.0),
                L(p.full, size + 18, "name", color, gap=0.3),
                L(f"Бағдарлама: {prog_kk}", size, gap=0.4),
                L(f"Берілген дәреже: {deg_kk}", size),
                L(f"Хаттама № {r['protocol']}, {r['issue']:%d.%m.%Y}", size),
                L(f"Тіркеу нөмірі: {r['reg']}", size, tag="protect"),
            ]
        else:
            out += [
                L(f"{r['series']} № {r['number']}", size + 2, "bold", align="center", tag="protect"),
                L(f"окончил(а) в {r['grad']} году", size, gap=1.0),
                L(ru_spell(p.full), size + 18, "name", color, gap=0.3),
                L(f"Программа: {prog_ru}", size, gap=0.4),
                L(f"Присуждена степень: {deg_ru}", size),
                L(f"Протокол № {r['protocol']} от {r['issue']:%d.%m.%Y}", size),
                L(f"Регистрационный номер: {r['reg']}", size, tag="protect"),
            ]
        return out

    top = rng.randint(260, 420)
    cols = [
        Column(margin + i * colw + 30, margin + (i + 1) * colw - 30, top, col(lang), spacing=1.5)
        for i, lang in enumerate(("kk", "ru"))
    ]
    page = Page(w, h, cols, style, paper=paper(rng))
    if rng.random() < 0.5:
        page.under.append(deco_border(color, 80, 8))
    qpx = rng.randint(280, 360)
    page.over.append(
        deco_qr(qr_payload(rng, p, rng.choice(["json", "query"])), w - margin - qpx, h - qpx - 140, qpx)
    )
    return Doc("diploma", [page], diploma_fields(p, {"reg", "code"}), [p])
