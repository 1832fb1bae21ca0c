"""A reader that stops reading (`verify claims | head`) ends the command quietly, as with other tools."""

import os
import subprocess
import sys

from click.testing import CliRunner

from verify.cli import main
from verify.cli.app import EXIT_OUTPUT_CLOSED


def test_a_listing_whose_reader_went_away_stops_quietly_with_the_shells_code(database_url, tmp_path):
    logged = CliRunner().invoke(main, ["--db", database_url, "--user", "ana", "claim", "add",
                                       "Globex will open a battery plant in Ohio", "--source", "Gazette",
                                       "--published", "2024-03-01"])
    assert logged.exit_code == 0, logged.output
    log = tmp_path / "verify.log"
    process = subprocess.Popen([sys.executable, "-m", "verify", "--db", database_url, "claims"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "VERIFY_LOG_FILE": str(log)})
    process.stdout.close()  # the reader is gone before the first line is written
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == EXIT_OUTPUT_CLOSED
    assert error == ""  # no "unexpected error" and no traceback
    assert not log.exists()  # not a bug: nothing for the log
