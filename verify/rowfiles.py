"""Reading rows from the files people import: JSON Lines and CSV, with line numbers for every error."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

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
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            rows.append(Row(number, None, f"not valid JSON ({error.msg} at column {error.colno})"))
            continue
        if not isinstance(value, dict):
            rows.append(Row(number, None, f"expected a JSON object {{...}}, found {type(value).__name__}"))
            continue
        rows.append(Row(number, {str(key).strip().lower(): item for key, item in value.items()}))
    return rows


def _csv_rows(path: Path, text: str) -> list[Row]:
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else "", delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if not reader.fieldnames:
        raise InvalidInput(f"{path}: the CSV file has no header line (expected text, source, published, ...).")
    header = [(name or "").strip().lower() for name in reader.fieldnames]
    rows = []
    try:
        for record in reader:
            extra = record.pop(None, None)
            fields = {header[i]: value for i, value in enumerate(record.values())}
            problem = f"{len(extra)} more value(s) than header columns" if extra else None
            rows.append(Row(reader.line_num, None if problem else fields, problem))
    except csv.Error as error:
        raise InvalidInput(f"{path}: line {reader.line_num}: the CSV cannot be read ({error}).") from None
    return rows


def require_columns(path: Path | str, rows: list[Row], required: tuple[str, ...]) -> None:
    """A missing column is one error for the file, not one per row."""
    seen = set().union(*(row.fields.keys() for row in rows if row.fields))
    missing = [name for name in required if name not in seen]
    if missing and seen:
        raise InvalidInput(f"{path}: no column {', '.join(missing)}; found {', '.join(sorted(seen))}. "
                           f"Required: {', '.join(required)}.")
