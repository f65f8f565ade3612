"""Migrations of search and the web layer: names 02xx_*."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = []
