"""A local newsroom web server for feed tests: the fixture feeds with ETag/304, an HTTP 500, a hang.

Never the internet: it listens on 127.0.0.1 on a free port, in a thread, for the duration of a test module.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
FILES = {"/xiaomi.rss": "xiaomi_newsroom.rss", "/leica.atom": "leica_newsroom.atom",
         "/newswire.rss": "newswire_syndication.rss", "/malformed.xml": "malformed.xml"}


def etag_of(path: str) -> str:
    return f'"{path.strip("/")}-v1"'


class _Newsroom(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append((self.path, dict(self.headers)))
        if self.path == "/error":
            self.send_error(500, "Internal Server Error")
        elif self.path == "/slow":
            self.server.release.wait(10)
        elif self.path in FILES:
            self._feed(self.path)
        else:
            self.send_error(404, "Not Found")

    def _feed(self, path: str) -> None:
        if self.headers.get("If-None-Match") == etag_of(path):
            self.send_response(304)
            self.send_header("ETag", etag_of(path))
            self.end_headers()
            return
        body = (FEEDS / FILES[path]).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("ETag", etag_of(path))
        self.send_header("Last-Modified", "Mon, 27 Jun 2022 09:30:00 GMT")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def newsroom_server():
    """Yield (server, base URL); `server.requests` lists (path, headers) of every request received."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Newsroom)
    server.daemon_threads = True
    server.requests, server.release = [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
