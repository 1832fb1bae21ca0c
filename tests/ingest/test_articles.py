"""Reading articles: plain text passes through, HTML is reduced to its main text and metadata."""

from datetime import date
from pathlib import Path

import pytest

from verify.errors import InvalidInput
from verify.ingest.articles import read_article

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"


def test_plain_text_passes_through_with_its_headline_as_title():
    article = read_article(ARTICLES / "xda_kacskrz_leica_strings.txt")
    assert article.title == "Xiaomi 12 Ultra could be the first Xiaomi phone with Leica-branded cameras"
    assert "XDA Senior Member kacskrz found strings" in article.text
    assert article.url is None and article.published is None


def test_pasted_text_is_read_as_the_article_itself():
    article = read_article("Xiaomi is reportedly working with Leica. The phone will launch in July.")
    assert article.title is None
    assert article.text == "Xiaomi is reportedly working with Leica. The phone will launch in July."


def test_a_path_given_as_a_string_is_read_from_disk():
    path = ARTICLES / "weibo_leak_12s_ultra_launch.txt"
    assert read_article(str(path)) == read_article(path)


def test_html_gives_the_main_text_without_menus_cookies_comments_or_footer():
    article = read_article(ARTICLES / "handset_daily_12_ultra_tipped.html")
    assert "A well-known leaker on Weibo claims" in article.text
    assert "Qualcomm reportedly plans to announce in May" in article.text
    for noise in ("We use cookies", "Reviews", "I think Leica on a Xiaomi is overkill", "All rights reserved"):
        assert noise not in article.text


def test_html_metadata_gives_title_address_and_date():
    article = read_article(ARTICLES / "handset_daily_12_ultra_tipped.html")
    assert article.title == "Xiaomi 12 Ultra tipped to bring Leica cameras and a faster Snapdragon"
    assert article.url == "https://www.handsetdaily.example/news/xiaomi-12-ultra-leica-tipped-5401"
    assert article.published == date(2022, 4, 12)


def test_html_without_metadata_still_gives_its_text():
    html = ("<html><body><article><p>Xiaomi is reportedly working with Leica on a co-branded flagship phone "
            "that could launch in July, according to a leaker on Weibo.</p></article></body></html>")
    article = read_article(html)
    assert article.text.startswith("Xiaomi is reportedly working with Leica")
    assert article.url is None


def test_a_missing_file_is_named_in_the_error(tmp_path):
    with pytest.raises(InvalidInput, match="no such file"):
        read_article(tmp_path / "missing.html")
    with pytest.raises(InvalidInput, match="no such file"):
        read_article(str(tmp_path / "missing.txt"))


@pytest.mark.parametrize("content", ["", "   \n\n  ", "<html><body><nav>Home</nav></body></html>"])
def test_an_empty_article_is_refused(tmp_path, content):
    path = tmp_path / "empty.html"
    path.write_text(content)
    with pytest.raises(InvalidInput, match="no article text"):
        read_article(path)


def test_binary_junk_is_refused(tmp_path):
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InvalidInput, match="binary"):
        read_article(path)


def test_text_saved_in_a_windows_encoding_is_read(tmp_path):
    path = tmp_path / "release.txt"
    path.write_bytes("Leica’s deal with Xiaomi is expected to be signed in May.".encode("cp1252"))
    assert read_article(path).text == "Leica’s deal with Xiaomi is expected to be signed in May."
