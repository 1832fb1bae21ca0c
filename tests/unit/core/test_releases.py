"""When two announcements are one press release (verify.core.releases)."""

from datetime import date

import pytest

from verify.core.releases import Release, issuer_key, same_headline, same_release

DAY = date(2022, 5, 24)


@pytest.mark.parametrize(("first", "second"), [
    ("Xiaomi and Leica announce a long-term strategic partnership in mobile imaging; the first flagship comes",
     "Xiaomi and Leica announce long-term strategic cooperation in mobile imaging. Xiaomi Corporation and Leica"),
    ("NVIDIA to acquire Mellanox for $6.9 billion", "NVIDIA to Acquire Mellanox for $6.9 Billion!"),
    ("Broadcom to acquire VMware for $61 billion in cash and stock",
     "Broadcom to acquire VMware for $61 billion in cash and stock. PALO ALTO, Calif., May 26, 2022"),
])
def test_near_identical_headlines_are_one_release(first, second):
    assert same_headline(first, second)


@pytest.mark.parametrize(("first", "second"), [
    ("Xiaomi reports first-quarter 2022 results", "Xiaomi reports second-quarter 2022 results"),
    ("Xiaomi reports Q1 2022 results", "Xiaomi reports Q2 2022 results"),
    ("NVIDIA to acquire Mellanox for $6.9 billion", "NVIDIA to acquire Mellanox for $7 billion"),
    ("Xiaomi and Leica announce a long-term strategic partnership in mobile imaging",
     "Xiaomi reports first-quarter 2022 results"),
    ("Xiaomi Corp. announces a share buyback", "Xiaomi Corp. launches the Smart Band 7"),
])
def test_different_headlines_are_different_releases(first, second):
    assert not same_headline(first, second)


def test_one_issuer_however_it_is_spelt():
    assert issuer_key("Xiaomi Corporation") == issuer_key(" XIAOMI ") == issuer_key("Xiaomi Corp.")
    assert issuer_key("Xiaomi") != issuer_key("Leica")


def test_the_same_headline_from_another_issuer_or_day_is_another_release():
    text = "Xiaomi reports first-quarter 2022 results"
    release = Release(text, "Xiaomi", DAY)
    assert same_release(release, Release(text, "Xiaomi Corporation", DAY))
    assert not same_release(release, Release(text, "Xiaomi", date(2022, 5, 25)))
    assert not same_release(release, Release(text, "Newswire", DAY))
