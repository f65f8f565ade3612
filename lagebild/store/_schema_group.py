"""Migrations of the grouping layer (duplicates, events, storylines): names 01xx_*."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = []
