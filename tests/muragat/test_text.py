"""The one folding of Kazakh, Russian and OCR spellings that cleanup, matching and search share."""

from __future__ import annotations

from muragat.text import KAZAKH_LETTERS, KAZAKH_TO_RUSSIAN, fold, fold_letters, has_kazakh_letters


def test_kazakh_letters_fold_to_their_russian_look_alikes_in_both_cases() -> None:
    assert "ҚАЛИЕВА".translate(KAZAKH_TO_RUSSIAN) == "КАЛИЕВА"
    assert fold_letters("Қалиева Ёлка, ӘЛИЯ") == "калиева елка, алия"  # punctuation and spaces stay
    assert len(KAZAKH_LETTERS) == 18 and has_kazakh_letters("Ұлан") and not has_kazakh_letters("Улан")


def test_a_name_folds_to_one_spelling_whatever_wrote_it() -> None:
    assert fold("Жанұзақова") == fold("ЖАНУЗАКОВА") == fold("Жанузакова ") == "жанузакова"
    assert fold("Cветлана") == fold("Светлана")  # Latin C read by OCR
    assert fold("Ыбырайев") == fold("Ыбыраев") and fold("Ауэзов") == fold("Әуезов")
    assert fold("Жан-Ахмет") == "жанахмет" and fold(None) == fold("") == ""
