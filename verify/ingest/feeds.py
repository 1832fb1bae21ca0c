"""Read company newsrooms' RSS and Atom feeds, politely and without ever raising.

Why: confirmations usually arrive as press releases. Polling a newsroom must not hammer it (conditional
requests: a 304 costs nothing) and one broken feed must not stop a poll of the others, so every failure
comes back as a result with a one-line reason. Feed XML is read by feedparser, which copes with the
many broken feeds found in the wild; HTTP is done here with urllib so timeouts and errors stay ours.

Limits, each reported as a failure of that feed (never a silent cut, never a stalled poll):
- a deadline for the whole response (`timeout` seconds from the request to the last byte), not only per
  read, so a server sending one byte a second cannot hold the poll;
- MAX_BYTES per feed: a larger one is refused, not read in part;
- an empty body, XML that is not well-formed, or a document that is neither RSS nor Atom;
- redirects are followed only to http or https on the same host (a leading "www." aside) and the same
  port, or from http on port 80 to https on port 443; never to another scheme (ftp://, file://), another
  host or another port (another local service);
- at most MAX_REDIRECTS of them.
"""

from __future__ import annotations

import hashlib
import http.client
import re
import threading
import time
import unicodedata
import xml.sax
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import formatdate, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

import feedparser

USER_AGENT = "verify-feed-reader/0.1"
MAX_BYTES = 10_000_000
MAX_REDIRECTS = 5
_CHUNK = 65_536
_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
                              "ref", "ref_src", "_ga", "_gl", "cmpid", "spm"})


@dataclass(frozen=True)
class FeedItem:
    """One release as the feed gives it; `summary` may hold HTML, `text` never does."""

    guid: str
    title: str
    summary: str
    link: str
    published: date | None

    @property
    def text(self) -> str:
        """Title and summary as plain text, paragraphs apart, ready for `suggest_claims`."""
        return "\n\n".join(part for part in (_strip_html(self.title), _strip_html(self.summary)) if part)


@dataclass(frozen=True)
class FetchResult:
    """status is "ok", "not_modified" or "error"; keep etag and modified for the next conditional fetch."""

    status: str
    items: tuple[FeedItem, ...] = ()
    etag: str | None = None
    modified: str | None = None
    error: str | None = None


class _Unavailable(Exception):
    """The feed could not be read; the message is the one-line reason."""


class _NotModified(Exception):
    def __init__(self, etag: str | None, modified: str | None):
        self.etag, self.modified = etag, modified


def fetch_feed(url_or_path: str, *, etag: str | None = None, modified: str | None = None,
               timeout: float = 10.0) -> FetchResult:
    """Fetch and parse a feed from http(s), a file:// URL or a local path; never raises."""
    try:
        if urlsplit(url_or_path).scheme in ("http", "https"):
            body, headers = _download(url_or_path, etag, modified, timeout)
        else:
            body, headers = _read_local(url_or_path, modified)
    except _NotModified as unchanged:
        return FetchResult("not_modified", etag=unchanged.etag, modified=unchanged.modified)
    except _Unavailable as failure:
        return FetchResult("error", error=str(failure))
    return _parse(body, headers, url_or_path)


class _SameOrigin(HTTPRedirectHandler):
    """Follows a redirect only within the policy in the module's docstring."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not allowed_redirect(req.full_url, newurl):
            raise _Unavailable(f"{req.full_url}: redirected to {newurl[:200]}, which is not the same site "
                               "over http(s) (another scheme, host or port): add that address as the feed if "
                               "it is the newsroom's")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def allowed_redirect(old: str, new: str) -> bool:
    """Same host (www. aside) over http(s), same port, or http:80 to https:443."""
    before, after = urlsplit(old), urlsplit(new)
    if after.scheme not in ("http", "https"):
        return False
    try:
        old_port = before.port or (443 if before.scheme == "https" else 80)
        new_port = after.port or (443 if after.scheme == "https" else 80)
    except ValueError:
        return False

    def host(parts) -> str:
        return (parts.hostname or "").lower().removeprefix("www.")

    if host(before) != host(after):
        return False
    return new_port == old_port or (old_port, new_port) == (80, 443) and after.scheme == "https"


def _download(url: str, etag: str | None, modified: str | None, timeout: float) -> tuple[bytes, dict]:
    """The whole exchange runs in a helper thread that the poll waits for `timeout` seconds at most."""
    outcome: dict = {}
    stop = threading.Event()
    worker = threading.Thread(target=_exchange, args=(url, etag, modified, timeout, stop, outcome), daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        stop.set()  # the thread gives up at its next read; its socket times out on its own otherwise
        raise _Unavailable(f"{url}: no complete answer within {timeout:g} s (timed out)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["body"], outcome["headers"]


def _exchange(url, etag, modified, timeout, stop: threading.Event, outcome: dict) -> None:
    try:
        outcome["body"], outcome["headers"] = _request(url, etag, modified, timeout, stop)
    except (_Unavailable, _NotModified) as error:
        outcome["error"] = error
    except Exception as error:  # noqa: BLE001 - whatever happens, the feed fails with a reason
        outcome["error"] = _Unavailable(f"{url}: cannot be read ({error.__class__.__name__}: {error})")


def _request(url: str, etag: str | None, modified: str | None, timeout: float,
             stop: threading.Event) -> tuple[bytes, dict]:
    headers = {"User-Agent": USER_AGENT,
               "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    deadline = time.monotonic() + timeout
    try:
        opener = build_opener(_SameOrigin())
        with opener.open(Request(url, headers=headers), timeout=timeout) as response:
            return _read_within(response, url, deadline, timeout, stop), \
                {k.lower(): v for k, v in response.headers.items()}
    except HTTPError as error:
        if error.code == 304:
            raise _NotModified(error.headers.get("ETag", etag), error.headers.get("Last-Modified", modified)) from None
        raise _Unavailable(f"{url}: the server answered HTTP {error.code} {error.reason}") from None
    except URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _Unavailable(f"{url}: no answer within {timeout:g} s (timed out)") from None
        raise _Unavailable(f"{url}: cannot connect ({error.reason})") from None
    except TimeoutError:
        raise _Unavailable(f"{url}: no answer within {timeout:g} s (timed out)") from None
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise _Unavailable(f"{url}: cannot be read ({error.__class__.__name__}: {error})") from None


def _read_within(response, url: str, deadline: float, timeout: float, stop: threading.Event) -> bytes:
    """Read the body in chunks until the deadline; more than MAX_BYTES is refused, not cut."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise _Unavailable(_too_large(url))
    parts, size = [], 0
    while True:
        if stop.is_set() or time.monotonic() > deadline:
            raise _Unavailable(f"{url}: no complete answer within {timeout:g} s (timed out)")
        chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > MAX_BYTES:
            raise _Unavailable(_too_large(url))
        parts.append(chunk)


def _too_large(location: str) -> str:
    return f"{location}: larger than {MAX_BYTES // 1_000_000} MB, not read (a feed should list recent items only)"


def _read_local(location: str, modified: str | None) -> tuple[bytes, dict]:
    """A saved feed; its modification time plays the part of Last-Modified."""
    path = Path(unquote(urlsplit(location).path)) if location.startswith("file://") else Path(location)
    try:
        stamp = formatdate(path.stat().st_mtime, usegmt=True)
        if modified and modified == stamp:
            raise _NotModified(None, stamp)
        if path.stat().st_size > MAX_BYTES:
            raise _Unavailable(_too_large(str(path)))
        return path.read_bytes(), {"last-modified": stamp}
    except FileNotFoundError:
        raise _Unavailable(f"{path}: no such file") from None
    except OSError as error:
        raise _Unavailable(f"{path}: cannot be read ({error.strerror or error})") from None


def _parse(body: bytes, headers: dict, location: str) -> FetchResult:
    if not body.strip():
        return FetchResult("error", error=f"{location}: the answer is empty, not an RSS or Atom feed")
    parsed = feedparser.parse(body, response_headers={**headers, "content-location": location})
    problem = parsed.get("bozo_exception")
    if (parsed.bozo and not parsed.entries) or isinstance(problem, xml.sax.SAXException):
        reason = (str(problem or "unknown problem").splitlines() or ["unknown problem"])[0][:200]
        return FetchResult("error", error=f"{location}: not a readable RSS or Atom feed ({reason})")
    if not parsed.get("version") and not parsed.entries:
        return FetchResult("error", error=f"{location}: not a readable RSS or Atom feed (neither RSS nor Atom)")
    items = tuple(_item(entry) for entry in parsed.entries)
    return FetchResult("ok", items, etag=headers.get("etag"), modified=headers.get("last-modified"))


def _item(entry) -> FeedItem:
    title = _strip_html(entry.get("title", ""))
    summary = entry.get("summary") or (entry.get("content") or [{}])[0].get("value", "")
    link = entry.get("link", "")
    published = _entry_date(entry)
    guid = entry.get("id") or link or hashlib.sha256(f"{title}|{published}".encode()).hexdigest()[:32]
    return FeedItem(guid=guid, title=title, summary=summary, link=link, published=published)


def _entry_date(entry) -> date | None:
    """The day in the publisher's own time zone (a release dated 27 June in Beijing stays 27 June)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            stamp = _parse_stamp(raw)
            if stamp:
                return stamp
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return date(*parsed[:3])
    return None


def _parse_stamp(raw: str) -> date | None:
    for parse in (parsedate_to_datetime, datetime.fromisoformat):
        try:
            return parse(raw.strip()).date()
        except (TypeError, ValueError, IndexError):
            continue
    return None


def canonical_link(url: str) -> str:
    """One spelling per page: https, no "www.", no tracking parameters, fragment or trailing slash."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https", ""):
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = sorted((key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
                   if not (key.lower().startswith("utm_") or key.lower() in _TRACKING_PARAMS))
    return urlunsplit(("https" if netloc else "", netloc, parts.path.rstrip("/"), urlencode(query), ""))


def item_fingerprint(item: FeedItem) -> str:
    """The same release under two URLs or guids: same normalised title and day, same fingerprint."""
    title = unicodedata.normalize("NFKD", _strip_html(item.title)).casefold()
    title = " ".join(re.sub(r"[\W_]+", " ", "".join(c for c in title if not unicodedata.combining(c))).split())
    day = item.published.isoformat() if item.published else ""
    return hashlib.sha256(f"{title}|{day}".encode()).hexdigest()[:32]


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; block elements become paragraph breaks."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)


def _strip_html(fragment: str) -> str:
    parser = _TextOnly()
    parser.feed(fragment or "")
    parser.close()
    paragraphs = re.split(r"\n\s*\n", "".join(parser.parts))
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
