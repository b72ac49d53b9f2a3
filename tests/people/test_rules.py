from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearer.errors import InvalidInput
from nearer.people import rules


@pytest.mark.parametrize(
    "email", ["", "   ", "no-at-sign", "two@@example.com", "a@b", "spaces in@example.com", "x@.com"]
)
def test_bad_emails_are_refused_with_the_field_named(email: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        rules.clean_email(email)
    assert caught.value.field == "email"


def test_emails_are_trimmed_and_lowercased() -> None:
    assert rules.clean_email("  Sam.Jones@Example.COM ") == "sam.jones@example.com"


def test_names_collapse_spaces_and_refuse_empty_or_long() -> None:
    assert rules.clean_name("  Mary   Ann ") == "Mary Ann"
    with pytest.raises(InvalidInput, match="tell us your name"):
        rules.clean_name(" \t ")
    with pytest.raises(InvalidInput, match="at most 100"):
        rules.clean_name("x" * 101)


def test_passwords_need_length_and_not_only_spaces() -> None:
    with pytest.raises(InvalidInput, match="at least 8"):
        rules.check_new_password("short")
    with pytest.raises(InvalidInput, match="only spaces"):
        rules.check_new_password(" " * 12)
    with pytest.raises(InvalidInput, match="at most 256"):
        rules.check_new_password("p" * 257)
    assert rules.check_new_password("a quiet sentence") == "a quiet sentence"


def test_pair_kinds() -> None:
    assert rules.clean_pair_kind(" Friends ") == "friends"
    with pytest.raises(InvalidInput, match="partners, friends or family"):
        rules.clean_pair_kind("colleagues")


codes = st.text(alphabet=rules.INVITE_ALPHABET, min_size=rules.INVITE_LENGTH, max_size=rules.INVITE_LENGTH)


@given(codes)
def test_an_invite_code_survives_how_people_type_it(code: str) -> None:
    typed = rules.format_invite_code(code).lower().replace("-", " - ")
    assert rules.clean_invite_code(typed) == code


@given(st.text(max_size=30))
def test_invite_code_cleaning_never_crashes(text: str) -> None:
    try:
        cleaned = rules.clean_invite_code(text)
    except InvalidInput as exc:
        assert exc.field == "code"
    else:
        assert len(cleaned) == rules.INVITE_LENGTH


@pytest.mark.parametrize("email", ["sam\x00@example.test", "sam\u202e@example.test", "s\u200bam@example.test"])
def test_emails_with_invisible_or_control_characters_are_refused(email: str) -> None:
    with pytest.raises(InvalidInput):
        rules.clean_email(email)


@pytest.mark.parametrize("name", ["Sam\u202eevil", "Sa\u200bm", "\ufeffSam", "Sam\x07"])
def test_names_that_could_fake_how_they_look_are_refused(name: str) -> None:
    with pytest.raises(InvalidInput, match="invisible character"):
        rules.clean_name(name)


def test_names_keep_emoji_and_joiners() -> None:
    assert rules.clean_name("Zoë 👩‍❤️‍👨") == "Zoë 👩‍❤️‍👨"
