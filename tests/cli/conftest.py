"""The CLI as a user runs it, against the test database of each backend."""

import pytest
from click.testing import CliRunner

from verify.cli import main


@pytest.fixture
def run(database_url):
    """`run("claims", "--json")`: invoke verify as user "ana"; asserts success unless `ok=False`."""
    runner = CliRunner()

    def invoke(*args, ok=True):
        result = runner.invoke(main, ["--db", database_url, "--user", "ana", *args], catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return invoke
