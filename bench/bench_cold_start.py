"""Benchmark: what a user waits for when a command starts, in fresh processes (run on demand).

    .venv/bin/python bench/bench_cold_start.py
    .venv/bin/python bench/bench_cold_start.py --baseline /tmp/verify-before --postgres postgresql://postgres@127.0.0.1:5432/test

Each figure is the median wall time of `--runs` fresh processes (`python -m verify ...`, the OS file cache
warm): `verify --help`, `verify --version`, one `verify claims` listing of the demo data, and one new
announcement (`verify announce add`, matched against the demo's open claims: imports, the meaning model,
the alias book and the term weights all paid once). Beside them, measured in the same run and interleaved
with them: the floor (`python -c pass`), and with `--baseline DIR` the same commands run by another copy of
the code (e.g. `git worktree add /tmp/verify-before <commit>`), each version on a database it set up itself.
Targets (issue #18): `--help` under 0.3 s; one new announcement cold under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from verify.db.engine import normalize_url  # noqa: E402


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Version:
    """One copy of the code: where it is imported from, and its own database."""

    def __init__(self, name: str, code: Path, database_url: str, folder: Path):
        self.name, self.code, self.database_url, self.folder = name, code, database_url, folder
        # bytecode written once and read after, as an installed package has it (pip compiles it), in a folder
        # of the benchmark's own: where PYTHONDONTWRITEBYTECODE is set, every run compiled the code again
        # (44 modules, about 30 ms, for a listing)
        self.env = dict(os.environ, PYTHONPATH=str(code), VERIFY_LOG_FILE=str(folder / "verify.log"),
                        PYTHONPYCACHEPREFIX=str(folder / "bytecode"))
        self.env.pop("VERIFY_DATABASE_URL", None)
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.announced = 0

    def verify(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "verify", "--db", self.database_url, "--user", "bench", *args]

    def run(self, command: list[str]) -> tuple[float, float]:
        """Wall and CPU time of one fresh process (run from an empty folder, so the current folder never
        shadows the code under test). CPU time is the steadier figure on a shared machine."""
        used, started = cpu_of_children(), time.perf_counter()
        done = subprocess.run(command, cwd=self.folder, env=self.env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - started, cpu_of_children() - used
        if done.returncode != 0:
            raise SystemExit(f"{self.name}: {' '.join(command[2:])} failed: {done.stderr.strip()}")
        return elapsed

    def prepare(self) -> None:
        self.run(self.verify("init"))
        self.run(self.verify("demo"))
        for command in self.commands().values():  # (each module's bytecode written before the timed runs)
            self.run(command)

    def commands(self) -> dict[str, list[str]]:
        self.announced += 1
        return {
            "verify --help": [sys.executable, "-m", "verify", "--help"],
            "verify --version": [sys.executable, "-m", "verify", "--version"],
            "verify claims": self.verify("claims"),
            "one new announcement": self.verify(
                "announce", "add", f"Xiaomi and Leica announce a strategic partnership, part {self.announced}",
                "--issuer", "Xiaomi", "--published", "2022-05-24"),
        }


def measure(versions: list[Version], runs: int) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """(wall, CPU) times per version and command, the versions interleaved run by run so drift in the
    machine's load falls on all of them alike."""
    times: dict[str, dict[str, list[tuple[float, float]]]] = {v.name: {} for v in versions}
    floor: list[tuple[float, float]] = []
    for _ in range(runs):
        floor.append(versions[0].run([sys.executable, "-c", "pass"]))
        for version in versions:
            for label, command in version.commands().items():
                times[version.name].setdefault(label, []).append(version.run(command))
    times["floor"] = {"python -c pass": floor}
    return times


def median_ms(pairs: list[tuple[float, float]], which: int) -> float:
    return 1000 * statistics.median(pair[which] for pair in pairs)


def report(title: str, times: dict[str, dict[str, list[tuple[float, float]]]], versions: list[Version]) -> None:
    floor = times["floor"]["python -c pass"]
    print(f"{title} (medians of {len(floor)} fresh processes, wall / CPU):")
    print(f"  {'floor, python -c pass':22} {median_ms(floor, 0):7.0f} / {median_ms(floor, 1):4.0f} ms")
    first = versions[0].name
    for label in times[first]:
        cells = [f"{v.name} {median_ms(times[v.name][label], 0):7.0f} / {median_ms(times[v.name][label], 1):4.0f} ms"
                 for v in versions]
        if len(versions) > 1:
            for which, kind in ((0, "wall"), (1, "CPU")):
                ratio = median_ms(times[versions[1].name][label], which) / median_ms(times[first][label], which)
                cells.append(f"{kind} {ratio:.1f}x faster" if ratio >= 1 else f"{kind} {1 / ratio:.1f}x slower")
        print(f"  {label:22} " + "   ".join(cells))


def run_on(title: str, urls: list[str], codes: list[tuple[str, Path]], folder: Path, runs: int) -> None:
    versions = [Version(name, code, url, folder / name) for (name, code), url in zip(codes, urls, strict=True)]
    for version in versions:
        version.folder.mkdir(parents=True, exist_ok=True)
        version.prepare()
    report(title, measure(versions, runs), versions)


def postgres_database(server: str) -> str:
    name = f"verify_cold_{uuid.uuid4().hex[:10]}"
    with create_engine(normalize_url(server), isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(server: str, database_url: str) -> None:
    with create_engine(normalize_url(server), isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {make_url(database_url).database} WITH (FORCE)"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="fresh processes per command (default 10)")
    parser.add_argument("--baseline", type=Path, metavar="DIR", help="another copy of the code to compare")
    parser.add_argument("--postgres", metavar="URL", help="also run on PostgreSQL (a server, not a database)")
    args = parser.parse_args(argv)
    codes = [("this", HERE)] + ([("baseline", args.baseline.resolve())] if args.baseline else [])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        run_on("SQLite", [f"sqlite:///{root / f'{name}.db'}" for name, _ in codes], codes, root / "sqlite",
               args.runs)
        if args.postgres:
            urls = [postgres_database(args.postgres) for _ in codes]
            try:
                run_on("PostgreSQL", urls, codes, root / "postgresql", args.runs)
            finally:
                for url in urls:
                    drop_postgres_database(args.postgres, url)


if __name__ == "__main__":
    main()
