"""Any table a standard CSV writer produces (RFC 4180: quotes, doubled quotes, commas, semicolons and line
breaks inside fields) is read back exactly, cell for cell; a formula-looking cell never leaves an export
as a formula."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from verify.rowfiles import FORMULA_PREFIXES, read_rows, safe_cell

COLUMNS = ["text", "source", "published", "url"]
cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
tables = st.lists(st.lists(cells, min_size=len(COLUMNS), max_size=len(COLUMNS)), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(tables)
def test_whatever_a_standard_csv_writer_writes_is_read_back_exactly(tmp_path_factory, table):
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    writer.writerows(table)
    path = tmp_path_factory.mktemp("csv") / "rows.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    rows = read_rows(path)
    assert [row.problem for row in rows] == [None] * len(table)
    assert [[row.fields[name] for name in COLUMNS] for row in rows] == table


@given(st.text(max_size=30))
def test_no_exported_text_cell_starts_like_a_formula(text):
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_PREFIXES)
    assert cell in (text, "'" + text)
