"""Messages the system composes at run time are translated as a whole from catalog patterns."""

from __future__ import annotations

from review_ui.i18n import Translator

ENTRIES = {
    "graduation year differs: %(read)s / %(registered)s": "бітірген жылы басқа: %(read)s / %(registered)s",
    "%(field)s differs: %(read)s / %(registered)s": "%(field)s сәйкес емес: %(read)s / %(registered)s",
    "surname": "тегі",
    "IIN equal": "ЖСН сәйкес",
}


def test_composed_messages_are_translated() -> None:
    t = Translator("kk", messages=ENTRIES)
    assert t.gettext("IIN equal") == "ЖСН сәйкес"
    assert t.gettext("graduation year differs: 2014 / 2015") == "бітірген жылы басқа: 2014 / 2015"
    assert t.gettext("surname differs: Калиева / Қалиева") == "тегі сәйкес емес: Калиева / Қалиева"
    assert t.gettext("something nobody translated") == "something nobody translated"
    assert t.gettext("%(n)s of %(total)s", n=1, total=3) == "1 of 3"
