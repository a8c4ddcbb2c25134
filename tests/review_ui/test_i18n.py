"""Interface texts come from the .po catalogs; the system's reasons are messages rendered from their
codes, and text stored before messages were codes is shown as it was stored."""

from __future__ import annotations

from muragat.messages import Message
from muragat.messages.catalog.matching import Code
from review_ui.i18n import Translator

ENTRIES = {"IIN equal": "ЖСН сәйкес", "%(n)s of %(total)s": "%(total)s ішінен %(n)s"}


def test_interface_texts_come_from_the_catalog() -> None:
    t = Translator("kk", messages=ENTRIES)
    assert t.gettext("IIN equal") == "ЖСН сәйкес"
    assert t.gettext("%(n)s of %(total)s", n=1, total=3) == "3 ішінен 1"
    assert t.gettext("something nobody translated") == "something nobody translated"


def test_messages_are_rendered_from_their_code() -> None:
    differs = Message(Code.DEGREE_DIFFERS, read=Message(Code.BACHELOR), registered=Message(Code.MASTER))
    assert Translator("kk").message(differs) == "дәрежесі сәйкес емес: бакалавр / магистр"
    assert Translator("ru").message(differs.to_json()) == "степень не совпадает: бакалавр / магистр"
    assert Translator("en").message(differs) == "degree differs: bachelor / master"


def test_text_stored_before_messages_were_codes_is_shown_as_stored() -> None:
    # composed English is no longer matched against patterns: it is shown, never half-translated
    assert (
        Translator("kk").message("graduation year differs: 2014 / 2015")
        == "graduation year differs: 2014 / 2015"
    )
    assert Translator("kk").message("a reviewer's own words") == "a reviewer's own words"
