"""Registry files for the registry tests: the sample registry, the resources, a good row and CSV bytes
made of rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from matching.registry_rows import REGISTRY_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "registry.csv"
RESOURCES = ROOT / "tests" / "resources"

GOOD_ROW: dict[str, str] = {
    "graduate_id": "G900001",
    "iin": "000817564902",
    "last_name": "Қалиев",
    "first_name": "Қайрат",
    "patronymic": "Бекзатұлы",
    "gender": "M",
    "birth_date": "2000-08-17",
    "institution": "әл-Фараби атындағы Қазақ ұлттық университеті",
    "program_code": "6B05301",
    "program_name": "Химия",
    "degree": "bachelor",
    "study_form": "full_time",
    "study_language": "kk",
    "enrollment_year": "2018",
    "graduation_year": "2022",
    "diploma_series": "ЖБ-Б",
    "diploma_number": "0012345",
    "registration_number": "101",
    "issue_date": "2022-06-20",
    "honors": "false",
}


def csv_bytes(
    *rows: dict[str, str], header: tuple[str, ...] = REGISTRY_COLUMNS, delimiter: str = ","
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name.lower(), "") for name in header])
    return out.getvalue().encode("utf-8")
