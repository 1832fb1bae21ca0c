"""Reading rows from the files people import (JSON Lines and CSV, with line numbers for every error), and
writing the files people export (CSV cells safe to open in a spreadsheet, nothing half-written left behind).

CSV is read as RFC 4180 says (comma, double quotes, doubled quotes inside them, line breaks inside quoted
fields). Only the delimiter is ever guessed, and only when the header line read as RFC 4180 gives a single
column while holding a semicolon, tab or bar (Excel in many European locales writes semicolons).
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from verify.errors import InvalidInput

FORMATS = ("jsonl", "csv")
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Row:
    line: int
    fields: dict[str, object] | None  # None when the line itself could not be read
    problem: str | None = None


def detect_format(path: Path, declared: str | None = None) -> str:
    if declared:
        return declared
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson", "json"):
        return "jsonl"
    if suffix in ("csv", "tsv", "txt"):
        return "csv"
    raise InvalidInput(f"{path}: cannot tell the format from the extension {path.suffix!r}: "
                       "name it .jsonl or .csv, or pass --format jsonl|csv.")


def read_rows(path: Path | str, declared: str | None = None) -> list[Row]:
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidInput(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB; split it into smaller files.")
    text = _decode(path, path.read_bytes())
    rows = _jsonl_rows(text) if detect_format(path, declared) == "jsonl" else _csv_rows(path, text)
    if not rows:
        raise InvalidInput(f"{path}: the file has no rows.")
    return rows


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise InvalidInput(f"{path}: this is a binary file, not JSON Lines or CSV text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidInput(
            f"{path}: line {line} is not UTF-8 text (byte 0x{data[error.start]:02x}); "
            "save the file as UTF-8 and import it again."
        ) from None


def _jsonl_rows(text: str) -> list[Row]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        problem, value = _json_line(line)
        if problem is None and not isinstance(value, dict):
            problem = f"expected a JSON object {{...}}, found {type(value).__name__}"
        if problem is None:
            problem = _unstorable(value)
        if problem:
            rows.append(Row(number, None, problem))
            continue
        fields = {}
        for key, item in value.items():
            name = str(key).strip().lower()
            if name in fields:
                problem = f"the key {name!r} is given twice (in any case or spacing): keep one"
            fields[name] = item
        rows.append(Row(number, None if problem else fields, problem))
    return rows


def _json_line(line: str) -> tuple[str | None, object]:
    try:
        return None, json.loads(line)
    except json.JSONDecodeError as error:
        return f"not valid JSON ({error.msg} at column {error.colno})", None
    except RecursionError:
        return "the JSON is nested too deeply to be a row of fields", None
    except ValueError as error:  # e.g. an integer of thousands of digits
        return f"not usable JSON ({str(error).splitlines()[0][:120]})", None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unstorable(value: dict) -> str | None:
    """A lone surrogate (\\ud800 in JSON) is no character at all: no database can store it."""
    for key, item in value.items():
        for text in (key, item):
            if isinstance(text, str) and _SURROGATE.search(text):
                return f"the field {str(key)!a} holds a lone surrogate (an invalid \\uD800-\\uDFFF escape)"
    return None


def _csv_rows(path: Path, text: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(path, text), strict=True)
    try:
        names = next(reader, None)
        if not names or not any(name.strip() for name in names):
            raise InvalidInput(f"{path}: the CSV file has no header line (expected text, source, published, ...).")
        header = _header(path, names)
        rows = []
        for record in reader:
            if not record:
                continue
            problem = None
            if len(record) > len(header):
                extra = record[len(header):]
                if any(value.strip() for value in extra):
                    problem = f"{len(extra)} more value(s) than header columns"
            fields = {name: (record[i] if i < len(record) else None) for i, name in enumerate(header) if name}
            rows.append(Row(reader.line_num, None if problem else fields, problem))
    except csv.Error as error:
        raise InvalidInput(f"{path}: line {reader.line_num}: the CSV cannot be read ({error}); "
                           "a quoted field must end with a quote, and a quote inside it is written twice.") from None
    return rows


def _dialect(path: Path, text: str) -> type[csv.Dialect]:
    """RFC 4180, with the delimiter changed only when the header clearly uses another one."""
    if path.suffix.lower() == ".tsv":
        return _with_delimiter("\t")
    first = next(csv.reader(io.StringIO(text, newline="")), [])
    if len(first) == 1:
        for delimiter in (";", "\t", "|"):
            if delimiter in first[0]:
                return _with_delimiter(delimiter)
    return csv.excel


def _with_delimiter(delimiter: str) -> type[csv.Dialect]:
    class Delimited(csv.excel):
        pass

    Delimited.delimiter = delimiter
    return Delimited


def _header(path: Path, names: list[str]) -> list[str]:
    """Column names as the code knows them; a repeated name would silently shift or lose a column."""
    header = [name.strip().lower() for name in names]
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        if name and name in seen:
            raise InvalidInput(f"{path}: line 1: the column {name!r} appears twice (columns {seen[name]} and "
                               f"{number}); rename or remove one of them and import again.")
        seen[name] = number
    return header


def require_columns(path: Path | str, rows: list[Row], required: tuple[str, ...],
                    allowed: tuple[str, ...] | None = None) -> None:
    """A missing column is one error for the file, not one per row. With `allowed` (CSV files, where a typo
    in the header loses that column's values for every row) an unknown column is refused too."""
    seen = set().union(*(row.fields.keys() for row in rows if row.fields))
    missing = [name for name in required if name not in seen]
    if missing and seen:
        raise InvalidInput(f"{path}: no column {', '.join(missing)}; found {', '.join(sorted(seen))}. "
                           f"Required: {', '.join(required)}.")
    if allowed is not None:
        unknown = sorted(seen - set(allowed) - {""})
        if unknown:
            raise InvalidInput(f"{path}: line 1: unknown column(s) {', '.join(map(repr, unknown))}. "
                               f"The columns are {', '.join(allowed)}: rename or remove the others.")


# --- Exports ---------------------------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice);
    numbers stay numbers, so -3 in a numeric column is still -3."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_atomically(target: Path | str, write: Callable[[TextIO], None]) -> None:
    """Write beside `target`, then rename: a full disk or any I/O error leaves no empty or partial file."""
    target = Path(target).expanduser()
    folder = target.parent
    if not folder.is_dir():
        raise InvalidInput(f"Cannot write {target}: the folder {folder} does not exist; create it first.")
    handle, temporary = None, None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=folder)
        with open(handle, "w", encoding="utf-8", newline="") as stream:
            handle = None
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        reason = "the disk is full" if error.errno in (errno.ENOSPC, errno.EDQUOT) else (error.strerror or error)
        raise InvalidInput(f"Cannot write {target}: {reason}; nothing was written.") from None
    finally:
        if handle is not None:
            os.close(handle)
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
