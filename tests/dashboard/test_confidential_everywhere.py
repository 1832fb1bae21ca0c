"""A confidential source's name planted in ten places and spellings never reaches a viewer or a reporter on
any dashboard page (every tab, expander, table, chart, picker and download), and an editor sees it.

The name is planted through the CLI, as a newsroom would: the source itself under other spellings, other
claims' texts, a retraction reason, an announcement's text, a feed item, an article's address, the origin
field, a near-duplicate's text, a review note and a partly-confirmed detail.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from tests.dashboard.conftest import open_app, shown_text, walk
from verify.cli import main
from verify.core.confidential import identity_key

NAME = "Tamsin Okafor"
SPELLINGS = ["TAMSIN OKAFOR", "tamsin okafor", "Támsin Okafor", "Tam\u200bsin Okafor",
             "\uff34\uff41\uff4d\uff53\uff49\uff4e Okafor", "Tamsin-Okafor"]
FEED_ITEM = """<?xml version="1.0"?><rss version="2.0"><channel><title>Nordwind newsroom</title>
<item><title>Nordwind Motors confirms the Lyon plant, first reported by {name}</title>
<link>https://nordwind.example/press/lyon</link><pubDate>Mon, 03 Jun 2024 09:00:00 GMT</pubDate>
<description>Nordwind Motors confirms its Lyon battery plant, as {name} reported.</description></item>
</channel></rss>"""


def leaks(text: str) -> bool:
    return identity_key(NAME) in identity_key(text)


@pytest.fixture
def planted(database_url, tmp_path):
    """The name in ten places; returns the claims' external ids."""
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(main, ["--db", database_url, "--user", "ana", *args], catch_exceptions=False)
        assert result.exit_code in (0, 4), result.output
        return result

    run("source", "add", NAME, "--kind", "person", "--confidential")
    run("claim", "add", "Nordwind Motors will open a battery plant in Lyon by 2027", "--source", NAME,
        "--published", "2024-01-10", "--url", "https://blog.example/tips/1", "--external-id", "t1")
    run("claim", "add", "Nordwind Motors will hire 2,000 people in Lyon by 2027", "--source", SPELLINGS[4],
        "--published", "2024-01-11", "--external-id", "t2")
    run("claim", "add", "Nordwind Motors will build the plant in Lyon by 2027", "--source", "Motor Desk",
        "--origin", "tamsin OKAFOR", "--published", "2024-01-12", "--url", "https://motordesk.example/9",
        "--external-id", "t3")
    run("claim", "add", "Nordwind Motors will name a Lyon plant chief in 2027", "--source", "Motor Desk",
        "--published", "2024-01-13", "--url", "https://motordesk.example/tamsin-okafor-interview",
        "--external-id", "t4")
    for number, spelling in enumerate(SPELLINGS[:4], start=5):  # repeats of t1 naming her in their text
        run("claim", "add", f"Nordwind Motors will open a battery plant in Lyon by 2027, according to {spelling}",
            "--source", "Wheel Week", "--published", f"2024-02-0{number}", "--external-id", f"t{number}",
            "--url", f"https://wheelweek.example/{number}")
    run("claim", "add", "Nordwind Motors will sell its Lyon site in 2027", "--source", "Wheel Week",
        "--published", "2024-02-20", "--external-id", "t9")
    run("announce", "add", f"Nordwind Motors opens a battery plant in Lyon, as {SPELLINGS[2]} said it would",
        "--issuer", "Nordwind Motors", "--published", "2024-06-01", "--external-id", "a1",
        "--url", "https://nordwind.example/press")
    run("announce", "add", "Nordwind Motors will hire 900 people in Lyon", "--issuer", "Nordwind Motors",
        "--published", "2024-06-02", "--external-id", "a2")
    feed = tmp_path / "nordwind.rss"
    feed.write_text(FEED_ITEM.format(name=SPELLINGS[1]), encoding="utf-8")
    run("feed", "add", str(feed), "--issuer", "Nordwind Motors")
    run("feed", "poll")
    run("review", "t1", "a1", "--confirm", "--force", "--note", f"{NAME} was right about the plant")
    run("review", "t2", "a2", "--partly", "--force", "--detail", f"{SPELLINGS[0]} said 2,000, announced 900")
    run("review", "t3", "a1", "--confirm", "--force", "--note", "same plant")
    run("claim", "retract", "t9", "--reason", f"logged by mistake; {SPELLINGS[3]} never said it")
    return [f"t{number}" for number in range(1, 10)]


@pytest.fixture
def downloads(monkeypatch):
    """The bytes of every download button rendered. Streamlit keeps them in its media storage; a file made
    only when clicked (a callable) is made at once here, as the click would."""
    kept: list[bytes] = []
    original_load, original_defer = MemoryMediaFileStorage.load_and_get_id, MediaFileManager.add_deferred

    def keep(self, path_or_data, mimetype, kind, filename=None):
        kept.append(path_or_data if isinstance(path_or_data, bytes) else str(path_or_data).encode())
        return original_load(self, path_or_data, mimetype, kind, filename)

    def click(self, data_callable, *args, **kwargs):
        file_id = original_defer(self, data_callable, *args, **kwargs)
        self.execute_deferred(file_id)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    monkeypatch.setattr(MediaFileManager, "add_deferred", click)
    return kept


def every_view(monkeypatch, role: str, claims: list[str]):
    """Every page as `role`, with what can be opened opened; yields (where, app) after each run."""
    monkeypatch.setenv("VERIFY_DASHBOARD_ROLE", role)
    for page in ("board", "log_claim", "review", "announcements"):
        yield page, open_app(page)
    for claim in claims:
        yield f"claim {claim}", open_app("claim", session_state={"claim_ref": claim})
    app = open_app("sources")
    yield "sources", app
    app.text_input(key="newsroom").input("The Ledger")
    app.text_input(key="newsroom_url").input("https://ledger.example").run()
    yield "sources with ClaimReview", app
    picker = app.selectbox[-1]
    for option in list(picker.options):
        app.selectbox[-1].set_value(option).run()
        yield f"sources: {option}", app


def hits(monkeypatch, role: str, claims: list[str], downloads: list[bytes]) -> list[str]:
    found = []
    for where, app in every_view(monkeypatch, role, claims):
        assert not app.exception, (where, app.exception)
        found += [f"{where}: {type(node).__name__}" for node in walk(app) if leaks(shown_text(node))]
    found += [f"download {number}" for number, data in enumerate(downloads)
              if leaks(data.decode("utf-8", "replace"))]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("role", ["viewer", "reporter"])
def test_a_confidential_name_planted_in_ten_places_never_reaches_a_viewer_or_reporter_on_any_page(
        dashboard_env, planted, downloads, role):
    assert hits(dashboard_env, role, planted, downloads) == []
    assert len(downloads) >= 3  # the board's CSV, the scorecards, the ClaimReview file were all read


def test_an_editor_sees_the_name(dashboard_env, planted, downloads):
    dashboard_env.setenv("VERIFY_DASHBOARD_ROLE", "editor")
    app = open_app("claim", session_state={"claim_ref": "t1"})
    assert any(leaks(shown_text(node)) for node in walk(app))
    assert any(leaks(data.decode("utf-8", "replace")) for data in downloads)  # the board's CSV names her
