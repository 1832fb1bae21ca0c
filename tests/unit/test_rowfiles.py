"""Import files are read as RFC 4180 says, columns are checked, exports are safe in a spreadsheet and never
left half-written."""

from __future__ import annotations

import errno

import pytest

from verify.errors import InvalidInput
from verify.rowfiles import read_rows, require_columns, safe_cell, write_atomically

CLAIMS = ("text", "source", "published", "url")


def csv_file(tmp_path, text, name="rows.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_doubled_quotes_and_line_breaks_inside_quoted_fields_stay_in_their_row(tmp_path):
    path = csv_file(tmp_path, 'text,source,published\r\n'
                              '"The maker says ""soon"", a leak says July",Daily Wire,2022-03-01\r\n'
                              '"Two lines,\r\nstill one field",Tech Desk,2022-03-02\r\n'
                              'plain row,Tech Desk,2022-03-03\r\n')
    rows = read_rows(path)
    assert [row.problem for row in rows] == [None, None, None]
    assert rows[0].fields["text"] == 'The maker says "soon", a leak says July'
    assert rows[1].fields == {"text": "Two lines,\r\nstill one field", "source": "Tech Desk",
                              "published": "2022-03-02"}
    assert rows[2].fields["source"] == "Tech Desk"


def test_a_semicolon_file_from_a_european_spreadsheet_is_still_read(tmp_path):
    path = csv_file(tmp_path, 'text;source;published\n"A; quoted ""text""";Wire;2022-03-01\n')
    [row] = read_rows(path)
    assert row.fields == {"text": 'A; quoted "text"', "source": "Wire", "published": "2022-03-01"}


def test_a_comma_file_whose_header_holds_no_semicolon_is_never_read_as_semicolons(tmp_path):
    path = csv_file(tmp_path, 'text,source,published\n"one; two; three",Wire,2022-03-01\n')
    [row] = read_rows(path)
    assert row.fields["text"] == "one; two; three"


def test_a_repeated_column_is_refused_with_where_and_how_to_fix(tmp_path):
    path = csv_file(tmp_path, "text,source,URL,published,url\nx,Wire,https://a.example,2022-03-01,https://b\n")
    with pytest.raises(InvalidInput, match=r"column 'url' appears twice \(columns 3 and 5\).*rename or remove"):
        read_rows(path)


def test_an_unknown_csv_column_is_refused_and_the_known_ones_are_listed(tmp_path):
    path = csv_file(tmp_path, "text,source,publshed\nx,Wire,2022-03-01\n")
    rows = read_rows(path)
    with pytest.raises(InvalidInput, match=r"unknown column\(s\) 'publshed'.*text, source, published, url"):
        require_columns(path, rows, ("text", "source"), CLAIMS)


def test_an_unclosed_quote_is_one_error_with_its_line(tmp_path):
    path = csv_file(tmp_path, 'text,source,published\nok,Wire,2022-03-01\n"never closed,Wire,2022-03-01\n')
    with pytest.raises(InvalidInput, match="line"):
        read_rows(path)


@pytest.mark.parametrize(("line", "problem"), [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"text": ' + "9" * 5000 + "}", "not usable JSON"),
    ('{"text": "a \\ud800 b", "source": "Wire"}', "lone surrogate"),
    ('{"Text": "a", "text ": "b"}', "given twice"),
])
def test_hostile_json_lines_are_bad_rows_not_crashes(tmp_path, line, problem):
    path = tmp_path / "rows.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    [row] = read_rows(path)
    assert row.fields is None and problem in row.problem


@pytest.mark.parametrize(("value", "safe"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1 555", "'+1 555"), ("-sum", "'-sum"),
    ("@cmd", "'@cmd"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain", "plain"), (-3, -3), (-2.5, -2.5), (None, None),
])
def test_export_cells_that_a_spreadsheet_would_run_are_neutralised_and_numbers_kept(value, safe):
    assert safe_cell(value) == safe


def test_an_export_that_fails_midway_leaves_no_file_at_all(tmp_path):
    target = tmp_path / "claims.csv"

    def full_disk(stream):
        stream.write("text,source\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(InvalidInput, match="the disk is full; nothing was written"):
        write_atomically(target, full_disk)
    assert list(tmp_path.iterdir()) == []


def test_an_export_that_fails_keeps_the_previous_file_whole(tmp_path):
    target = tmp_path / "claims.csv"
    target.write_text("the previous export\n")
    with pytest.raises(InvalidInput):
        write_atomically(target, lambda stream: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
    assert target.read_text() == "the previous export\n" and len(list(tmp_path.iterdir())) == 1


def test_an_export_into_a_missing_folder_says_so(tmp_path):
    with pytest.raises(InvalidInput, match="does not exist"):
        write_atomically(tmp_path / "nowhere" / "claims.csv", lambda stream: stream.write("x"))
