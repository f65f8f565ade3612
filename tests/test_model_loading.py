"""Model loading before the first article: spaCy imported without its command line."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_import_spacy_without_its_command_line() -> None:
    code = textwrap.dedent(
        """
        import sys
        from lagebild.enrich.ner import import_spacy
        spacy = import_spacy()
        loaded = [m for m in sys.modules if m.split(".")[0] in ("weasel", "typer", "requests", "httpx")]
        assert "spacy.cli" not in sys.modules and not loaded, loaded
        assert [t.text for t in spacy.blank("de")("Merkel sagte: „Gut.“")] == ["Merkel", "sagte", ":", "„", "Gut", ".", "“"]
        assert "spacy_version" in spacy.info(silent=True)  # the stand-in calls the real one
        import spacy.cli  # the real command line, as usual, afterwards
        assert callable(spacy.cli.download) and "spacy.cli.info" in sys.modules
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")
