"""One interface language: every note the cleaner writes into the edit log reads in German on
the German pages (the article page's edit log), not as the cleaner's English."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from lagebild.web._i18n import edit_note

from .conftest import ROOT

_NOTE = re.compile(r"[a-z][a-z /():-]+")


def _cleaner_notes() -> set[str]:
    """The kinds and reasons the cleaner writes: string literals given to ``Change``,
    ``_minimal``, ``_drop`` and ``dict.fromkeys`` or stored into a mapping in lagebild/clean/."""
    found: set[str] = set()
    for path in (ROOT / "lagebild" / "clean").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in {"Change", "_minimal", "_drop", "fromkeys"}:
                    values = list(node.args)
            elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):
                values = [node.value]
            found |= {v.value for v in values
                      if isinstance(v, ast.Constant) and isinstance(v.value, str) and _NOTE.fullmatch(v.value)}  # fmt: skip
    return found


def test_web_language_every_cleaner_note_reads_in_german() -> None:
    notes = _cleaner_notes()
    assert {"advertisement label", "share prompt", "link to another article", "removed"} <= notes
    untranslated = sorted(n for n in notes if edit_note(n, "de") == n)
    assert untranslated == []


def test_web_language_merged_notes_translate_each_part() -> None:
    assert edit_note("advertisement label; blank line", "de") == "Werbehinweis; Leerzeile"
    assert edit_note("advertisement label", "en") == "advertisement label"
