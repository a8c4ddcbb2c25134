"""Generate a varied evaluation set of diploma scans with ground truth and a matching registry.

    .venv/bin/python benchmarks/make_set.py OUT_DIR [--per-template N] [--seed S] [--registry-size M]
                                            [--templates a,b]

Writes OUT_DIR/scans/ (JPEG, PNG, TIFF incl. multi-page, image-only PDF), OUT_DIR/registry.csv (the
registry format of shared/DESIGN.md) and OUT_DIR/truth.jsonl (the format of shared/samples/truth.jsonl),
all deterministic for a seed. Pages are rendered with Pillow at 300 dpi from fonts of Debian packages
(fonts-dejavu-core, fonts-liberation2, fonts-freefont-ttf, fonts-paratype, fonts-linuxlibertine); a font
that is missing or lacks a Kazakh letter is replaced by DejaVu, and the script says so on stderr.
Filler text of letters comes from shared/corpora. Score an export with shared/eval/score.py OUT_DIR EXPORT.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import random
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import qrcode
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CORPORA_CANDIDATES = (
    ROOT.parent / "shared" / "corpora",
    ROOT / "shared" / "corpora",
    Path("/work/shared/corpora"),
)


def words(s: str) -> list[str]:
    return s.split()


def items(s: str) -> list[str]:
    """Entries separated by | or by line ends."""
    return [x.strip() for line in s.strip().splitlines() for x in line.split("|") if x.strip()]


TEMPLATES = (
    "state_kk",
    "state_ru",
    "state_two_pages",
    "own_3col",
    "own_2col",
    "soviet",
    "supplement",
    "graduation_order",
    "ledger_columns",
    "photographed",
    "archive_letter",
    "state_harsh",
)
REGISTRY_HEADER = words(
    """
    graduate_id iin last_name first_name patronymic gender birth_date institution program_code
    program_name degree study_form study_language enrollment_year graduation_year diploma_series
    diploma_number registration_number issue_date honors
"""
)
KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
KZ_TO_RU = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")  # as shared/eval/score.py
LATIN = dict(
    zip(
        "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяә",
        words(
            "a b v g g d e yo zh z i y k k l m n n o o p r s t u u u f kh h ts ch sh shch - y i - e yu ya a"
        ),  # noqa: E501
        strict=True,
    )
)

# --------------------------------------------------------------------------------------------- names
KZ_SURNAMES = words(
    """
    Оразбаев Қалиев Нұрланов Тұрсынов Мұқанов Әбдірахманов Жанұзақов Дүйсенов Тоқтаров Оспанов
    Құдайбергенов Жақсылықов Сейітқалиев Бекмұханбетов Серікбаев Ахметов Омаров Исаев Сүлейменов Байжанов
    Әлімжанов Ержанов Жұмабаев Төлеуов Қасымов Ибраев Нұрғалиев Мұратов Садықов Ермеков Әбілов Бақытжанов
    Жексенбаев Қожахметов Рахымов Сәрсенбаев Тәжібаев Үсенов Шәкенов Ыбыраев Есенов Ғалымжанов Бейсенов
    Керімбаев Мамыров Нығметов Өтегенов Сағынтаев Темірбеков Уәлиханов Шаяхметов Қуанышев Әуезов Бөкейханов
    Дәулетов Жүнісов Ізбасаров Көшербаев Мырзахметов Әмірханов Ташенов Айтбаев Ғабдуллин Оңдасынов
"""
)
KZ_MALE = words(
    """
    Алихан Арман Асхат Ерлан Нұрлан Бауыржан Ғалым Дастан Ерболат Жасұлан Қайрат Мирас Нұрсұлтан Сұлтан
    Төлеген Әлихан Шыңғыс Ділмұрат Данияр Азамат Айдос Айбек Бекзат Бақытжан Дәулет Ержан Еркебұлан Жандос
    Қуаныш Мұхтар Нұрдәулет Нұрбол Олжас Рүстем Санжар Серік Талғат Тимур Ұлан Абылай Ақжол Әділет Бағдат
    Бекжан Дархан Елдос Жомарт Ілияс Қанат Мақсат Нұрәли Өмірзақ Рахат Саят Темірлан Ғабит Біржан Мейіржан
    Ерасыл Ақылбек Үмбетәлі
"""
)
KZ_FEMALE = words(
    """
    Құралай Шынар Нұргүл Айгүл Балжан Гүлнар Мадина Қарлығаш Аяулым Гүлмира Жібек Назерке Салтанат Әсел
    Айгерім Ақерке Ботагөз Гүлжан Дана Динара Жанар Жансая Зарина Индира Камила Ләззат Мөлдір Нұрсұлу Перизат
    Роза Сәуле Сымбат Томирис Ұлжан Үміт Фариза Әйгерім Аружан Аққу Гаухар Дильназ Ерке Жұлдыз Ләйлә Меруерт
    Нәзира Айжан Бибігүл Гүлсім Дәмеш Жадыра Қымбат Мақпал Сандуғаш Талшын Шолпан Айша Інжу Әлия Толғанай
"""
)
RU_SURNAMES = words(
    """
    Иванов Петров Смирнов Кузнецов Попов Лебедев Новиков Морозов Волков Соколов Виноградов Козлов
    Павлов Никитин Захаров Борисов Макаров Орлов Васильев Григорьев
"""
)
RU_MALE = words(
    "Алексей Дмитрий Сергей Андрей Павел Владимир Игорь Михаил Николай Евгений Александр Олег Виктор"
)
RU_FEMALE = words(
    "Светлана Мария Анна Ольга Елена Наталья Ирина Татьяна Юлия Екатерина Анастасия Валентина Дарья"
)
RU_PATRONYMICS = {
    "Сергей": ("Сергеевич", "Сергеевна"),
    "Виктор": ("Викторович", "Викторовна"),
    "Игорь": ("Игоревич", "Игоревна"),
    "Александр": ("Александрович", "Александровна"),
    "Владимир": ("Владимирович", "Владимировна"),
    "Николай": ("Николаевич", "Николаевна"),
    "Михаил": ("Михайлович", "Михайловна"),
    "Андрей": ("Андреевич", "Андреевна"),
    "Павел": ("Павлович", "Павловна"),
    "Олег": ("Олегович", "Олеговна"),
    "Юрий": ("Юрьевич", "Юрьевна"),
    "Геннадий": ("Геннадьевич", "Геннадьевна"),
}


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


def ru_spell(s: str) -> str:
    return s.translate(KZ_TO_RU)


def latin(s: str) -> str:
    out = []
    for ch in s:
        lo = ch.lower()
        t = LATIN.get(lo, ch)
        t = "" if t == "-" else t
        out.append(t.upper() if ch != lo else t)
    return "".join(out)


def ru_dative_word(w: str, gender: str, kind: str) -> str:
    """Russian dative of a surname, first name or patronymic (already in Russian spelling)."""
    if kind == "patr":
        if w.endswith(("улы", "кызы")):
            return w
        if w.endswith("ич"):
            return w + "у"
        if w.endswith("на"):
            return w[:-1] + "е"
        return w
    if kind == "last":
        if gender == "M":
            return w + "у" if w.endswith(("ов", "ев", "ин", "ын", "ёв")) else w
        if w.endswith(("ова", "ева", "ина", "ына", "ёва")):
            return w[:-1] + "ой"
        return w
    # first names
    if w.endswith("ия"):
        return w[:-1] + "и"
    if w.endswith(("а", "я")):
        return w[:-1] + "е"
    if gender == "F":
        return w
    if w.endswith(("й", "ь")):
        return w[:-1] + "ю"
    if w[-1] in "аеиоуыэюяё":
        return w
    return w + "у"


def ru_dative(p: Person) -> str:
    return " ".join(
        ru_dative_word(ru_spell(w), p.gender, k)
        for w, k in ((p.last, "last"), (p.first, "first"), (p.patronymic, "patr"))
    )


BACK, FRONT = set("аоұыяёАОҰЫЯЁ"), set("әеөүіэиӘЕӨҮІЭИ")


def kk_back(w: str) -> bool:
    for ch in reversed(w):
        if ch in BACK:
            return True
        if ch in FRONT:
            return False
    return True


def kk_dative(w: str) -> str:
    """Kazakh dative of a word: possessive -ы/-і (ұлы, қызы, университеті) takes -на/-не."""
    back = kk_back(w)
    if w.endswith(("ұлы", "қызы", "ы", "і")) and len(w) > 3:
        return w + ("на" if back else "не")
    if w[-1].lower() in "кқпстфхцчшщ":
        return w + ("қа" if back else "ке")
    return w + ("ға" if back else "ге")


def kk_case(w: str, case: str) -> str:
    back = kk_back(w)
    if case == "dat":
        return kk_dative(w)
    if case == "acc":
        return w + "н" if w[-1] in "ыі" else w + ("ды" if back else "ді")
    if case == "loc":
        return w + ("нда" if back else "нде") if w[-1] in "ыі" else w + ("да" if back else "де")
    if case == "gen":
        return w + ("ның" if back else "нің") if w[-1] in "ыі" else w + ("тың" if back else "тің")
    if case == "abl":
        return w + ("нан" if back else "нен") if w[-1] in "ыі" else w + ("дан" if back else "ден")
    return w


def kk_phrase(s: str, case: str) -> str:
    head, _, last = s.rpartition(" ")
    return (head + " " if head else "") + kk_case(last, case)


def kk_name_dative(p: Person) -> str:
    return f"{p.last} {p.first} {kk_dative(p.patronymic)}"


# --------------------------------------------------------------------------------------------- institutions
@dataclass(frozen=True)
class Inst:
    kk: str
    ru: str
    en: str
    city_kk: str
    city_ru: str
    domain: str


INSTITUTIONS = (
    Inst(
        "әл-Фараби атындағы Қазақ ұлттық университеті",
        "Казахский национальный университет имени аль-Фараби",
        "Al-Farabi Kazakh National University",
        "Алматы",
        "Алматы",
        "kaznu",
    ),
    Inst(
        "Л.Н. Гумилев атындағы Еуразия ұлттық университеті",
        "Евразийский национальный университет имени Л.Н. Гумилева",
        "L.N. Gumilyov Eurasian National University",
        "Астана",
        "Астана",
        "enu",
    ),
    Inst(
        "Қ.И. Сәтбаев атындағы Қазақ ұлттық техникалық зерттеу университеті",
        "Казахский национальный исследовательский технический университет имени К.И. Сатпаева",
        "Satbayev University",
        "Алматы",
        "Алматы",
        "satbayev",
    ),
    Inst(
        "Абай атындағы Қазақ ұлттық педагогикалық университеті",
        "Казахский национальный педагогический университет имени Абая",
        "Abai Kazakh National Pedagogical University",
        "Алматы",
        "Алматы",
        "kaznpu",
    ),
    Inst(
        "Академик Е.А. Бөкетов атындағы Қарағанды университеті",
        "Карагандинский университет имени академика Е.А. Букетова",
        "Karaganda Buketov University",
        "Қарағанды",
        "Караганда",
        "buketov",
    ),
    Inst(
        "М. Әуезов атындағы Оңтүстік Қазақстан университеті",
        "Южно-Казахстанский университет имени М. Ауэзова",
        "M. Auezov South Kazakhstan University",
        "Шымкент",
        "Шымкент",
        "auezov",
    ),
    Inst(
        "Ш. Уәлиханов атындағы Көкшетау университеті",
        "Кокшетауский университет имени Ш. Уалиханова",
        "Sh. Ualikhanov Kokshetau University",
        "Көкшетау",
        "Кокшетау",
        "shokan",
    ),
    Inst(
        "Қорқыт Ата атындағы Қызылорда университеті",
        "Кызылординский университет имени Коркыт Ата",
        "Korkyt Ata Kyzylorda University",
        "Қызылорда",
        "Кызылорда",
        "korkyt",
    ),
    Inst(
        "С. Сейфуллин атындағы Қазақ агротехникалық зерттеу университеті",
        "Казахский агротехнический исследовательский университет имени С. Сейфуллина",
        "S. Seifullin Kazakh Agrotechnical Research University",
        "Астана",
        "Астана",
        "kazatu",
    ),
    Inst(
        "Д. Серікбаев атындағы Шығыс Қазақстан техникалық университеті",
        "Восточно-Казахстанский технический университет имени Д. Серикбаева",
        "D. Serikbayev East Kazakhstan Technical University",
        "Өскемен",
        "Усть-Каменогорск",
        "ektu",
    ),
    Inst(
        "Х. Досмұхамедов атындағы Атырау университеті",
        "Атырауский университет имени Х. Досмухамедова",
        "Kh. Dosmukhamedov Atyrau University",
        "Атырау",
        "Атырау",
        "asu",
    ),
)
SOVIET_INSTITUTIONS = (
    ("Казахский государственный университет имени С.М. Кирова", "Алма-Ата", "университета"),
    ("Казахский политехнический институт имени В.И. Ленина", "Алма-Ата", "института"),
    ("Карагандинский политехнический институт", "Караганда", "института"),
    ("Алма-Атинский институт народного хозяйства", "Алма-Ата", "института"),
    ("Казахский педагогический институт имени Абая", "Алма-Ата", "института"),
    ("Целиноградский сельскохозяйственный институт", "Целиноград", "института"),
    ("Усть-Каменогорский строительно-дорожный институт", "Усть-Каменогорск", "института"),
    ("Семипалатинский зооветеринарный институт", "Семипалатинск", "института"),
    ("Карагандинский государственный университет", "Караганда", "университета"),
)
SOVIET_SPECIALTIES = (
    ("1202", "промышленное и гражданское строительство", "инженера-строителя"),
    ("0501", "технология машиностроения, металлорежущие станки и инструменты", "инженера-механика"),
    ("0302", "электрические станции", "инженера-электрика"),
    ("0506", "горные машины и комплексы", "горного инженера-механика"),
    ("2008", "история", "историка, преподавателя истории и обществоведения"),
    ("2016", "физика", "физика, преподавателя"),
    ("1717", "планирование народного хозяйства", "экономиста"),
    ("1509", "зоотехния", "зооинженера"),
    ("1502", "агрономия", "ученого агронома"),
    ("2103", "русский язык и литература", "учителя русского языка и литературы"),
)
PROGRAMS = (
    ("07101", "Машина жасау", "Машиностроение", "Mechanical Engineering"),
    ("06102", "Ақпараттық жүйелер", "Информационные системы", "Information Systems"),
    ("04101", "Экономика", "Экономика", "Economics"),
    ("04104", "Есеп және аудит", "Учет и аудит", "Accounting and Audit"),
    ("05301", "Химия", "Химия", "Chemistry"),
    ("01101", "Педагогика және психология", "Педагогика и психология", "Pedagogy and Psychology"),
    ("07201", "Мұнай-газ ісі", "Нефтегазовое дело", "Petroleum Engineering"),
    ("03101", "Әлеуметтану", "Социология", "Sociology"),
    ("04201", "Құқықтану", "Юриспруденция", "Law"),
    ("07301", "Сәулет", "Архитектура", "Architecture"),
    ("05401", "Математика", "Математика", "Mathematics"),
    (
        "06104",
        "Есептеу техникасы және бағдарламалық қамтамасыз ету",
        "Вычислительная техника и программное обеспечение",
        "Computer Engineering and Software",
    ),
    ("08101", "Агрономия", "Агрономия", "Agronomy"),
    ("02301", "Филология", "Филология", "Philology"),
)
KK_MONTHS = words("қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан")
RU_MONTHS = words("января февраля марта апреля мая июня июля августа сентября октября ноября декабря")
DEGREE_WORDS = {  # kk, ru (genitive), en
    "bachelor": ("бакалавр", "бакалавра", "Bachelor"),
    "master": ("магистр", "магистра", "Master"),
    "doctor": ("философия докторы (PhD)", "доктора философии (PhD)", "Doctor of Philosophy (PhD)"),
    "specialist": ("маман", "специалиста", "Specialist"),
}


def program_code(code5: str, degree: str, year: int) -> str:
    if year < 2019:  # the classifier of 2008-2018: 5B/6M + six digits
        return ("5B" if degree != "master" else "6M") + code5 + "0"
    return {"bachelor": "6B", "master": "7M", "doctor": "8D"}.get(degree, "6B") + code5


def kk_date(d: date) -> str:
    return f"{d.year} жылғы {d.day} {KK_MONTHS[d.month - 1]}"


def ru_date(d: date) -> str:
    return f"{d.day} {RU_MONTHS[d.month - 1]} {d.year} года"


# --------------------------------------------------------------------------------------------- fonts
FONT_DIRS = Path("/usr/share/fonts")
FONTS = {
    "serif": [
        "truetype/liberation2/LiberationSerif-Regular.ttf",
        "truetype/paratype/PTF55F.ttf",
        "truetype/freefont/FreeSerif.ttf",
        "opentype/linux-libertine/LinLibertine_R.otf",
        "truetype/dejavu/DejaVuSerif.ttf",
    ],
    "serif_bold": [
        "truetype/liberation2/LiberationSerif-Bold.ttf",
        "truetype/paratype/PTF75F.ttf",
        "truetype/freefont/FreeSerifBold.ttf",
        "opentype/linux-libertine/LinLibertine_RB.otf",
        "truetype/dejavu/DejaVuSerif-Bold.ttf",
    ],
    "sans": [
        "truetype/liberation2/LiberationSans-Regular.ttf",
        "truetype/paratype/PTS55F.ttf",
        "truetype/freefont/FreeSans.ttf",
        "truetype/dejavu/DejaVuSans.ttf",
        "truetype/paratype/PTN57F.ttf",
    ],
    "sans_bold": [
        "truetype/liberation2/LiberationSans-Bold.ttf",
        "truetype/paratype/PTS75F.ttf",
        "truetype/freefont/FreeSansBold.ttf",
        "truetype/dejavu/DejaVuSans-Bold.ttf",
    ],
    "mono": [
        "truetype/liberation2/LiberationMono-Regular.ttf",
        "truetype/paratype/PTM55F.ttf",
        "truetype/freefont/FreeMono.ttf",
        "truetype/dejavu/DejaVuSansMono.ttf",
    ],
    "italic": [
        "truetype/paratype/PTF56F.ttf",
        "opentype/linux-libertine/LinLibertine_RI.otf",
        "truetype/liberation2/LiberationSerif-Italic.ttf",
        "truetype/freefont/FreeSerifItalic.ttf",
        "truetype/dejavu/DejaVuSerif-Italic.ttf",
    ],
}
FALLBACK = {
    "serif": "DejaVuSerif.ttf",
    "serif_bold": "DejaVuSerif-Bold.ttf",
    "sans": "DejaVuSans.ttf",
    "sans_bold": "DejaVuSans-Bold.ttf",
    "mono": "DejaVuSansMono.ttf",
    "italic": "DejaVuSerif-Italic.ttf",
}
_warned: set[str] = set()


def _covers(path: Path) -> bool:
    ft = ImageFont.truetype(str(path), 40)

    def r(c: str) -> bytes:
        im = Image.new("L", (80, 80), 0)
        ImageDraw.Draw(im).text((10, 10), c, font=ft, fill=255)
        return im.tobytes()

    notdef = r("\U0010fffe")
    return all(r(c) != notdef for c in KAZAKH_LETTERS + "№«»–")


@cache
def usable_font(rel: str, role: str) -> str:
    path = FONT_DIRS / rel
    if path.exists() and _covers(path):
        return str(path)
    fb = str(FONT_DIRS / "truetype/dejavu" / FALLBACK[role])
    if rel not in _warned:
        _warned.add(rel)
        why = "missing" if not path.exists() else "lacks Kazakh letters"
        print(f"make_set: font {path} {why}; using DejaVu ({Path(fb).name}) instead", file=sys.stderr)
    return fb


@cache
def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def pick_fonts(rng: random.Random) -> dict[str, str]:
    """One typeface per role for a document (index shared across regular/bold so they pair)."""
    out = {}
    serif_i, sans_i = rng.randrange(len(FONTS["serif"])), rng.randrange(len(FONTS["sans_bold"]))
    out["serif"] = usable_font(FONTS["serif"][serif_i], "serif")
    out["serif_bold"] = usable_font(FONTS["serif_bold"][serif_i], "serif_bold")
    out["sans"] = usable_font(FONTS["sans"][sans_i], "sans")
    out["sans_bold"] = usable_font(FONTS["sans_bold"][sans_i], "sans_bold")
    out["mono"] = usable_font(rng.choice(FONTS["mono"]), "mono")
    out["italic"] = usable_font(rng.choice(FONTS["italic"]), "italic")
    return out


# --------------------------------------------------------------------------------------------- layout
@dataclass
class Seg:
    text: str
    font: str = "body"  # a role of the document's style
    color: tuple = (20, 20, 20)


@dataclass
class Line:
    segs: list[Seg]
    size: int = 44
    align: str = "left"  # left | center
    gap: float = 0.0  # extra space before, in line heights
    tag: str = ""  # "protect": a stamp must not cover it
    wrap: bool = True

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segs)


def L(text: str, size: int = 44, font: str = "body", color=(20, 20, 20), **kw) -> Line:  # noqa: N802
    return Line([Seg(text, font, color)], size=size, **kw)


@dataclass
class Column:
    x0: int
    x1: int
    y0: int
    lines: list[Line]
    spacing: float = 1.5


@dataclass
class Page:
    w: int
    h: int
    columns: list[Column]
    style: dict  # role -> font path
    paper: tuple = (255, 255, 255)
    under: list = field(default_factory=list)  # callables(img, draw, rng) before the text
    over: list = field(default_factory=list)  # callables(img, draw, rng, boxes) after the text
    tables: list = field(default_factory=list)  # Table objects (text cells drawn in ruled grid)
    order: list[str] | None = None  # reading order of parts ("col0", "table0", ...); default columns, tables


@dataclass
class Table:
    x0: int
    y0: int
    widths: list[int]
    rows: list[list[str]]
    size: int = 34
    row_h: int = 0
    font: str = "body"
    header_font: str = "body_bold"


def wrap_lines(col: Column, style: dict) -> None:
    out = []
    width = col.x1 - col.x0
    for ln in col.lines:
        if not ln.wrap or len(ln.segs) != 1:
            out.append(ln)
            continue
        seg = ln.segs[0]
        ft = font(style[seg.font], ln.size)
        words, cur, first = seg.text.split(" "), "", True
        for w in words:
            cand = w if not cur else cur + " " + w
            if cur and ft.getlength(cand) > width:
                out.append(
                    Line([Seg(cur, seg.font, seg.color)], ln.size, ln.align, ln.gap if first else 0, ln.tag)
                )
                first, cur = False, w
            else:
                cur = cand
        out.append(Line([Seg(cur, seg.font, seg.color)], ln.size, ln.align, ln.gap if first else 0, ln.tag))
    col.lines = out


def render(page: Page, rng: random.Random) -> tuple[Image.Image, str, list]:
    img = Image.new("RGB", (page.w, page.h), page.paper)
    draw = ImageDraw.Draw(img)
    for fn in page.under:
        fn(img, draw, rng)
    boxes = []  # (tag, box)
    parts: dict[str, str] = {}
    for ci, col in enumerate(page.columns):
        wrap_lines(col, page.style)
        y = col.y0
        col_text = []
        for ln in col.lines:
            lh = int(ln.size * col.spacing)
            y += int(ln.gap * lh)
            fonts = [font(page.style[s.font], ln.size) for s in ln.segs]
            width = sum(f.getlength(s.text) for f, s in zip(fonts, ln.segs, strict=True))
            x = col.x0 if ln.align == "left" else int((col.x0 + col.x1 - width) / 2)
            x0 = x
            for f, s in zip(fonts, ln.segs, strict=True):
                draw.text((x, y), s.text, font=f, fill=s.color)
                x += f.getlength(s.text)
            boxes.append((ln.tag, (x0, y, int(x), y + ln.size)))
            col_text.append(ln.text)
            y += lh
        parts[f"col{ci}"] = "\n".join(t for t in col_text if t.strip())
    for ti, t in enumerate(page.tables):
        parts[f"table{ti}"] = draw_table(draw, t, page.style, boxes)
    for fn in page.over:
        fn(img, draw, rng, boxes)
    text = "\n".join(x for x in (parts[k] for k in (page.order or list(parts))) if x)
    return img, text, boxes


def column_height(col: Column, style: dict) -> int:
    wrap_lines(col, style)
    return sum(int(ln.gap * int(ln.size * col.spacing)) + int(ln.size * col.spacing) for ln in col.lines)


def draw_table(draw: ImageDraw.ImageDraw, t: Table, style: dict, boxes: list) -> str:
    rh = t.row_h or int(t.size * 1.9)
    xs = [t.x0]
    for w in t.widths:
        xs.append(xs[-1] + w)
    y = t.y0
    lines = []
    for r, row in enumerate(t.rows):
        f = font(style[t.header_font if r == 0 else t.font], t.size)
        cells = []
        for c, cell in enumerate(row):
            txt = cell
            while (
                f.size > 18 and f.getlength(txt) > t.widths[c] - 16
            ):  # shrink rather than cut: truth is exact
                f = font(style[t.header_font if r == 0 else t.font], max(18, f.size - 2))
            draw.text((xs[c] + 8, y + (rh - t.size) // 2 - 2), txt, font=f, fill=(20, 20, 20))
            cells.append(txt)
        boxes.append(("table", (xs[0], y, xs[-1], y + rh)))
        lines.append(" | ".join(cells))
        y += rh
    for i in range(len(t.rows) + 1):
        draw.line([(xs[0], t.y0 + i * rh), (xs[-1], t.y0 + i * rh)], fill=(60, 60, 60), width=2)
    for x in xs:
        draw.line([(x, t.y0), (x, y)], fill=(60, 60, 60), width=2)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------- decorations
def qr_image(payload: str, px: int) -> Image.Image:
    q = qrcode.QRCode(border=2, box_size=10, error_correction=qrcode.constants.ERROR_CORRECT_M)
    q.add_data(payload)
    q.make(fit=True)
    return q.make_image(fill_color="black", back_color="white").convert("RGB").resize((px, px), Image.NEAREST)


def deco_qr(payload: str, x: int, y: int, px: int):
    def f(img, draw, rng, boxes):
        img.paste(qr_image(payload, px), (x, y))

    return f


def deco_border(color: tuple, inset: int, width: int):
    def f(img, draw, rng):
        w, h = img.size
        draw.rectangle([inset, inset, w - inset, h - inset], outline=color, width=width)
        if rng.random() < 0.5:
            draw.rectangle([inset + 18, inset + 18, w - inset - 18, h - inset - 18], outline=color, width=2)

    return f


def deco_logo(color: tuple, x: int, y: int, r: int):
    def f(img, draw, rng):
        shape = rng.choice(["disc", "shield", "sun"])
        if shape == "disc":
            draw.ellipse([x - r, y - r, x + r, y + r], fill=color)
            draw.ellipse([x - r * 0.6, y - r * 0.6, x + r * 0.6, y + r * 0.6], fill=(255, 255, 255))
            draw.polygon(
                [(x, y - r * 0.5), (x + r * 0.45, y + r * 0.4), (x - r * 0.45, y + r * 0.4)], fill=color
            )
        elif shape == "shield":
            draw.polygon(
                [(x - r, y - r), (x + r, y - r), (x + r, y), (x, y + r * 1.2), (x - r, y)], fill=color
            )
            draw.rectangle([x - r * 0.15, y - r * 0.7, x + r * 0.15, y + r * 0.6], fill=(255, 255, 255))
        else:
            for k in range(16):
                a = k * math.pi / 8
                draw.line([(x, y), (x + r * math.cos(a), y + r * math.sin(a))], fill=color, width=8)
            draw.ellipse([x - r * 0.45, y - r * 0.45, x + r * 0.45, y + r * 0.45], fill=color)

    return f


def deco_guilloche(color: tuple):
    def f(img, draw, rng):
        w, h = img.size
        for k in range(rng.randint(18, 30)):
            amp, per, ph = rng.uniform(30, 140), rng.uniform(300, 900), rng.uniform(0, 6.3)
            y0 = k * h / 24
            pts = [
                (x, y0 + amp * math.sin(x / per * 6.28 + ph) + 0.3 * amp * math.sin(x / per * 19 + ph))
                for x in range(0, w + 20, 20)
            ]
            draw.line(pts, fill=color, width=2)
        for _ in range(rng.randint(2, 4)):
            cx, cy, r = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h, rng.uniform(200, 500)
            for j in range(36):
                a = j * math.pi / 18
                draw.ellipse(
                    [
                        cx + r * 0.4 * math.cos(a) - r * 0.6,
                        cy + r * 0.4 * math.sin(a) - r * 0.6,
                        cx + r * 0.4 * math.cos(a) + r * 0.6,
                        cy + r * 0.4 * math.sin(a) + r * 0.6,
                    ],
                    outline=color,
                    width=1,
                )

    return f


def deco_stamp(color: tuple, avoid: tuple = ("protect",)):
    """A round stamp placed partly over text but clear of the lines tagged to be avoided."""

    def f(img, draw, rng, boxes):
        w, h = img.size
        r = rng.randint(170, 240)
        bad = [b for t, b in boxes if t in avoid]
        text_boxes = [b for t, b in boxes if t not in avoid and t != "table"]
        for _ in range(200):
            if text_boxes and rng.random() < 0.8:
                bx = rng.choice(text_boxes)
                cx, cy = rng.uniform(bx[0], bx[2]), rng.uniform(bx[1], bx[3]) + rng.uniform(-r, r) * 0.5
            else:
                cx, cy = rng.uniform(r, w - r), rng.uniform(h * 0.5, h - r)
            if not (r < cx < w - r and r < cy < h - r):
                continue
            if all(_circle_clear(cx, cy, r + 12, b) for b in bad):
                break
        else:
            return
        layer = Image.new("L", img.size, 0)
        d = ImageDraw.Draw(layer)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=200, width=10)
        d.ellipse([cx - r + 30, cy - r + 30, cx + r - 30, cy + r - 30], outline=190, width=5)
        for k in range(5):  # a star in the middle
            a1, a2 = -math.pi / 2 + k * 2 * math.pi / 5, -math.pi / 2 + (k + 2) * 2 * math.pi / 5
            d.line(
                [
                    (cx + r * 0.45 * math.cos(a1), cy + r * 0.45 * math.sin(a1)),
                    (cx + r * 0.45 * math.cos(a2), cy + r * 0.45 * math.sin(a2)),
                ],
                fill=200,
                width=7,
            )
        for k in range(60):  # dotted ring where a real stamp has its lettering
            a = k * math.pi / 30
            rr = r - 16
            d.ellipse(
                [
                    cx + rr * math.cos(a) - 4,
                    cy + rr * math.sin(a) - 4,
                    cx + rr * math.cos(a) + 4,
                    cy + rr * math.sin(a) + 4,
                ],
                fill=170,
            )
        layer = layer.filter(ImageFilter.GaussianBlur(1.2))
        img.paste(Image.new("RGB", img.size, color), (0, 0), layer)

    return f


def _circle_clear(cx: float, cy: float, r: float, b: tuple) -> bool:
    nx, ny = min(max(cx, b[0]), b[2]), min(max(cy, b[1]), b[3])
    return (nx - cx) ** 2 + (ny - cy) ** 2 > r * r


def deco_signature(x: int, y: int):
    def f(img, draw, rng, boxes):
        pts, px = [], x
        for _ in range(rng.randint(25, 40)):
            px += rng.randint(6, 16)
            pts.append((px, y + rng.randint(-30, 30)))
        draw.line(pts, fill=(30, 40, 110), width=4, joint="curve")

    return f


# --------------------------------------------------------------------------------------------- text corpora
@cache
def corpus(lang: str) -> list[str]:
    for base in CORPORA_CANDIDATES:
        if base.exists():
            files = (
                ["kaznerd/sentences_sample3000.txt", "ud-kazakh-ktb/sentences.txt"]
                if lang == "kk"
                else ["ud-russian-gsd/sentences.txt"]
            )
            out = []
            for f in files:
                p = base / f
                if p.exists():
                    for s in p.read_text(encoding="utf-8").splitlines():
                        s = " ".join(s.split())
                        if 30 <= len(s) <= 170 and not any(c in s for c in "`'\"|{}[]<>@#$%^&*_~\\/"):
                            out.append(s)
            if out:
                return out
    print("make_set: shared/corpora not found; letters use a few built-in sentences", file=sys.stderr)
    if lang == "kk":
        return ["Жиналыс келесі аптаның сейсенбісінде өтеді.", "Құжаттар мұрағатқа тапсырылды."]
    return ["Собрание состоится во вторник следующей недели.", "Документы переданы в архив."]


# --------------------------------------------------------------------------------------------- documents
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


def study(
    rng: random.Random,
    p: Person,
    grad_year: int,
    degree: str,
    series: str,
    number: str,
    inst: Inst | None = None,
    honors: bool | None = None,
) -> dict:
    inst = inst or rng.choice(INSTITUTIONS)
    prog = rng.choice(PROGRAMS)
    length = {"bachelor": 4, "master": 2, "doctor": 3, "specialist": 5}[degree]
    issue = date(grad_year, rng.choice([6, 6, 7]), rng.randint(1, 28))
    rec = dict(
        inst=inst,
        prog=prog,
        degree=degree,
        grad=grad_year,
        enr=grad_year - length,
        series=series,
        number=number,
        reg=str(rng.randint(1, 9999)),
        issue=issue,
        honors=rng.random() < 0.15 if honors is None else honors,
        code=program_code(prog[0], degree, grad_year),
        protocol=rng.randint(1, 30),
        form=rng.choice(["full_time"] * 6 + ["part_time", "distance"]),
        lang=rng.choice(["kk", "ru", "ru", "en"]),
    )
    p.rec = rec
    return rec


def diploma_fields(p: Person, printed: set[str]) -> dict:
    r = p.rec
    f = {
        "last_name": p.last,
        "first_name": p.first,
        "patronymic": p.patronymic,
        "diploma_series": r["series"],
        "diploma_number": r["number"],
    }
    if "reg" in printed:
        f["registration_number"] = r["reg"]
    f["graduation_year"] = r["grad"]
    f["degree"] = r["degree"]
    f["honors"] = bool(r["honors"])
    if "code" in printed:
        f["program_code"] = r["code"]
    if "iin" in printed and p.iin:
        f["iin"] = p.iin
    return f


def state_person(rng: random.Random) -> tuple[Person, dict]:
    year = rng.randint(2008, 2020)
    series = rng.choice(["ЖБ-Б"] * 5 + ["ЖБ-М"] * 2 + (["ЖОБ"] if year <= 2012 else []))
    degree = {"ЖБ-Б": "bachelor", "ЖБ-М": "master", "ЖОБ": "specialist"}[series]
    age = {"bachelor": 22, "master": 24, "specialist": 22}[degree]
    p = make_person(rng, year - age - rng.randint(0, 2))
    study(rng, p, year, degree, series, f"{rng.randrange(10**7):07d}")
    return p, p.rec


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


def own_person(rng: random.Random, series_choices: dict) -> Person:
    degree = rng.choice(["bachelor"] * 6 + ["master"] * 3 + ["doctor"])
    year = rng.randint(2020, 2025)
    age = {"bachelor": 22, "master": 24, "doctor": 28}[degree]
    p = make_person(rng, year - age - rng.randint(0, 2))
    series = (
        series_choices[degree]
        if isinstance(series_choices[degree], str)
        else rng.choice(series_choices[degree])
    )
    study(rng, p, year, degree, series, "".join(str(rng.randrange(10)) for _ in range(rng.randint(9, 11))))
    return p


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


def soviet_person(rng: random.Random) -> Person:
    year = rng.randint(1965, 1991)
    p = make_person(rng, year - 22 - rng.randint(0, 3), soviet=True, russian=0.35)
    series = rng.choice(["ЗВ", "УВ", "ТВ", "МВ", "ИВ", "ЖВ", "ЛВ", "НВ", "ФВ", "ПВ", "ЦВ", "КВ"])
    inst_name, city, gen = rng.choice(SOVIET_INSTITUTIONS)
    spec = rng.choice(SOVIET_SPECIALTIES)
    issue = date(year, rng.choice([6, 6, 7]), rng.randint(1, 28))
    p.rec = dict(
        inst=None,
        inst_ru=inst_name,
        city=city,
        inst_gen=gen,
        spec=spec,
        degree="specialist",
        grad=year,
        enr=year - 5,
        series=series,
        number=f"{rng.randrange(10**6):06d}",
        reg=str(rng.randint(1, 9999)),
        issue=issue,
        honors=rng.random() < 0.1,
        code=spec[0],
        protocol=rng.randint(1, 40),
        form=rng.choice(["full_time"] * 4 + ["part_time"]),
        lang="ru",
    )
    return p


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


def listed_people(rng: random.Random, n: int, soviet: bool | None = None) -> list[Person]:
    out = []
    soviet = rng.random() < 0.3 if soviet is None else soviet
    year = rng.randint(1970, 1990) if soviet else rng.randint(2009, 2024)
    inst = rng.choice(INSTITUTIONS)
    for _ in range(n):
        if soviet:
            p = soviet_person(rng)
            r = p.rec
            r["grad"], r["enr"], r["issue"] = year, year - 5, r["issue"].replace(year=year)
        else:
            degree = rng.choice(["bachelor", "bachelor", "master"])
            if year >= 2021:
                series = {"bachelor": "BD", "master": "MD"}[degree]
                number = "".join(str(rng.randrange(10)) for _ in range(9))
            else:
                series = {"bachelor": "ЖБ-Б", "master": "ЖБ-М"}[degree]
                number = f"{rng.randrange(10**7):07d}"
            p = make_person(rng, year - 22 - rng.randint(0, 2))
            study(rng, p, year, degree, series, number, inst=inst)
        p.in_registry = rng.random() > 0.1
        out.append(p)
    return out


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


GENERATORS = {
    "state_kk": t_state_kk,
    "state_ru": t_state_ru,
    "state_two_pages": t_state_two_pages,
    "own_3col": t_own_3col,
    "own_2col": t_own_2col,
    "soviet": t_soviet,
    "supplement": t_supplement,
    "graduation_order": t_graduation_order,
    "ledger_columns": t_ledger_columns,
    "photographed": t_photographed,
    "archive_letter": t_archive_letter,
    "state_harsh": t_state_harsh,
}


# --------------------------------------------------------------------------------------------- image effects
def render_page(page, rng: random.Random) -> tuple[Image.Image, str]:
    if isinstance(page, tuple):
        return page
    img, text, _ = render(page, rng)
    return img, text


def scan_effects(img: Image.Image, rng: random.Random) -> Image.Image:
    """A mild flatbed look: a little blur, noise and sometimes a small skew."""
    a = add_noise(np.asarray(img), rng, rng.uniform(2, 6))
    if rng.random() < 0.5:
        a = cv2.GaussianBlur(a, (0, 0), rng.uniform(0.3, 0.8))
    if rng.random() < 0.35:
        a = rotate(a, rng.uniform(-1.2, 1.2), (250, 250, 250), expand=False)
    return Image.fromarray(a)


def add_noise(a: np.ndarray, rng: random.Random, sigma: float) -> np.ndarray:
    """Gaussian grey noise (seeded through cv2's RNG, which is fast on large pages)."""
    cv2.setRNGSeed(rng.randrange(2**31))
    noise = np.empty(a.shape[:2], np.int16)
    cv2.randn(noise, 0, sigma)
    out = a.astype(np.int16)
    out += noise[:, :, None] if out.ndim == 3 else noise
    np.clip(out, 0, 255, out=out)
    return out.astype(np.uint8)


def rotate(a: np.ndarray, deg: float, fill: tuple, expand: bool) -> np.ndarray:
    h, w = a.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    if expand:
        c, s = abs(m[0, 0]), abs(m[0, 1])
        nw, nh = int(h * s + w * c), int(h * c + w * s)
        m[0, 2] += nw / 2 - w / 2
        m[1, 2] += nh / 2 - h / 2
        w, h = nw, nh
    return cv2.warpAffine(a, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=fill)


def photograph(img: Image.Image, rng: random.Random) -> Image.Image:
    a = np.asarray(img.convert("RGB"))
    h, w = a.shape[:2]
    pad = int(0.1 * max(w, h))
    W, H = w + 2 * pad, h + 2 * pad  # noqa: N806
    desk = rng.choice([(120, 90, 60), (150, 120, 90), (80, 80, 85), (190, 180, 165), (60, 50, 45)])
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = []
    for x, y in src:
        dx, dy = rng.uniform(0.03, 0.08) * w, rng.uniform(0.03, 0.08) * h
        dst.append(
            [
                pad + x + (dx if x == 0 else -dx) * rng.choice([1, -0.4]),
                pad + y + (dy if y == 0 else -dy) * rng.choice([1, -0.4]),
            ]
        )
    m = cv2.getPerspectiveTransform(src, np.float32(dst))
    bg = np.empty((H, W, 3), np.uint8)
    bg[:] = desk
    nrng = np.random.default_rng(rng.randrange(2**32))
    bg = np.clip(bg.astype(np.int16) + nrng.integers(-12, 12, (H, W, 1)), 0, 255).astype(np.uint8)
    warped = cv2.warpPerspective(
        a, m, (W, H), borderMode=cv2.BORDER_TRANSPARENT, dst=bg.copy(), flags=cv2.INTER_LINEAR
    )
    # uneven light: a gradient from one side and a vignette
    yy, xx = np.mgrid[0:64, 0:64].astype(np.float32) / 63  # computed small, then scaled up
    ang = rng.uniform(0, 2 * math.pi)
    grad = (xx - 0.5) * math.cos(ang) + (yy - 0.5) * math.sin(ang)
    vign = (xx - 0.5) ** 2 + (yy - 0.5) ** 2
    light = 1.0 - rng.uniform(0.15, 0.35) * (grad + 0.5) - rng.uniform(0.2, 0.45) * vign
    light = cv2.resize(light, (W, H), interpolation=cv2.INTER_LINEAR)
    tint = np.array([1.0, rng.uniform(0.97, 1.0), rng.uniform(0.9, 0.98)], np.float32)
    out = warped.astype(np.float32)
    out *= light[..., None]
    out *= tint
    out = np.clip(out, 0, 255).astype(np.uint8)
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.8, 1.6))
    scale = rng.uniform(0.6, 0.8)  # a phone photo of ~12 MP covers the page at less than 300 dpi
    out = cv2.resize(out, (int(W * scale), int(H * scale)), interpolation=cv2.INTER_AREA)
    return Image.fromarray(out)


def harsh(img: Image.Image, rng: random.Random) -> Image.Image:
    a = rotate(np.asarray(img), rng.choice([-1, 1]) * rng.uniform(1, 3), (235, 235, 230), expand=True)
    h, w = a.shape[:2]
    a = cv2.resize(a, (w * 2 // 3, h * 2 // 3), interpolation=cv2.INTER_AREA)  # 300 -> 200 dpi
    a = add_noise(a, rng, rng.uniform(12, 22))
    nrng = np.random.default_rng(rng.randrange(2**32))
    mask = nrng.random(a.shape[:2], dtype=np.float32)
    sp = rng.uniform(0.004, 0.012)
    a[mask < sp / 2] = 0
    a[mask > 1 - sp / 2] = 255
    return Image.fromarray(a)


# --------------------------------------------------------------------------------------------- writing files
def save(images: list[Image.Image], path: Path, rng: random.Random, dpi: int) -> None:
    ext = path.suffix
    if ext == ".jpg":
        images[0].save(
            path, "JPEG", quality=rng.randint(28, 34) if dpi == 200 else rng.randint(78, 92), dpi=(dpi, dpi)
        )
    elif ext == ".png":
        im = images[0].convert("L") if rng.random() < 0.5 else images[0]
        im.save(path, "PNG", dpi=(dpi, dpi), compress_level=2)
    elif ext == ".tif":
        ims = [im.convert("L") for im in images] if rng.random() < 0.5 else images
        ims[0].save(
            path,
            "TIFF",
            save_all=True,
            append_images=ims[1:],
            compression=rng.choice(["tiff_lzw", "tiff_adobe_deflate"]),
            dpi=(dpi, dpi),
        )
    elif ext == ".pdf":
        buf = io.BytesIO()  # via JPEG, as a scanner's PDF holds it
        ims = []
        for im in images:
            buf.seek(0)
            buf.truncate()
            im.save(buf, "JPEG", quality=85)
            ims.append(Image.open(io.BytesIO(buf.getvalue())))
        ims[0].save(
            path,
            "PDF",
            save_all=True,
            append_images=ims[1:],
            resolution=float(dpi),
            creationDate=None,
            modDate=None,
        )
    else:
        raise ValueError(ext)


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


def generate(out: Path, per_template: int, seed: int, registry_size: int, templates: list[str]) -> None:
    scans = out / "scans"
    scans.mkdir(parents=True, exist_ok=True)
    for old in scans.iterdir():  # files of an earlier run of this script would mix with this one
        if old.is_file() and old.stem.rsplit("_", 1)[0] in GENERATORS:
            old.unlink()
    truth, shown = [], []
    count = 0
    for t in templates:
        for i in range(per_template):
            rng = random.Random(f"{seed}/{t}/{i}")
            doc = GENERATORS[t](rng)
            rendered = [render_page(pg, rng) for pg in doc.pages]
            harsh_ = t == "state_harsh"
            photo = t == "photographed"
            images = [im if (harsh_ or photo) else scan_effects(im, rng) for im, _ in rendered]
            ext = doc.ext or rng.choice([".jpg"] * 5 + [".png"] * 2 + [".tif"] * 2 + [".pdf"])
            if len(images) > 1 and ext not in (".tif", ".pdf"):
                ext = ".tif"
            name = f"{t}_{i:03d}{ext}"
            save(images, scans / name, rng, 200 if harsh_ else 300)
            for p in doc.people:
                if doc.kind in ("diploma", "supplement") and rng.random() < 0.1:
                    p.in_registry = False
            shown += doc.people
            truth.append(
                {
                    "file": name,
                    "kind": doc.kind,
                    "template": t,
                    "graduate_ids": doc.people,
                    "fields": doc.fields,
                    "pages": [txt for _, txt in rendered],
                }
            )
            count += 1
    rng = random.Random(f"{seed}/registry")
    rows = [p for p in shown if p.in_registry] + distractors(rng, shown, registry_size)
    rng.shuffle(rows)
    for i, p in enumerate(rows, 1):
        p.gid = f"G{i:06d}"
    with (out / "registry.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=REGISTRY_HEADER)
        w.writeheader()
        for p in rows:
            w.writerow(registry_row(p))
    with (out / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for t in truth:
            t["graduate_ids"] = [p.gid for p in t["graduate_ids"] if p.in_registry]
            fh.write(json.dumps(t, ensure_ascii=False) + "\n")
    print(f"make_set: {count} files in {scans}, {len(rows)} registry rows, truth in {out / 'truth.jsonl'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--per-template", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--registry-size", type=int, default=3000, help="distractor rows besides the shown graduates"
    )
    ap.add_argument("--templates", default=",".join(TEMPLATES), help="comma-separated; default: all")
    a = ap.parse_args(argv)
    templates = [t.strip() for t in a.templates.split(",") if t.strip()]
    unknown = [t for t in templates if t not in GENERATORS]
    if unknown:
        print(
            f"make_set: unknown template(s) {', '.join(unknown)}; known: {', '.join(TEMPLATES)}",
            file=sys.stderr,
        )
        return 2
    generate(a.out_dir, a.per_template, a.seed, a.registry_size, templates)
    return 0


if __name__ == "__main__":
    sys.exit(main())
