"""Template profiles: what a family of documents says and where, as data an admin can extend.

A profile (YAML) names its kind and languages, the phrases that tell it apart (`detect`), its series
formats and, per field, anchors: regular expressions of the labels and formulas that precede a value in
Kazakh, Russian or English. An anchor with a `(?P<value>…)` group carries its value itself (a formula
such as «2010 жылы … түсіп»); one without it is followed by the value, read with the field's own value
pattern. A name anchor says in which case the name follows it (the Kazakh or Russian dative, or the
nominative). Zones (fractions of the page) limit where a field is looked for.

The profiles shipped in `matching/templates/` cover the families archives hold; `generic.yaml` is the
vocabulary every document is read with, and the chosen profile's anchors are tried before it. More
profiles are read from `MURAGAT_TEMPLATES_DIR`. A profile that cannot be used is refused whole, with
the file, the key and what is wrong.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from muragat.errors import InvalidInput
from muragat.messages import Message
from muragat.messages.catalog.registry import Code

SHIPPED = Path(__file__).with_name("templates")
GENERIC = "generic"

FieldName = Literal[
    "name", "last_name", "first_name", "patronymic", "iin", "diploma_series", "diploma_number",
    "registration_number", "program_code", "program_name", "degree", "qualification", "honors",
    "enrollment_year", "graduation_year", "institution", "protocol_number", "protocol_date", "issue_date",
]  # fmt: skip
NameCase = Literal["nominative", "dative_kk", "dative_ru"]


class TemplateError(InvalidInput):
    """A profile that cannot be used: the message names the file, the key and what is wrong."""

    code = "template_invalid"


class _Rule(ValueError):
    """A value a profile's key cannot take; pydantic keeps it as the error's ctx["error"]."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.detail = message


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as e:
        raise _Rule(Message(Code.TEMPLATE_REGEX, error=str(e))) from e


def _check_regex(value: str) -> str:
    _compile(value)
    return value


Regex = Annotated[str, AfterValidator(_check_regex)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Anchor(_Strict):
    pattern: Regex
    case: NameCase = "nominative"  # names only: the case the name is printed in after this anchor
    weight: float = Field(1.0, gt=0, le=1)

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern)


class Zone(_Strict):
    """A part of the page as fractions of its width and height, origin top-left."""

    left: float = Field(0.0, ge=0, le=1)
    top: float = Field(0.0, ge=0, le=1)
    right: float = Field(1.0, ge=0, le=1)
    bottom: float = Field(1.0, ge=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> Zone:
        if self.left >= self.right or self.top >= self.bottom:
            raise _Rule(Message(Code.TEMPLATE_ZONE))
        return self


class FieldRule(_Strict):
    anchors: list[Anchor] = Field(default_factory=list)
    values: dict[str, list[Regex]] = Field(default_factory=dict)  # a choice: value -> phrases (degree)
    zone: Zone | None = None

    @field_validator("anchors", mode="before")
    @classmethod
    def _plain_strings(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"pattern": a} if isinstance(a, str) else a for a in value]
        return value


class SeriesFormat(_Strict):
    series: Regex  # a regular expression of the series as the registry writes it: ЖБ-Б, BD, ЗВ
    digits: list[int] = Field(min_length=1)  # the number lengths this series has

    @field_validator("digits")
    @classmethod
    def _plausible(cls, value: list[int]) -> list[int]:
        if any(not 4 <= d <= 12 for d in value):
            raise _Rule(Message(Code.TEMPLATE_DIGITS))
        return value


class Profile(_Strict):
    name: str = Field(pattern=r"^[a-z0-9_]{2,50}$")
    description: str = ""
    kind: Literal["diploma", "supplement", "ledger"]
    languages: list[Literal["kaz", "rus", "eng"]] = Field(min_length=1)
    detect: list[Regex] = Field(default_factory=list)
    min_detect: int = Field(1, ge=1)
    series: list[SeriesFormat] = Field(default_factory=list)
    fields: dict[FieldName, FieldRule] = Field(default_factory=dict)
    headings: list[str] = Field(default_factory=list)  # words of titles, never a person's name

    @functools.cached_property
    def detect_regexes(self) -> list[re.Pattern[str]]:
        return [_compile(p) for p in self.detect]

    def detected(self, text: str) -> list[str]:
        """The detect phrases found in `text`."""
        return [m.group(0) for r in self.detect_regexes if (m := r.search(text))]


@dataclass(frozen=True)
class LoadedProfile:
    profile: Profile
    path: Path


def _location(loc: Iterable[int | str]) -> str | Message:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or Message(Code.TEMPLATE_TOP_LEVEL)


def _invalid(path: Path, error: ValidationError) -> Message:
    """The first problem pydantic found: our own rule's message, or pydantic's English one as it is."""
    first = error.errors()[0]
    loc = list(first["loc"])
    cause = (first.get("ctx") or {}).get("error")
    problem: str | Message = (
        cause.detail if isinstance(cause, _Rule) else str(first["msg"]).removeprefix("Value error, ")
    )
    if loc and loc[-1] == "[key]":
        said = str(problem)
        loc, problem = loc[:-1], Message(Code.TEMPLATE_UNKNOWN_KEY, problem=said[0].lower() + said[1:])
    value = first.get("input")
    where = {"file": str(path), "location": _location(loc), "problem": problem}
    if isinstance(value, str | int | float) and len(str(value)) < 80:
        return Message(Code.TEMPLATE_INVALID_GOT, **where, value=repr(value))
    return Message(Code.TEMPLATE_INVALID, **where)


def load_profile(path: Path) -> LoadedProfile:
    """One profile file, validated; a TemplateError names the file, the key and what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise TemplateError(Message(Code.TEMPLATE_UNREADABLE, file=str(path), error=str(e))) from e
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        problem = str(getattr(e, "problem", e))
        if where is None:
            raise TemplateError(Message(Code.TEMPLATE_YAML, file=str(path), problem=problem)) from e
        found = Message(Code.TEMPLATE_YAML_AT, file=str(path), line=where.line + 1, problem=problem)
        raise TemplateError(found) from e
    if not isinstance(data, dict):
        raise TemplateError(Message(Code.TEMPLATE_NOT_MAPPING, file=str(path)))
    try:
        profile = Profile.model_validate(data)
    except ValidationError as e:
        raise TemplateError(_invalid(path, e)) from e
    return LoadedProfile(profile, path)


def profile_files(extra: Path | None = None) -> list[Path]:
    files = sorted(SHIPPED.glob("*.yaml"))
    if extra is not None:
        if not extra.is_dir():
            raise TemplateError(Message(Code.TEMPLATE_NO_FOLDER, folder=str(extra)))
        files += sorted([*extra.glob("*.yaml"), *extra.glob("*.yml")])
    return files


def load_profiles(extra: Path | None = None) -> list[LoadedProfile]:
    """The shipped profiles and those in `extra`; a name used twice is refused (a profile of `extra`
    that means to replace a shipped one uses a name of its own)."""
    loaded: list[LoadedProfile] = []
    seen: dict[str, Path] = {}
    for path in profile_files(extra):
        item = load_profile(path)
        if item.profile.name in seen:
            name = item.profile.name
            raise TemplateError(
                Message(Code.TEMPLATE_NAME_TAKEN, file=str(path), name=name, other=str(seen[name]))
            )
        seen[item.profile.name] = path
        loaded.append(item)
    if GENERIC not in seen:
        raise TemplateError(Message(Code.TEMPLATE_NO_GENERIC, folder=str(SHIPPED)))
    return loaded


@functools.lru_cache(maxsize=8)
def _cached(extra: str | None) -> tuple[LoadedProfile, ...]:
    return tuple(load_profiles(Path(extra) if extra else None))


def profiles(extra: Path | None = None) -> tuple[LoadedProfile, ...]:
    """Loaded once per process and folder."""
    return _cached(str(extra) if extra else None)


def generic(loaded: Iterable[LoadedProfile]) -> Profile:
    return next(p.profile for p in loaded if p.profile.name == GENERIC)


def choose(
    loaded: Iterable[LoadedProfile], text: str, kind: str | None = None
) -> tuple[Profile | None, list[str]]:
    """The profile whose detect phrases the text holds most of (at least its `min_detect`), those of the
    document's `kind` first, and those phrases; None where none applies and the generic reader alone
    reads the document."""
    best: tuple[tuple[bool, int], Profile | None, list[str]] = ((False, 0), None, [])
    for item in loaded:
        profile = item.profile
        if profile.name == GENERIC or not profile.detect:
            continue
        found = profile.detected(text)
        rank = (profile.kind == kind, len(found))
        if len(found) >= profile.min_detect and rank > best[0]:
            best = (rank, profile, found)
    return best[1], best[2]
