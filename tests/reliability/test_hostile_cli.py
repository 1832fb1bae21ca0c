"""Hostile or broken input at the command line: one "Error:" line, a documented exit code, never a traceback;
an unexpected error leaves its details in the log file."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.reliability.helpers import write_jsonl
from verify.cli import main
from verify.cli.app import EXIT_INPUT


@pytest.fixture
def cli(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFY_LOG_FILE", str(tmp_path / "logs" / "verify.log"))

    def invoke(*args, env=None):
        return CliRunner().invoke(main, ["--db", database_url, "--user", "ana", *args], env=env)

    return invoke


def one_error_line(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if "Error" in line]
    assert len(errors) == 1 and errors[0].startswith("Error: "), result.output  # (a progress label may precede)
    return errors[0]


@pytest.mark.parametrize("line", [
    "[" * 50_000 + "]" * 50_000,
    '{"text": "A launch in July", "source": "Wire", "published": ' + "1" * 5000 + "}",
    '{"text": "A launch in July \\udc00", "source": "Wire", "published": "2022-03-01"}',
])
def test_a_hostile_json_line_is_one_clear_import_error(cli, tmp_path, line):
    path = tmp_path / "claims.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    assert "line 1" in one_error_line(cli("import", "claims", str(path)), EXIT_INPUT)


def test_invalid_utf8_in_an_argument_is_refused_before_anything_runs(cli):
    message = one_error_line(cli("claims", "--source", "Wire\udcff"), EXIT_INPUT)
    assert "argument" in message and "UTF-8" in message


def test_a_malformed_date_in_a_csv_import_is_refused_not_read_as_another_day(cli, tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("text,source,published\nA launch in July,Wire,2022-13-01\n", encoding="utf-8")
    assert "no month 13" in one_error_line(cli("import", "claims", str(path)), EXIT_INPUT)


def test_a_repeated_csv_column_is_refused_and_nothing_is_imported(cli, tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("text,source,url,published,url\nA launch,Wire,https://a.example,2022-03-01,x\n")
    assert "appears twice" in one_error_line(cli("import", "claims", str(path)), EXIT_INPUT)
    assert "nothing to show" in cli("claims").output or cli("claims", "--json").output.strip() == "[]"


@pytest.mark.parametrize("value", ["abc", "nan", "1.5", "-0.1"])
def test_a_broken_setting_in_the_environment_is_one_input_error_line_saying_how_to_fix_it(cli, value):
    message = one_error_line(cli("claims", env={"VERIFY_PARTIAL_HIT_WEIGHT": value}), EXIT_INPUT)
    assert "VERIFY_PARTIAL_HIT_WEIGHT" in message and "from 0 to 1" in message


def test_a_review_url_with_a_positional_field_is_one_error_line(cli):
    cli("claim", "add", "The Gadget 3 launches in July", "--source", "Wire", "--published", "2022-03-01")
    cli("announce", "add", "Gadget 3 launched today", "--issuer", "Gadget Co", "--published", "2022-07-05")
    assert cli("review", "1", "1", "--partly", "--detail", "date: launched later", "--note", "launched").exit_code == 0
    result = cli("sources", "export", "--format", "claimreview", "--newsroom", "Ledger", "--newsroom-url",
                 "https://ledger.example", "--review-url", "{0}")
    message = one_error_line(result, EXIT_INPUT)
    assert "{0}" in message and "{newsroom_url}/claims/{id}" in message


def test_an_export_into_a_missing_folder_is_one_line_and_writes_nothing(cli, tmp_path):
    target = tmp_path / "missing" / "claims.csv"
    assert "does not exist" in one_error_line(cli("export", "claims", "--format", "csv", "-o", str(target)),
                                              EXIT_INPUT)
    assert not target.parent.exists()


def test_a_backup_into_a_missing_folder_is_one_line(cli, tmp_path, backend):
    if backend != "sqlite":
        pytest.skip("backups of PostgreSQL are pg_dump's job")
    result = cli("backup", str(tmp_path / "missing" / "backup.db"))
    assert "does not exist" in one_error_line(result, EXIT_INPUT)


def test_an_imported_file_of_hostile_rows_with_skip_invalid_keeps_the_good_rows(cli, tmp_path, engine):
    path = write_jsonl(tmp_path / "claims.jsonl", [
        {"text": "The Gadget 3 launches in July", "source": "Wire", "published": "2022-03-01"},
        {"text": "The Gadget 4 launches in May", "source": "Wire", "published": "1e3"}])
    result = cli("import", "claims", str(path), "--skip-invalid")
    assert result.exit_code == 0 and "Imported 1 new claims" in result.output


def test_the_readme_documents_every_exit_code_and_the_log_file():
    from pathlib import Path

    from verify.cli import app

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    codes = [value for name, value in vars(app).items() if name.startswith("EXIT_")]
    assert sorted(codes) == [0, 1, 2, 3, 4, 5, 141]
    assert all(f"| {code} |" in readme for code in codes)
    assert app.LOG_FILE_VARIABLE in readme
