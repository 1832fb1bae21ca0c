"""Every command is documented in the README (as sqlite-utils does), so the README stays true."""

from pathlib import Path

import click
import pytest

from verify.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: str = "verify"):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from command_paths(command, path)
        else:
            yield path


@pytest.mark.parametrize("path", sorted(command_paths(main)))
def test_every_command_is_in_the_readme(path):
    assert path in README, f"README.md does not mention `{path}`"


def test_the_readme_starts_with_the_two_newcomer_commands():
    first_lines = "\n".join(README.splitlines()[:6])
    assert "bash scripts/start" in first_lines and "bash scripts/test" in first_lines
    assert "bash scripts/test" in (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
