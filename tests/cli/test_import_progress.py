"""`verify import` shows a bar per phase and how long each took; Ctrl-C leaves nothing of the file (or, once
the rows are committed, all of them with their follow-up queued) and says how to finish, never a traceback."""

import json

from sqlalchemy import func, select

from verify.db.engine import make_engine
from verify.db.models import Claim
from verify.services import bulk_rows, followup, imports

ROWS = [{"text": f"Maker {n} will launch the Gadget {n} phone in July", "source": "Wire", "published": "2022-03-01"}
        for n in range(5)]


def claims_file(tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in ROWS), encoding="utf-8")
    return path


def stored_claims(database_url) -> int:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(Claim))
    engine.dispose()
    return count


def test_an_import_shows_each_phase_and_how_long_it_took(run, tmp_path):
    result = run("import", "claims", str(claims_file(tmp_path)))
    for phase in ("Reading", "Checking", "Writing", "Linking", "Matching"):
        assert phase in result.output
    assert "Took " in result.output and "writing" in result.output and "matching" in result.output
    assert "Imported 5 new claims; 0 already stored." in result.output


def test_ctrl_c_while_writing_stores_nothing_and_says_to_run_the_import_again(run, database_url,
                                                                                          tmp_path, monkeypatch):
    monkeypatch.setattr(imports, "BATCH", 2)
    written = []

    def interrupted_on_the_second_batch(session, batch, **kwargs):
        if written:
            raise KeyboardInterrupt
        written.append(batch)
        return bulk_rows.write_claims(session, batch, **kwargs)

    monkeypatch.setattr(imports, "write_claims", interrupted_on_the_second_batch)
    result = run("import", "claims", str(claims_file(tmp_path)), ok=False)
    assert result.exit_code == 130 and "Traceback" not in result.output
    assert "Interrupted while writing" in result.output and "nothing of it was stored" in result.output
    assert "Run the same import again" in result.output and stored_claims(database_url) == 0

    monkeypatch.setattr(imports, "write_claims", bulk_rows.write_claims)
    again = run("import", "claims", str(claims_file(tmp_path)))
    assert "Imported 5 new claims; 0 already stored." in again.output and stored_claims(database_url) == 5


def test_ctrl_c_while_matching_says_every_claim_is_stored_and_the_matching_is_queued(run, database_url, tmp_path,
                                                                                      monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(followup, "match_claims", interrupted)
    result = run("import", "claims", str(claims_file(tmp_path)), ok=False)
    assert result.exit_code == 130 and "Traceback" not in result.output
    assert "Interrupted while matching: every new claim is stored" in result.output
    assert "verify match" in result.output and stored_claims(database_url) == 5
    monkeypatch.undo()
    again = run("import", "claims", str(claims_file(tmp_path)))
    assert "Completed 1 follow-up(s) left by an earlier run" in again.output
    assert "Imported 0 new claims; 5 already stored." in again.output
