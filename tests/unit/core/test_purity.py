"""The core stays pure: only the standard library, dateparser, rapidfuzz, wordsegment (word tables in its
package, no other I/O), numpy (arrays for the batch re-match), numba (its loop compiled in memory),
pyahocorasick (an automaton in memory) and verify's own core and errors."""

import ast
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[3] / "verify" / "core"
ALLOWED_THIRD_PARTY = {"dateparser", "rapidfuzz", "wordsegment", "anyascii", "numpy",  # numpy: arrays, no I/O
                       "numba",  # compiles a loop in memory (`cache=False`: no files written)
                       "ahocorasick"}  # pyahocorasick: many words found in one pass over a string
ALLOWED_OWN = ("verify.core", "verify.errors")


def imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda path: path.name)
def test_core_module_imports_nothing_with_io_or_frameworks(path):
    for module in imported_modules(path):
        top = module.split(".")[0]
        allowed = (top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY
                   or module.startswith(ALLOWED_OWN) or top == "__future__")
        assert allowed, f"{path.name} imports {module}"
