"""Template profiles as data: the shipped ones load, a broken one is refused by file and key, an admin's
folder adds one without code, and the profile that read each field is recorded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from matching.fields import extract_fields
from matching.templates import SHIPPED, TemplateError, choose, load_profile, load_profiles
from tests.matching.pages import page_from_text

MURAGAT = [sys.executable, "-m", "muragat"]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_profile_loads_and_the_families_are_there() -> None:
    loaded = load_profiles()
    names = {p.profile.name for p in loaded}
    assert {"generic", "state_2008", "own_format", "soviet", "supplement", "ledger"} <= names
    assert all(p.path.parent == SHIPPED for p in loaded)


@pytest.mark.parametrize(
    ("text", "key", "what"),
    [
        (
            "name: my_uni\nkind: diploma\nlanguages: [kaz]\nfields:\n  registration_number:\n"
            "    anchors: ['Тіркеу (№']\n",
            "fields.registration_number.anchors[0].pattern",
            "not a valid regular expression",
        ),
        (
            "name: my_uni\nkind: diploma\nlanguages: [kaz]\nfields:\n  registration_numbr: {}\n",
            "fields.registration_numbr",
            "not a known key: input should be 'name'",
        ),  # fmt: skip
        ("name: my_uni\nkind: passport\nlanguages: [kaz]\n", "kind", "Input should be"),
        ("name: my_uni\nkind: diploma\nlanguages: [kaz]\nzones: {}\n", "zones", "Extra inputs"),
        (
            "name: my_uni\nkind: diploma\nlanguages: [kaz]\nseries:\n  - {series: BD, digits: [40]}\n",
            "series[0].digits",
            "between 4 and 12",
        ),  # fmt: skip
        (
            "name: my_uni\nkind: diploma\nlanguages: [kaz]\nfields:\n  name:\n"
            "    zone: {top: 0.8, bottom: 0.2}\n",
            "fields.name.zone",
            "top less than bottom",
        ),  # fmt: skip
    ],
)
def test_a_broken_profile_names_its_file_and_key(tmp_path: Path, text: str, key: str, what: str) -> None:
    path = write(tmp_path, "my_uni.yaml", text)
    with pytest.raises(TemplateError) as raised:
        load_profile(path)
    message = raised.value.message
    assert message.startswith(f"{path}: {key}: "), message
    assert what in message and "\n" not in message


def test_bad_yaml_is_named_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "name: x\nkind: [diploma\n")
    with pytest.raises(TemplateError, match=r"bad\.yaml: not valid YAML at line \d"):
        load_profile(path)


def test_a_name_used_twice_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "copy.yaml", (SHIPPED / "soviet.yaml").read_text(encoding="utf-8"))
    with pytest.raises(
        TemplateError, match=r"copy\.yaml: name: «soviet» is already the name of .*soviet\.yaml"
    ):
        load_profiles(tmp_path)


def test_an_admins_profile_reads_a_new_template_without_code(tmp_path: Path) -> None:
    """A university prints «Диплом тіркеу коды: 77-Б-123» and its own series «ENU» with ten digits."""
    write(
        tmp_path,
        "enu.yaml",
        "name: enu_2022\nkind: diploma\nlanguages: [kaz, rus]\ndetect: ['Еуразия ұлттық', 'ENU\\s*\\d{10}']\n"
        "min_detect: 2\nseries:\n  - {series: ENU, digits: [10]}\nfields:\n  registration_number:\n"
        "    anchors: ['тіркеу\\s+коды\\s*:\\s*77-Б-']\n",
    )
    loaded = load_profiles(tmp_path)
    text = "Л.Н. Гумилев атындағы Еуразия ұлттық университеті\nENU 0123456789\nДиплом тіркеу коды: 77-Б-123"
    page = page_from_text(text)
    chosen, detected = choose(loaded, page.text)
    assert chosen is not None and chosen.name == "enu_2022" and len(detected) == 2
    found = extract_fields([page], loaded).fields
    assert found["registration_number"].value == "123"
    assert found["registration_number"].profile == "enu_2022"
    assert (found["diploma_series"].value, found["diploma_number"].value) == ("ENU", "0123456789")
    assert found["diploma_number"].profile == "enu_2022"
    assert found["diploma_number"].evidence()["profile"] == "enu_2022"


def test_templates_check_on_a_broken_profile_prints_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.yaml", "name: broken\nkind: diploma\nlanguages: [kaz]\ndetect: ['(']\n")
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"not read: the profile is refused first")
    env = {**os.environ, "MURAGAT_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [*MURAGAT, "templates", "check", str(path), str(scan)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"error: {path}: detect[0]: not a valid regular expression")


def test_templates_list_names_every_profile(tmp_path: Path) -> None:
    env = {**os.environ, "MURAGAT_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [*MURAGAT, "templates", "list"], capture_output=True, text=True, env=env, check=True
    )
    for name in ("generic", "state_2008", "own_format", "soviet", "supplement", "ledger"):
        assert f"{name}: " in done.stdout


def test_a_broken_profile_is_explained_in_the_readers_language(tmp_path: Path) -> None:
    path = write(tmp_path, "my_uni.yaml", "name: my_uni\nkind: diploma\nlanguages: [kaz]\nseries:\n"
                 "  - {series: BD, digits: [40]}\n")  # fmt: skip
    with pytest.raises(TemplateError) as raised:
        load_profile(path)
    assert (
        raised.value.render("ru")
        == f"{path}: ключ series[0].digits: длина номера должна быть от 4 до 12 цифр"
    )
    assert raised.value.render("kk").startswith(f"{path}: series[0].digits кілті: нөмір ұзындығы")
    listed = write(tmp_path, "list.yaml", "- name\n")
    with pytest.raises(TemplateError) as raised:
        load_profile(listed)
    assert "профиль" in raised.value.render("ru") and "a profile is a mapping" in raised.value.message
