"""`clean_text` skips the control-character scan and Unicode normalisation for printable ASCII (an archive's
import cleans four texts a row), and gives exactly what the full cleaning gives, for every text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from verify.core.inputs import _CONTROL, clean_text
from verify.errors import InvalidInput

PIECES = ["plain words", "  two  spaces ", "\t", "\n", "\r\n", "\x00", "\x1f", "\x7f", "\x85", "\xa0", "\u2028",
          "e\u0301", "é", "Å", "中文", "ﬁ", "'); DROP TABLE x", "~", "\x0b\x0c"]
texts = st.one_of(st.text(max_size=80), st.text(st.characters(max_codepoint=127), max_size=80),
                  st.lists(st.sampled_from(PIECES), max_size=12).map("".join))


def fully_cleaned(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", _CONTROL.sub(" ", value)).split())


@given(texts)
def test_clean_text_gives_what_the_full_cleaning_gives_for_any_text(value):
    try:
        cleaned = clean_text(value, "claim text", limit=60)
    except InvalidInput:
        assert not fully_cleaned(value) or len(fully_cleaned(value)) > 60 or not value.strip()
    else:
        assert cleaned == fully_cleaned(value)


def test_printable_ascii_and_texts_needing_the_full_cleaning_are_both_cleaned():
    assert clean_text("  Apple   will ship ", "claim text") == "Apple will ship"
    assert clean_text("Apple\x00will\tship\x7f", "claim text") == "Apple will ship"
    assert clean_text("Cafe\u0301 opens", "claim text") == "Café opens"
