"""Newsroom feeds: RSS and Atom items, dedup helpers, conditional requests, and failures that never raise."""

import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import verify.ingest.feeds as feeds_module
from verify.ingest.feeds import FeedItem, allowed_redirect, canonical_link, fetch_feed, item_fingerprint

FEEDS = Path(__file__).parents[1] / "fixtures" / "feeds"
ETAG = '"leica-v1"'
LAST_MODIFIED = "Tue, 24 May 2022 08:00:00 GMT"


class NewsroomHandler(BaseHTTPRequestHandler):
    """Serves the fixture feeds the way a newsroom's web server would, plus the ways it can fail."""

    def do_GET(self):
        self.server.seen_headers.append(dict(self.headers))
        routes = {"/feed.rss": self.feed, "/error": self.error, "/slow": self.slow,
                  "/malformed": self.malformed, "/atom": self.atom, "/drip": self.drip, "/empty": self.empty,
                  "/broken-items": self.broken_items, "/html": self.html}
        if self.path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/redirect?to="))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        routes.get(self.path, self.missing)()

    def drip(self):
        """A well-formed feed, one byte at a time: every read succeeds, the whole never arrives in time."""
        body = (FEEDS / "xiaomi_newsroom.rss").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for byte in body:
            if self.server.release.wait(0.05):
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return

    def empty(self):
        self.send_body(b"", "application/rss+xml")

    def broken_items(self):
        """Items a lenient parser can still pick out of XML that is not well-formed."""
        self.send_body(b'<?xml version="1.0"?><rss version="2.0"><channel><title>News & views</title>'
                       b"<item><title>Launch</title><link>https://press.example/1</link></item>"
                       b"</channel>", "application/rss+xml")

    def html(self):
        self.send_body(b"<html><body><p>Our newsroom moved.</p></body></html>", "text/html")

    def feed(self):
        if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.end_headers()
            return
        self.send_body((FEEDS / "xiaomi_newsroom.rss").read_bytes(), "application/rss+xml",
                       {"ETag": ETAG, "Last-Modified": LAST_MODIFIED})

    def atom(self):
        self.send_body((FEEDS / "leica_newsroom.atom").read_bytes(), "application/atom+xml")

    def malformed(self):
        self.send_body((FEEDS / "malformed.xml").read_bytes(), "application/xml")

    def error(self):
        self.send_error(500, "Internal Server Error")

    def missing(self):
        self.send_error(404, "Not Found")

    def slow(self):
        self.server.release.wait(10)

    def send_body(self, body, content_type, extra=None):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def newsroom():
    server = ThreadingHTTPServer(("127.0.0.1", 0), NewsroomHandler)
    server.daemon_threads = True
    server.seen_headers, server.release = [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.release.set()
    server.shutdown()
    server.server_close()


def item(title="Xiaomi and Leica announce a partnership", link="https://press.example/r/1",
         published=date(2022, 5, 24), guid="1", summary=""):
    return FeedItem(guid=guid, title=title, summary=summary, link=link, published=published)


def test_rss_items_have_guid_title_link_and_publisher_day():
    result = fetch_feed(str(FEEDS / "xiaomi_newsroom.rss"))
    assert result.status == "ok" and result.error is None
    first = result.items[0]
    assert first.guid == "xiaomi-newsroom-2022-0627-01"
    assert first.title == "Xiaomi 12S Series to launch on July 4 with Leica co-engineered cameras"
    assert first.link == "https://press.xiaomi-newsroom.example/releases/2022/xiaomi-12s-series-launch-date"
    assert first.published == date(2022, 6, 27)


def test_item_text_is_title_and_summary_without_html():
    first = fetch_feed(str(FEEDS / "xiaomi_newsroom.rss")).items[0]
    assert first.text == (
        "Xiaomi 12S Series to launch on July 4 with Leica co-engineered cameras\n\n"
        "Xiaomi today confirmed that the Xiaomi 12S Series, its first smartphones co-engineered with Leica, "
        "will be unveiled in Beijing on July 4.\n\nThe flagship Xiaomi 12S Ultra uses a 1-inch sensor & Leica optics."
    )


def test_an_item_without_guid_or_date_falls_back_to_its_link():
    band = fetch_feed(str(FEEDS / "xiaomi_newsroom.rss")).items[-1]
    assert band.guid == band.link and band.published is None


def test_atom_entries_are_read_from_a_file_url_with_summary_or_content():
    result = fetch_feed((FEEDS / "leica_newsroom.atom").as_uri())
    assert [entry.published for entry in result.items] == [date(2022, 7, 4), date(2022, 5, 24)]
    assert "will be presented in July 2022" in result.items[1].text
    assert "<p>" not in result.items[0].text


def test_the_same_release_under_a_tracking_url_has_one_fingerprint():
    items = fetch_feed(str(FEEDS / "xiaomi_newsroom.rss")).items
    assert item_fingerprint(items[1]) == item_fingerprint(items[2])
    assert len({item_fingerprint(entry) for entry in items}) == 3


def test_fingerprints_differ_for_a_different_day_or_title():
    assert item_fingerprint(item()) != item_fingerprint(item(published=date(2022, 5, 25)))
    assert item_fingerprint(item()) != item_fingerprint(item(title="Xiaomi and Leica end a partnership"))
    assert item_fingerprint(item(title="Leica’s new Xiaomi phone")) == item_fingerprint(
        item(title="leica s NEW xiaomi phone", link="https://elsewhere.example/x"))


@pytest.mark.parametrize("url", [
    "http://www.press.example/releases/leica/?utm_source=rss&utm_medium=feed#top",
    "https://press.example/releases/leica",
    "https://PRESS.example:443/releases/leica/?fbclid=abc",
    "https://www.press.example/releases/leica?gclid=1&utm_campaign=x",
])
def test_canonical_links_ignore_tracking_scheme_www_fragment_and_slash(url):
    assert canonical_link(url) == "https://press.example/releases/leica"


def test_canonical_links_keep_the_parameters_that_choose_the_page():
    assert canonical_link("https://press.example/news?id=42&utm_source=x&lang=en") == (
        "https://press.example/news?id=42&lang=en")
    assert canonical_link("https://press.example/news?lang=en&id=42") == canonical_link(
        "https://press.example/news?id=42&lang=en")
    assert canonical_link("https://press.example/a") != canonical_link("https://press.example/b")


def test_a_served_feed_gives_its_validators_and_a_real_user_agent(newsroom):
    server, base = newsroom
    result = fetch_feed(f"{base}/feed.rss")
    assert result.status == "ok" and len(result.items) == 4
    assert (result.etag, result.modified) == (ETAG, LAST_MODIFIED)
    assert server.seen_headers[-1]["User-Agent"] == "verify-feed-reader/0.1"


def test_an_unchanged_feed_is_not_modified_by_etag(newsroom):
    server, base = newsroom
    result = fetch_feed(f"{base}/feed.rss", etag=ETAG)
    assert result.status == "not_modified" and result.items == () and result.etag == ETAG
    assert server.seen_headers[-1]["If-None-Match"] == ETAG


def test_an_unchanged_feed_is_not_modified_by_date(newsroom):
    server, base = newsroom
    result = fetch_feed(f"{base}/feed.rss", modified=LAST_MODIFIED)
    assert result.status == "not_modified"
    assert server.seen_headers[-1]["If-Modified-Since"] == LAST_MODIFIED


def test_a_served_atom_feed_is_read(newsroom):
    _, base = newsroom
    assert [entry.title for entry in fetch_feed(f"{base}/atom").items][0] == (
        "Leica and Xiaomi present the Xiaomi 12S Ultra")


@pytest.mark.parametrize(("path", "reason"), [
    ("/error", "HTTP 500"),
    ("/gone", "HTTP 404"),
    ("/malformed", "not a readable RSS or Atom feed"),
])
def test_a_failing_feed_is_an_error_result_with_a_reason(newsroom, path, reason):
    _, base = newsroom
    result = fetch_feed(f"{base}{path}")
    assert result.status == "error" and result.items == ()
    assert reason in result.error and "\n" not in result.error


def test_a_feed_that_hangs_times_out(newsroom):
    _, base = newsroom
    result = fetch_feed(f"{base}/slow", timeout=0.3)
    assert result.status == "error" and "timed out" in result.error


def test_a_refused_connection_is_an_error_result():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = fetch_feed(f"http://127.0.0.1:{port}/feed.rss", timeout=2)
    assert result.status == "error" and "cannot connect" in result.error


@pytest.mark.parametrize("location", ["missing.xml", "file:///nonexistent/feed.xml"])
def test_a_missing_local_feed_is_an_error_result(tmp_path, location):
    result = fetch_feed(str(tmp_path / location) if "://" not in location else location)
    assert result.status == "error" and "no such file" in result.error


def test_a_malformed_local_feed_is_an_error_result():
    result = fetch_feed(str(FEEDS / "malformed.xml"))
    assert result.status == "error" and "not well-formed" in result.error


def test_an_unchanged_local_feed_is_not_modified():
    first = fetch_feed(str(FEEDS / "leica_newsroom.atom"))
    assert fetch_feed(str(FEEDS / "leica_newsroom.atom"), modified=first.modified).status == "not_modified"


def test_a_feed_sent_one_byte_at_a_time_fails_at_the_deadline_for_the_whole_response(newsroom):
    _, base = newsroom
    started = time.monotonic()
    result = fetch_feed(f"{base}/drip", timeout=0.5)
    assert result.status == "error" and "timed out" in result.error
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(("path", "reason"), [
    ("/empty", "empty"),
    ("/broken-items", "not a readable RSS or Atom feed"),
    ("/html", "not a readable RSS or Atom feed"),
])
def test_an_empty_broken_or_non_feed_answer_is_a_failure_not_ok(newsroom, path, reason):
    _, base = newsroom
    result = fetch_feed(f"{base}{path}")
    assert result.status == "error" and reason in result.error and result.items == ()


def test_a_feed_over_the_size_limit_is_refused_and_said_so_not_cut(newsroom, monkeypatch, tmp_path):
    monkeypatch.setattr(feeds_module, "MAX_BYTES", 1000)
    _, base = newsroom
    served = fetch_feed(f"{base}/feed.rss")
    assert served.status == "error" and "larger than" in served.error
    saved = tmp_path / "big.rss"
    saved.write_bytes((FEEDS / "xiaomi_newsroom.rss").read_bytes())
    local = fetch_feed(str(saved))
    assert local.status == "error" and "larger than" in local.error


def test_a_redirect_within_the_same_site_is_followed(newsroom):
    _, base = newsroom
    result = fetch_feed(f"{base}/redirect?to={base}/feed.rss")
    assert result.status == "ok" and result.items


@pytest.mark.parametrize("target", ["ftp://127.0.0.1/feed.rss", "file:///etc/passwd",
                                    "http://127.0.0.1:{other}/feed.rss", "http://localhost.example/feed.rss"])
def test_a_redirect_to_another_scheme_host_or_port_is_refused(newsroom, target):
    _, base = newsroom
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        other = probe.getsockname()[1]
    result = fetch_feed(f"{base}/redirect?to={target.format(other=other)}")
    assert result.status == "error" and ("not the same site" in result.error or "not allowed" in result.error)


@pytest.mark.parametrize(("old", "new", "allowed"), [
    ("http://press.example/rss", "https://press.example/rss", True),
    ("http://press.example/rss", "http://www.press.example/feed", True),
    ("https://press.example/rss", "http://press.example/rss", False),  # never downgraded
    ("https://press.example/rss", "https://press.example:8443/rss", False),
    ("http://press.example:8080/rss", "https://press.example/rss", False),
    ("http://press.example/rss", "https://cdn.example/rss", False),
    ("http://press.example/rss", "ftp://press.example/rss", False),
])
def test_the_redirect_policy(old, new, allowed):
    assert allowed_redirect(old, new) is allowed
