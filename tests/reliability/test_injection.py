"""Claim text, source names and imported files are untrusted: SQL-looking values are stored verbatim and
never run, filters with them match nothing, and no module builds SQL by string formatting."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.reliability.helpers import TABLES, counts, write_jsonl
from verify.cli import main

VERIFY_PACKAGE = Path(__file__).resolve().parents[2] / "verify"
HOSTILE = ["'); DROP TABLE claims; --", "' OR 1=1 --", "Robert'); DELETE FROM events WHERE ('1'='1",
           "\" OR \"\"=\" ; SELECT * FROM sources", "1; TRUNCATE events"]


@pytest.fixture
def run(database_url):
    runner = CliRunner()

    def invoke(*args):
        result = runner.invoke(main, ["--db", database_url, "--user", "ana", *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


def test_sql_in_claims_sources_and_files_is_stored_verbatim_and_never_run(run, engine, tmp_path):
    run("claim", "add", "An honest rumor about a July launch", "--source", "Honest outlet", "--published",
        "2022-03-28")
    for number, value in enumerate(HOSTILE):
        run("claim", "add", f"{value} launches in July", "--source", value, "--published", "2022-03-28",
            "--external-id", f"{value}#{number}")
        run("announce", "add", f"{value} announced", "--issuer", value, "--published", "2022-05-24")
    path = write_jsonl(tmp_path / "hostile.jsonl", [
        {"text": f"Imported {value}", "source": value, "published": "2022-04-01", "origin": value}
        for value in HOSTILE])
    run("import", "claims", str(path))
    assert counts(engine, TABLES)["claims"] == 1 + 2 * len(HOSTILE)

    stored = json.loads(run("claims", "--json", "--as-of", "2022-06-01"))
    assert {row["source"] for row in stored} == {"Honest outlet", *HOSTILE}
    assert {row["text"] for row in stored} >= {f"{value} launches in July" for value in HOSTILE}
    for value in HOSTILE:
        only = json.loads(run("claims", "--source", value, "--json", "--as-of", "2022-06-01"))
        assert {row["source"] for row in only} == {value} and len(only) == 2
    assert json.loads(run("claims", "--source", "' OR 1=1 --x", "--json")) == []
    assert all(count >= 0 for count in counts(engine, TABLES).values())  # every table still there
    assert counts(engine, TABLES)["announcements"] == len(HOSTILE)


# The static check: SQL is built with bound parameters. These calls use fixed identifiers only.
ALLOWED = {
    ("db/triggers.py", "op.execute"),  # table names from migrations, never from users
    ("db/engine.py", "cursor.execute"),  # PRAGMA busy_timeout from a constant
}
SQL_CALLS = {"execute", "exec_driver_sql", "text", "executescript", "executemany"}


def _formatted(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return any(isinstance(side, ast.Constant) and isinstance(side.value, str) or _formatted(side)
                   for side in (node.left, node.right))
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
            and isinstance(node.func.value, ast.Constant))


def _sql_built_by_formatting(path: Path, root: Path = VERIFY_PACKAGE) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    formatted_names = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign) and
                       _formatted(node.value) for target in node.targets if isinstance(target, ast.Name)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in SQL_CALLS:
            continue
        argument = node.args[0]
        if _formatted(argument) or (isinstance(argument, ast.Name) and argument.id in formatted_names):
            found.append((ast.unparse(node.func), node.lineno))
    relative = path.relative_to(root).as_posix()
    return [f"{relative}:{line} {call}(...)" for call, line in found if (relative, call) not in ALLOWED]


def test_no_module_builds_sql_by_string_formatting():
    offenders = [hit for path in sorted(VERIFY_PACKAGE.rglob("*.py")) for hit in _sql_built_by_formatting(path)]
    assert offenders == [], "build SQL with bound parameters (select(), text(':name')), not formatting"


def test_the_static_check_catches_what_it_is_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('def f(session, name):\n    q = f"SELECT * FROM claims WHERE source = \'{name}\'"\n'
                      '    session.execute(text(q))\n    session.execute("DELETE FROM x WHERE y = %s" % name)\n')
    assert len(_sql_built_by_formatting(sample, tmp_path)) == 2
