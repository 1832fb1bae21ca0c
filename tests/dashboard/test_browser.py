"""The real dashboard in headless Chromium: `verify dashboard` on a demo SQLite database, driven by a person's
steps (board, log a rumor, see it on the board, accept a match), with a screenshot of every page.

Screenshots go to artifacts/screenshots/ (look at them: a cluttered or cryptic page is not done).
Needs Debian's chromium at /usr/bin/chromium (`apt-get install -y chromium`) and the playwright package;
skips without them, except in CI (CI set), where a missing browser fails the run.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
VERIFY = Path(sys.executable).with_name("verify")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
RUMOR = "Globex will open a second battery plant in Ohio by the end of next year"
PASSWORD = "browser secret 42"

pytestmark = pytest.mark.browser


def _require_browser():
    missing = None
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is missing: apt-get install -y chromium"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is missing: pip install playwright"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test, but {missing}")
        pytest.skip(missing)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _verify(*args: str, env: dict) -> None:
    subprocess.run([str(VERIFY), *args], env=env, check=True, capture_output=True, timeout=300)


@pytest.fixture
def served(tmp_path):
    """`verify dashboard` on a fresh demo database, with the matcher's proposals; yields its address."""
    yield from _serve(tmp_path, {})


@pytest.fixture
def served_with_sign_in(tmp_path):
    """The same, with sign-in on: an auth file holding one editor (written by `verify users add`)."""
    auth = tmp_path / "auth.yaml"
    subprocess.run([str(VERIFY), "users", "add", "Grace Editor", "--role", "editor", "--password-stdin",
                    "--file", str(auth)], input=f"{PASSWORD}\n", text=True, check=True, capture_output=True)
    yield from _serve(tmp_path, {"VERIFY_AUTH_FILE": str(auth)})


@pytest.fixture
def served_decided(tmp_path):
    """The demo with its editors' decisions (`verify demo --decided`): sources with resolved claims."""
    yield from _serve(tmp_path, {}, demo=["demo", "--decided"])


def _serve(tmp_path, extra: dict, demo: list[str] | None = None):
    _require_browser()
    env = dict(os.environ, VERIFY_DATABASE_URL=f"sqlite:///{tmp_path / 'demo.db'}", VERIFY_USER="Browser Editor",
               VERIFY_DASHBOARD_ROLE="editor", **extra)
    for step in (["init"], demo or ["demo"], ["match"]):
        _verify(*step, env=env)
    port = _free_port()
    process = subprocess.Popen([str(VERIFY), "dashboard", "--port", str(port), "--host", "127.0.0.1"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        first = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first, first
        _wait_healthy(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_healthy(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"verify dashboard exited: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("the dashboard did not answer within 60 s")


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.set_default_timeout(30_000)
        yield page
        browser.close()


def _shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for table in page.locator("[data-testid='stDataFrame']").all():
        if table.is_visible():  # tables on hidden tabs never draw
            table.locator("canvas").first.wait_for()
    page.wait_for_timeout(1500)  # let charts and tables finish drawing
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _wait_for_cookie(page, name: str) -> None:
    deadline = time.monotonic() + 20
    while not any(cookie["name"] == name for cookie in page.context.cookies()):
        assert time.monotonic() < deadline, f"the browser never got the {name} cookie"
        page.wait_for_timeout(200)


def _open(page, base: str, path: str, heading: str) -> None:
    page.goto(f"{base}/{path}")
    page.get_by_role("heading", name=heading).first.wait_for()
    page.wait_for_load_state("networkidle")
    _wait_idle(page)


def _wait_idle(page) -> None:
    """Until the page's script has finished: its websocket is not network to Playwright, so "networkidle"
    can come while the script still runs."""
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=60_000)


def _set_expander(page, label: str, *, open_: bool) -> None:
    """Open or fold an expander and wait until it is so (a click during a rerun on a slow machine can be lost)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    expander = page.locator("[data-testid='stExpander']").filter(has_text=label).first
    details = expander.locator("details")
    for _ in range(5):
        if details.evaluate("node => node.open") == open_:
            return
        expander.locator("summary").click()
        try:
            page.wait_for_function("([node, want]) => node.open === want", arg=[details.element_handle(), open_],
                                   timeout=5_000)
            return
        except PlaywrightTimeout:
            _wait_idle(page)
    raise AssertionError(f"the expander {label!r} did not {'open' if open_ else 'fold'}")


def test_a_journalist_logs_a_rumor_sees_it_on_the_board_and_accepts_a_match(served, browser_page):
    page = browser_page

    _open(page, served, "", "Board")
    page.get_by_text("Showing 1–10 of 10 claims").wait_for()
    _shoot(page, "01-board")

    _open(page, served, "log", "Log a rumor")
    page.get_by_role("textbox", name="The rumor, as reported", exact=True).fill(RUMOR)
    page.get_by_role("textbox", name="New source", exact=True).fill("Browser Gazette")
    page.get_by_role("textbox", name="Published", exact=True).first.fill("yesterday")
    page.get_by_role("textbox", name="Stated confidence", exact=True).fill("likely")
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("Before saving").wait_for()
    page.get_by_text("Time window:").wait_for()
    _shoot(page, "02-log-preview")
    page.get_by_role("button", name="Log this rumor").click()
    page.get_by_text("It is on the board now").wait_for()

    _open(page, served, "log", "Log a rumor")  # the same report again: blocked, with a link to the stored one
    page.get_by_role("textbox", name="The rumor, as reported", exact=True).fill(RUMOR)
    page.get_by_role("textbox", name="New source", exact=True).fill("Browser Gazette")
    page.get_by_role("textbox", name="Published", exact=True).first.fill("yesterday")
    page.get_by_role("button", name="Preview").click()
    page.get_by_text("Already logged: claim 11").wait_for()
    assert page.get_by_role("button", name="Log this rumor").count() == 0
    _shoot(page, "02b-log-same-report-blocked")

    _open(page, served, "", "Board")
    page.get_by_text("Showing 1–11 of 11 claims").wait_for()
    search = page.get_by_role("textbox", name="Search the claims", exact=True)
    search.fill("battery plant in Ohio")
    search.press("Enter")
    page.get_by_text("Showing 1–1 of 1 claims").wait_for()
    _shoot(page, "03-board-with-new-rumor")

    _open(page, served, "review", "Review queue")
    heading = page.get_by_role("heading", name="to review")
    before = int(heading.inner_text().split()[0])
    page.get_by_role("textbox", name="Note (kept in the history)", exact=True).first.fill("official press release")
    _shoot(page, "04-review-queue")
    page.get_by_role("button", name="Accept").first.click()
    page.get_by_text("accepted; on the board it is now").wait_for()
    _shoot(page, "04b-review-decided-with-undo")
    assert page.get_by_role("heading", name=f"{before - 1} match(es) to review").count() == 1

    _open(page, served, "claim?claim=demo-c1", "Claim detail")
    page.get_by_text("History").first.wait_for()
    _shoot(page, "05-claim-detail")
    _open(page, served, "announcements", "Announcements")
    _shoot(page, "06-announcements")
    _open(page, served, "sources", "Sources")
    page.locator("canvas, svg").first.wait_for()
    _shoot(page, "07-sources")


def test_with_sign_in_on_an_editor_signs_in_logs_a_rumor_under_their_name_and_signs_out(served_with_sign_in,
                                                                                        browser_page):
    page = browser_page
    page.goto(f"{served_with_sign_in}/log")  # a page's own address shows only the sign-in form
    page.get_by_role("button", name="Sign in").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Log a rumor").count() == 0
    _shoot(page, "08-sign-in")
    page.get_by_role("textbox", name="Name", exact=True).fill("Grace Editor")
    page.get_by_role("textbox", name="Password", exact=True).fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Wrong name or password").wait_for()
    _shoot(page, "09-sign-in-wrong-password")
    page.get_by_role("textbox", name="Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for()
    _wait_for_cookie(page, "verify_auth")  # the re-login cookie: opening another address keeps us signed in

    _open(page, served_with_sign_in, "log", "Log a rumor")
    page.get_by_role("textbox", name="The rumor, as reported", exact=True).fill(RUMOR)
    page.get_by_role("textbox", name="New source", exact=True).fill("Browser Gazette")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Log this rumor").click()
    page.get_by_text("It is on the board now").wait_for()
    _open(page, served_with_sign_in, "claim?claim=11", "Claim detail")
    page.get_by_text("logged by Grace Editor").wait_for()
    _shoot(page, "10-signed-in-claim")

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Sign in").wait_for()
    page.wait_for_timeout(1000)
    page.reload()  # signed out for good: the re-login cookie is gone
    page.get_by_role("button", name="Sign in").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Signed in as").count() == 0


PAGES = [("", "Board"), ("log", "Log a rumor"), ("review", "Review queue"), ("claim?claim=demo-c1", "Claim detail"),
         ("announcements", "Announcements"), ("sources", "Sources")]


def test_every_page_reads_on_a_phone_one_card_per_claim_and_the_filters_folded(served, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, served, "", "Board")
    page.get_by_text("Showing 1–10 of 10 claims").wait_for()
    cards = page.locator(".st-key-board_cards .card")
    cards.first.wait_for()
    assert cards.count() == 10 and cards.first.is_visible()
    assert not page.locator(".st-key-board_table").is_visible()  # the wide table is folded away
    assert not page.get_by_text("Sort by", exact=True).is_visible()  # the filters are folded
    for number, (path, heading) in enumerate(PAGES, start=1):
        _open(page, served, path, heading)
        _shoot(page, f"phone-{number:02d}-{(path.split('?')[0] or 'board')}")


def _fits_its_width(table) -> bool:
    """The table's grid scrolls sideways only when its columns are wider than the page gives it."""
    return table.evaluate("node => { const s = node.querySelector('.dvn-scroller'); "
                          "return !s || s.scrollWidth <= s.clientWidth + 1; }")


def test_the_leaderboard_reads_whole_on_a_laptop_and_as_cards_on_a_phone(served_decided, browser_page):
    page = browser_page
    _open(page, served_decided, "sources", "Sources")
    table = page.locator(".st-key-leaderboard_table")
    table.locator("canvas").first.wait_for()
    assert _fits_its_width(table)  # every column in view at 1440 px: nothing cut, no sideways scrolling
    assert not page.locator(".st-key-leaderboard_cards .card").first.is_visible()
    _shoot(page, "11-sources-leaderboard-decided")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    cards = page.locator(".st-key-leaderboard_cards .card")
    assert cards.first.is_visible() and not table.is_visible()
    assert "resolved" in cards.first.inner_text() or "nothing resolved yet" in cards.first.inner_text()
    _shoot(page, "phone-07-sources-leaderboard-decided")
    cards.nth(3).scroll_into_view_if_needed()
    _shoot(page, "phone-07b-sources-leaderboard-cards")


def test_the_board_as_of_an_earlier_date_says_so_on_a_laptop_and_a_phone(served_decided, browser_page):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = browser_page
    _open(page, served_decided, "", "Board")
    _set_expander(page, "Filters, sorting and an earlier date", open_=True)
    as_of = page.locator(".st-key-as_of")
    try:
        as_of.get_by_role("spinbutton").first.wait_for(timeout=15_000)
    except PlaywrightTimeout:  # say what the page shows instead (CI's output is all there is to go on)
        shown = as_of.first.inner_html() if as_of.count() else page.inner_text("body")
        raise AssertionError(f"'Board as of' shows no year, month and day to type in; it shows: {shown[:1500]}") \
            from None
    for part, typed in (("year", "2022"), ("month", "06"), ("day", "01")):
        as_of.get_by_role("spinbutton", name=re.compile(part, re.IGNORECASE)).click()
        page.keyboard.type(typed)
    page.get_by_role("heading", name="Board").first.click()  # leaving the field sets the date
    page.get_by_text("as it stood on 1 June 2022").wait_for()
    _set_expander(page, "Filters, sorting and an earlier date", open_=False)
    page.wait_for_load_state("networkidle")
    _shoot(page, "12-board-as-of-past-date")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    assert page.get_by_text("as it stood on 1 June 2022").is_visible()
    _shoot(page, "phone-08-board-as-of-past-date")
