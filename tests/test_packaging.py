"""verify installs whole: what it needs at run time ships inside the package and is found through
importlib.resources, the locks cover pyproject's dependencies, and (marked install) the wheel works outside
the checkout."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import entry_points
from importlib.resources import files
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from verify.cli.served import dashboard_app
from verify.db.migrate import alembic_config, migrations_folder

CHECKOUT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))
LISTED = set(PYPROJECT["tool"]["setuptools"]["packages"])


def test_the_migrations_are_found_through_importlib_resources():
    folder = files("verify.migrations")
    assert migrations_folder() == folder
    assert (folder / "env.py").is_file() and (folder / "script.py.mako").is_file()
    revisions = list(ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions())
    assert len(revisions) == len(list((folder / "versions").glob("[0-9]*.py"))) > 0


def test_the_dashboard_and_every_page_it_names_are_found_through_importlib_resources():
    app = files("verify.dashboard") / "app.py"
    assert dashboard_app() == app
    pages = re.findall(r'st\.Page\(\s*"([^"]+)"', app.read_text(encoding="utf-8"))
    assert pages, "app.py names no page"
    for page in pages:
        assert (app.parent / page).is_file(), f"app.py names {page}, which is not beside it"


def test_the_dashboard_imports_itself_as_verify_dashboard_never_as_a_top_level_package():
    # Installed, only verify.dashboard exists: `from dashboard import data` works in the checkout alone.
    for module in sorted(Path(str(files("verify.dashboard"))).rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            for name in names:
                assert name.split(".")[0] != "dashboard", f"{module.name} imports {name}: use verify.{name}"


def test_every_folder_of_the_package_and_of_the_mapped_folders_is_listed_for_the_wheel():
    # pyproject lists the packages by hand (the mapped dashboard and migrations rule out `find`): a new
    # subpackage left out would be missing from the wheel, while every test in the checkout still passes.
    roots = {"verify": CHECKOUT / "verify"} | {
        package: CHECKOUT / folder for package, folder in PYPROJECT["tool"]["setuptools"]["package-dir"].items()}
    expected = set(roots)
    for package, root in roots.items():
        expected |= {".".join((package, *folder.relative_to(root).parts)) for folder in root.rglob("*")
                     if folder.is_dir() and folder.name != "__pycache__"
                     and any(child.is_file() for child in folder.iterdir())}
    missing = expected - LISTED
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"


def test_the_distribution_has_its_own_name_while_the_command_and_the_package_stay_verify():
    assert PYPROJECT["project"]["name"] == "verify-newsroom"  # "verify" on PyPI is another project
    assert PYPROJECT["project"]["license"] == "MIT" and (CHECKOUT / "LICENSE").is_file()
    (command,) = entry_points(group="console_scripts", name="verify")
    assert command.value == "verify.cli:main" and command.dist.name == "verify-newsroom"


def test_python_dash_m_verify_runs_the_command_from_any_folder(tmp_path):
    done = subprocess.run([sys.executable, "-m", "verify", "--version"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("verify, version ")


def _pins(lock: str) -> dict[str, str]:
    """name -> version of every requirement in a lock, after checking each one is pinned with hashes."""
    text = (CHECKOUT / lock).read_text(encoding="utf-8")
    pins = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2]):
        requirement = entry.split(" ", 1)[0]
        assert "==" in requirement and "--hash=sha256:" in entry, f"{lock}: {requirement} is not hash-pinned"
        name, version = requirement.split("==")
        pins[_normal(name)] = version
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\[<>=!~; ]", name, maxsplit=1)[0]).lower()


def test_the_locks_hash_pin_every_dependency_and_agree_with_each_other():
    run, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    wanted = {_normal(requirement) for requirement in PYPROJECT["project"]["dependencies"]}
    wanted_dev = {_normal(requirement) for requirement in PYPROJECT["project"]["optional-dependencies"]["dev"]}
    assert not wanted - run.keys(), f"regenerate the locks (bash scripts/lock): {sorted(wanted - run.keys())}"
    assert not wanted_dev - dev.keys(), f"regenerate the locks (bash scripts/lock): {sorted(wanted_dev - dev.keys())}"
    assert {name: dev.get(name) for name in run} == run, "the two locks pin different versions"


def test_the_alembic_command_in_the_checkout_reads_pyproject_and_migrates_what_verify_init_would(tmp_path):
    config = Config(toml_file=str(CHECKOUT / "pyproject.toml"))
    assert Path(ScriptDirectory.from_config(config).dir).resolve() == Path(str(migrations_folder())).resolve()
    env = dict(os.environ, VERIFY_DATABASE_URL=f"sqlite:///{tmp_path / 'newsroom.db'}")
    for command in (["upgrade", "head"], ["current"]):
        done = subprocess.run([sys.executable, "-m", "alembic", *command], cwd=CHECKOUT, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert f"{head} (head)" in done.stdout


@pytest.mark.install
def test_the_wheel_installs_and_runs_outside_the_checkout():
    """scripts/check-install: the wheel in a fresh venv under a temporary folder, then, from another folder,
    verify init, verify demo --decided, python -m verify, the dashboard rendered and its health endpoint."""
    done = subprocess.run(["bash", str(CHECKOUT / "scripts" / "check-install")], capture_output=True, text=True,
                          timeout=1500)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Database ready at schema" in done.stdout and "Demo loaded:" in done.stdout
    assert "verify dashboard answered ok" in done.stdout
