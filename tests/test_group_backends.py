"""Grouping (duplicates, events, storylines, redirects) on both backends: SQLite and
PostgreSQL (a throwaway server, tests/pgserver.py), through the ``store_url`` fixture.
"""

from __future__ import annotations

import sqlalchemy as sa

from lagebild.store import Store
from lagebild.store.tables_group import GROUP_TABLES


def test_group_backends_tables_match_the_sqlite_schema(store_url: str):
    """The PostgreSQL tables (tables_group.py) have the columns the SQLite scripts made."""
    with Store(store_url) as store:
        insp = sa.inspect(store.db)
        for table in GROUP_TABLES:
            cols = {c["name"]: c for c in insp.get_columns(table.name)}
            assert set(cols) == {c.name for c in table.columns}, table.name
            pk = set(insp.get_pk_constraint(table.name)["constrained_columns"])
            assert pk == {c.name for c in table.primary_key.columns}, table.name
            for c in table.columns:
                if not c.primary_key:
                    assert cols[c.name]["nullable"] == c.nullable, (table.name, c.name)
            indexes = {i["name"] for i in insp.get_indexes(table.name)}
            assert {i.name for i in table.indexes} <= indexes, table.name
