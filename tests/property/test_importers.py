"""Untrusted import files: any JSON values, binary junk, other encodings and delimiters, dates far away.
Each import either completes correctly or raises a VerifyError with a message, and a refused import
writes nothing. The documented limits hold exactly at their boundaries."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import new_claim
from tests.reliability.helpers import counts
from verify.core.inputs import MAX_EXTERNAL_ID, MAX_NAME, MAX_TEXT, MAX_URL
from verify.errors import InvalidInput, VerifyError
from verify.rowfiles import MAX_FILE_BYTES
from verify.services import import_announcements, import_claims, log_claim

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50)
    | st.sampled_from(["2022-03-28", "0001-01-01", "9999-12-31", "1899-12-31", "yesterday", "likely", "150%"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6)
rows = st.fixed_dictionaries({}, optional={
    "text": json_values, "source": json_values, "issuer": json_values, "published": json_values,
    "url": json_values, "external_id": json_values, "confidence": json_values, "source_kind": json_values,
    "origin": json_values})
NUMBER = iter(range(10**9))


def _attempt(importer, uow, path, now, engine, **options) -> None:
    before = counts(engine)
    try:
        report = importer(uow(), path, actor="ana", now=now, **options)
    except VerifyError as error:
        assert str(error), "an error without a message"
        assert counts(engine) == before, "a refused import wrote rows"
        return
    after = counts(engine)
    table = "claims" if importer is import_claims else "announcements"
    assert after[table] - before[table] == len(report.added)


@settings(max_examples=30)
@given(st.lists(rows, min_size=1, max_size=4), st.booleans())
def test_any_json_rows_import_correctly_or_are_refused_whole(uow, engine, now, tmp_path, batch, skip):
    path = tmp_path / f"rows-{next(NUMBER)}.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in batch), encoding="utf-8")
    for importer in (import_claims, import_announcements):
        _attempt(importer, uow, path, now, engine, skip_invalid=skip)


@settings(max_examples=30)
@given(st.binary(max_size=600), st.sampled_from(["jsonl", "csv"]))
def test_binary_junk_is_refused_or_read_never_a_crash(uow, engine, now, tmp_path, junk, suffix):
    path = tmp_path / f"junk-{next(NUMBER)}.{suffix}"
    path.write_bytes(junk)
    _attempt(import_claims, uow, path, now, engine)


@settings(max_examples=20)
@given(st.sampled_from(["latin-1", "utf-16", "cp1252", "utf-8-sig", "utf-8"]),
       st.sampled_from([",", ";", "\t", "|", ":"]),
       st.text(st.characters(codec="latin-1", exclude_characters="\r\n\x00"), min_size=1, max_size=40))
def test_csv_in_any_encoding_or_delimiter_is_read_or_refused_clearly(uow, engine, now, tmp_path, encoding,
                                                                      delimiter, text):
    lines = [delimiter.join(["text", "source", "published"]),
             delimiter.join([f'"{text.replace(chr(34), "")} in July"', "Wire", "2022-03-28"])]
    path = tmp_path / f"file-{next(NUMBER)}.csv"
    path.write_bytes("\n".join(lines).encode(encoding, errors="replace"))
    _attempt(import_claims, uow, path, now, engine, skip_invalid=True)


LIMITS = [("text", MAX_TEXT), ("source", MAX_NAME), ("external_id", MAX_EXTERNAL_ID), ("url", MAX_URL),
          ("origin", MAX_NAME)]


@pytest.mark.parametrize("field, limit", LIMITS)
def test_each_limit_holds_exactly_at_its_boundary(uow, engine, now, field, limit):
    def value(length):
        return "https://example.com/" + "a" * (length - 20) if field == "url" else "é" * length

    assert log_claim(uow(), new_claim(**{field: value(limit)}), actor="ana", now=now)
    before = counts(engine)
    with pytest.raises(InvalidInput, match=f"{limit + 1:,} characters long; the limit is {limit:,}"):
        log_claim(uow(), new_claim(**{"text": "Another rumor", field: value(limit + 1)}), actor="ana", now=now)
    assert counts(engine) == before


def test_an_import_file_over_200_mb_is_refused_before_reading(uow, engine, now, tmp_path):
    at_limit, over = tmp_path / "at.jsonl", tmp_path / "over.jsonl"
    for path, size in ((at_limit, MAX_FILE_BYTES), (over, MAX_FILE_BYTES + 1)):
        with open(path, "wb") as handle:  # sparse: no 200 MB written to disk
            handle.truncate(size)
    with pytest.raises(InvalidInput, match="larger than 200 MB"):
        import_claims(uow(), over, actor="ana", now=now)
    with pytest.raises(InvalidInput, match="binary file"):  # read, then refused for what it holds
        import_claims(uow(), at_limit, actor="ana", now=now)
    assert counts(engine)["claims"] == 0
    os.remove(at_limit)


@pytest.mark.parametrize("published, accepted", [
    ("1899-12-31", False), ("1900-01-01", True), ("2022-09-01", True), ("2022-09-02", False),
    ("0001-01-01", False), ("9999-12-31", False), ("10000 years ago", False)])
def test_dates_far_in_the_past_or_future_are_refused_with_a_reason(uow, engine, now, published, accepted):
    if accepted:
        assert log_claim(uow(), new_claim(text=f"A rumor dated {published}", published=published), actor="ana",
                         now=now)
        return
    with pytest.raises(VerifyError, match="published date"):
        log_claim(uow(), new_claim(published=published), actor="ana", now=now)
    assert counts(engine)["claims"] == 0
