"""JSON lists in a column: ``jsonb`` on PostgreSQL, JSON text on SQLite.

SQLite keeps the text it always stored (``json.dumps``, by default with
``ensure_ascii=False``) so that its SQL (``json_each``) and older rows stay as
they were; PostgreSQL gets ``jsonb``, which the driver fills from the Python list.
Either way the store reads a Python list (or ``None``) back.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = ["JSONList"]


class JSONList(TypeDecorator[Any]):
    """A JSON list: ``jsonb`` on PostgreSQL, ``TEXT`` on SQLite.

    Args:
        ascii: escape non-ASCII characters in the SQLite text (as ``json.dumps`` does by
            default; the columns written that way before keep being written that way).
    """

    impl = Text
    cache_ok = True

    def __init__(self, *, ascii: bool = False) -> None:
        super().__init__()
        self.ascii = ascii

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(JSONB(none_as_null=True))
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        return json.dumps(value, ensure_ascii=self.ascii)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        return json.loads(value)
