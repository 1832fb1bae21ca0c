"""Which attributions credit a source to score as a claim's origin, and which name nobody in particular."""

from __future__ import annotations

import pytest

from verify.core.attribution import credited_origin


@pytest.mark.parametrize(("attribution", "origin"), [
    ("people familiar with the matter", None),
    ("sources", None),
    ("two officials", None),
    ("sources at Initech", None),
    ("people close to the company", None),
    ("multiple reports", None),
    ("analysts", None),
    ("the tipster", None),
    ("", None),
    (None, None),
    ("the Harbor Ledger", "Harbor Ledger"),
    ("The Verge", "The Verge"),
    ("Ravi Okon", "Ravi Okon"),
    ("leaker kacskrz", "leaker kacskrz"),
    ("Canalys", "Canalys"),
])
def test_only_a_named_source_is_credited_as_a_claims_origin(attribution, origin):
    assert credited_origin(attribution) == origin
