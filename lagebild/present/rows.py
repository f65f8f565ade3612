"""Flat result rows (search hits) as JSON Lines, CSV or Parquet, for pandas, DuckDB or a
spreadsheet: the writers of ``lagebild search --format`` and the cell rule of the web's CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO, TextIO

from ..errors import LagebildError

__all__ = ["csv_cell", "write_rows", "write_rows_parquet"]

# A spreadsheet runs a cell that starts like a formula (`=HYPERLINK(...)`, `+`, `-`, `@`, or a
# tab or carriage return before one): such a text cell gets a leading `'` in CSV (OWASP's advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell: lists and objects as JSON text, text that a spreadsheet would run as a formula
    guarded by a leading apostrophe."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_rows(rows: Iterable[dict[str, Any]], fields: Sequence[str], format: str, out: TextIO) -> int:
    """``rows`` as JSON Lines (``format`` "jsonl") or CSV with a header ("csv"); the count."""
    n = 0
    if format == "jsonl":
        for r in rows:
            out.write(json.dumps({k: r.get(k) for k in fields}, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: csv_cell(r.get(k)) for k in fields})
        n += 1
    return n


def write_rows_parquet(rows: list[dict[str, Any]], fields: Sequence[str], out: str | BinaryIO) -> int:
    """``rows`` as one Parquet table (column types from the values; lists stay lists).

    Raises:
        LagebildError: pyarrow is not installed (``pip install 'lagebild[parquet]'``).
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise LagebildError("Parquet export needs pyarrow: pip install 'lagebild[parquet]' (or pyarrow).") from None
    table = pa.Table.from_pylist([{k: r.get(k) for k in fields} for r in rows]) if rows else pa.table(
        {k: pa.array([], pa.string()) for k in fields})  # fmt: skip
    pq.write_table(table, out, compression="zstd")
    return len(rows)
