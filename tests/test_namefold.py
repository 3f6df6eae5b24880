"""The name-folding key: spellings of one name agree, different names do not."""

from __future__ import annotations

import pytest

from claimtrack.namefold import fold_name, fold_token


@pytest.mark.parametrize(
    "spellings",
    [
        ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii", "Zelenskij", "Zelénsky", "ZELENSKYY"),
        ("Medvedev", "Medvedyev"),
        ("Kyiv", "Kiev", "Kiiv"),
        ("Kharkiv", "Kharkov"),
        ("Mikhail", "Mihail"),
        ("Alexei", "Aleksei", "Alexey", "Aleksey"),
        ("Sergei", "Sergey"),
        ("Dmitry", "Dmitri", "Dmitriy"),
        ("Yevgeny", "Evgeny", "Yevgeniy", "Evgeniy"),
        ("Yulia", "Yuliya", "Iuliia"),
        ("O’Neill", "O'Neill", "O\u2018Neill", "O\u02bcNeill"),
        ("Jr.", "Jr"),
        ("Sánchez", "Sanchez"),
    ],
)
def test_namefold_spellings_of_one_name_share_a_key(spellings):
    assert len({fold_token(word) for word in spellings}) == 1


@pytest.mark.parametrize(
    "first, second",
    [
        ("Donald Trump", "Donald Trump Jr."),
        ("Kim Jong Un", "Kim Yo Jong"),
        ("Olena Zelenska", "Volodymyr Zelenskyy"),
        ("John Smith", "Jane Smith"),
        ("Putin", "Peskov"),
    ],
)
def test_namefold_different_names_keep_different_keys(first, second):
    assert fold_name(first) != fold_name(second)


def test_namefold_whole_names_split_at_spaces_and_hyphens():
    assert fold_name("Kim Jong-un") == fold_name("Kim  Jong Un") == ("kim", "jong", "un")
    assert fold_name("Volodymyr Zelenskyy") == ("volodymyr", "zelenski")
    assert fold_name("  ") == ()


def test_namefold_punctuation_alone_keeps_a_key():
    # A token of a full stop must not vanish from a name key inside a document.
    assert fold_token(".") == "."


@pytest.mark.parametrize(
    "name, surname",
    [
        ("Joseph R. Biden Jr.", "biden"),
        ("Lucas Newkirk II", "newkirk"),
        ("Walter Brandt Sr.", "brandt"),
        ("Ann Lee", "lee"),
        ("Jr.", "jr"),
    ],
)
def test_namefold_surname_skips_a_generational_suffix(name, surname):
    from claimtrack.namefold import surname_key

    assert surname_key(fold_name(name)) == surname
