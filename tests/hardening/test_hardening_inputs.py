"""The one input layer (kinerja.core.inputs): malformed input is a ValidationError naming the
field, never an exception that becomes a 500."""

import contextlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.core.inputs import (
    MAX_ID,
    clean_text,
    parse_date,
    parse_decimal,
    parse_id,
    parse_int,
    parse_reason,
    parse_year,
)


@pytest.mark.parametrize("raw", ["²", "1²", "١٢", "1e3", "-1", "1.0", "abc", "9" * 20, "\x00", " "])
def test_ids_refuse_what_is_not_ascii_digits(raw):
    with pytest.raises(ValidationError) as exc:
        parse_id(raw, "version")
    assert "version" in exc.value.message_dict


def test_ids_and_years_in_range():
    assert parse_id("42", "id") == 42 and parse_id(MAX_ID, "id") == MAX_ID
    assert parse_year("2024") == 2024
    for bad in ("1999", "2101", "10000", "1000000", 10**30):
        with pytest.raises(ValidationError):
            parse_year(bad)
    assert parse_int("", "x", required=False) is None
    with pytest.raises(ValidationError):
        parse_int(float("nan"), "x")


@pytest.mark.parametrize("raw", ["1e999999999999999999", "1e309", "NaN", "inf", "abc", "1,2,3"])
def test_numbers_refused(raw):
    with pytest.raises(ValidationError):
        parse_decimal(raw, "numerator")


def test_dates():
    assert parse_date("2024-01-31", "d") == date(2024, 1, 31)
    assert parse_date("31-01-2024", "d") == date(2024, 1, 31)
    assert parse_date("31/01/2024", "d") == date(2024, 1, 31)
    for bad in ("9999-12-31", "0001-01-01", "2024-02-30", "31-13-2024", "kemarin", "2024-1-1\x00"):
        with pytest.raises(ValidationError):
            parse_date(bad, "d")
    with pytest.raises(ValidationError):
        parse_date("2024-01-01", "d", earliest=date(2024, 6, 1))


def test_text_refuses_control_characters():
    assert clean_text("  baris satu\nbaris dua\t ", "note") == "baris satu\nbaris dua"
    for bad in ("a\x00b", "a\x1bb", "a\x7fb", "a\x85b"):
        with pytest.raises(ValidationError):
            clean_text(bad, "note")
    with pytest.raises(ValidationError):
        clean_text("a\nb", "name", multiline=False)
    with pytest.raises(ValidationError):
        clean_text("x" * 11, "note", max_length=10)


@pytest.mark.parametrize("raw", ["\u200b", " \u200b\u200c\ufeff ", "...", "12", "-", "ok"])
def test_reason_needs_letters(raw):
    with pytest.raises(ValidationError) as exc:
        parse_reason(raw)
    assert "reason" in exc.value.message_dict


def test_reason_accepted_and_optional():
    assert parse_reason("  Data belum sesuai register \u200b") == "Data belum sesuai register"
    assert parse_reason("", required=False) == ""


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(), st.none(), st.booleans()))
def test_every_reader_either_reads_or_says_why(raw):
    for reader in (
        lambda r: parse_decimal(r, "f"),
        lambda r: parse_int(r, "f", required=False),
        lambda r: parse_year(r),
        lambda r: parse_date(r, "f", required=False),
        lambda r: clean_text(r, "f"),
        lambda r: parse_reason(r, required=False),
    ):
        with contextlib.suppress(ValidationError):
            reader(raw)
