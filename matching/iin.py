"""IIN (individual identification number) validation.

Twelve digits: birth date YYMMDD, a digit that gives the century and sex (1/2: 1800s, 3/4: 1900s,
5/6: 2000s; odd for men), four serial digits, and a control digit: the sum of the first eleven digits
weighted 1..11, mod 11; where that is 10, weighted 3..11,1,2; a second 10 means no IIN has these digits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from muragat.messages import Message
from muragat.messages.catalog.matching import Code

_WEIGHTS_1 = tuple(range(1, 12))
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


@dataclass(frozen=True)
class IinCheck:
    iin: str
    problems: tuple[Message, ...] = ()
    birth_date: date | None = None
    female: bool | None = None

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def flag(self) -> Message | None:
        """The field flag of an invalid IIN, naming its problems; None for a valid one."""
        return Message(Code.INVALID_IIN, problems=list(self.problems)) if self.problems else None


@dataclass
class _Builder:
    problems: list[Message] = field(default_factory=list)
    birth_date: date | None = None
    female: bool | None = None


def control_digit(first11: str) -> int | None:
    """The control digit for the first eleven digits, or None where no IIN can have them."""
    digits = [int(c) for c in first11]
    for weights in (_WEIGHTS_1, _WEIGHTS_2):
        rest = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if rest != 10:
            return rest
    return None


def check_iin(iin: str) -> IinCheck:
    b = _Builder()
    if len(iin) != 12 or not iin.isascii() or not iin.isdigit():
        return IinCheck(iin, (Message(Code.IIN_LENGTH),))
    century_digit = int(iin[6])
    if century_digit not in _CENTURY:
        b.problems.append(Message(Code.IIN_CENTURY, digit=century_digit))
    else:
        b.female = century_digit % 2 == 0
        try:
            b.birth_date = date(_CENTURY[century_digit] + int(iin[:2]), int(iin[2:4]), int(iin[4:6]))
        except ValueError:
            b.problems.append(Message(Code.IIN_BIRTH_DATE, date=iin[:6]))
    expected = control_digit(iin[:11])
    if expected is None:
        b.problems.append(Message(Code.IIN_NO_CONTROL))
    elif expected != int(iin[11]):
        b.problems.append(Message(Code.IIN_CONTROL, digit=iin[11], expected=expected))
    return IinCheck(iin, tuple(b.problems), b.birth_date if not b.problems else None, b.female)


def is_valid_iin(iin: str | None) -> bool:
    return bool(iin) and check_iin(iin or "").valid
