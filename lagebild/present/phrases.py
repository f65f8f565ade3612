"""The fixed words of briefings and plots, in German and English.

Scraped text (sentences, quotes, names, titles) is never translated; only the
headings and the phrases lagebild writes itself follow the language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

__all__ = ["LANGS", "Phrases", "dominant_lang", "outlet_label", "phrases"]

LANGS = ("de", "en")


_PART_OF_YEAR = re.compile(r"(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])")
_SEASONS = {"SP": ("Frühjahr", "spring"), "SU": ("Sommer", "summer"), "FA": ("Herbst", "autumn"),
            "WI": ("Winter", "winter")}  # fmt: skip


class Phrases:
    """The words of one language; ``p.word`` or ``p.count(n, "article")``."""

    def __init__(self, lang: str, words: dict[str, str], plurals: dict[str, tuple[str, str]]) -> None:
        self.lang = lang
        self._words = words
        self._plurals = plurals

    def __getattr__(self, name: str) -> str:
        try:
            return self._words[name]
        except KeyError:
            raise AttributeError(name) from None

    def count(self, n: int, noun: str) -> str:
        """``3 unabhängige Quellen``, ``1 independent source``."""
        one, many = self._plurals[noun]
        return f"{n} {one if n == 1 else many}"

    def date(self, value: str) -> str:
        """A date as the briefing writes it: a season, quarter or half year of the TIMEX value
        in words (``2024-FA`` -> ``Herbst 2024`` / ``autumn 2024``, ``2024-Q3`` -> ``3. Quartal
        2024``); days, months, weeks and years as they are (``2024-07-08``, ``2024-W29``)."""
        m = _PART_OF_YEAR.fullmatch(value)
        if m is None:
            return value
        year, part = m.groups()
        if part in _SEASONS:
            return f"{_SEASONS[part][self.lang == 'en']} {year}"
        n = part[1]
        if part[0] == "Q":
            return f"{n}. Quartal {year}" if self.lang == "de" else f"Q{n} {year}"
        return f"{n}. Halbjahr {year}" if self.lang == "de" else f"H{n} {year}"

    def names(self, names: list[str]) -> str:
        """``A, B und C`` / ``A, B and C``."""
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + f" {self._words['and']} " + names[-1]


_DE = Phrases(
    "de",
    {
        "happened": "Was geschah", "when": "Wann", "who": "Wer beteiligt war",
        "said": "Was die Beteiligten sagten", "claims": "Offene Behauptungen und Dementis",
        "background": "Hintergrund und Angekündigtes", "sources": "Quellen",
        "nothing": "(nichts gefunden)", "undated": "undatiert", "until": "bis",
        "event": "Ereignis", "storyline": "Handlungsstrang", "briefing": "Lagebild",
        "paraphrase": "(sinngemäß)", "announced": "angekündigt", "inferred": "erschlossen",
        "not_counted": "nicht gezählt", "plus": "dazu", "named_in": "genannt in",
        "unknown_source": "Quelle unbekannt", "and": "und", "page": "Seite",
        # plots
        "no_dated": "keine datierten Einträge",
        "axis_limited": "Achse auf {lo} bis {hi} begrenzt; außerhalb (Pfeil am Rand): {out}",
        "hidden": "{n} weitere Einträge (weniger zitiert) nicht gezeigt",
        "undated_hidden": "{n} undatierte Einträge nicht gezeigt",
        "timeline_key": "rot: Datum aus einem anderen Artikel erschlossen · [n] Quellen",
        "no_ties": "keine starken Verbindungen zwischen Akteuren",
        "network_key": "grau: zusammen genannt in ≥ {n} Artikeln · rot gestrichelt: zitiert oder nennt"
        " · höchstens {max} Akteure",
    },  # fmt: skip
    {
        "article": ("Artikel", "Artikel"), "articles_dat": ("Artikel", "Artikeln"),
        "duplicate": ("Duplikat", "Duplikate"), "independent": ("unabhängige Quelle", "unabhängige Quellen"),
    },  # fmt: skip
)
_EN = Phrases(
    "en",
    {
        "happened": "What happened", "when": "When", "who": "Who was involved",
        "said": "What they said", "claims": "Open claims and denials",
        "background": "Background and announcements", "sources": "Sources",
        "nothing": "(nothing found)", "undated": "undated", "until": "to",
        "event": "Event", "storyline": "Storyline", "briefing": "Briefing",
        "paraphrase": "(paraphrased)", "announced": "announced", "inferred": "inferred",
        "not_counted": "not counted", "plus": "plus", "named_in": "named in",
        "unknown_source": "unknown source", "and": "and", "page": "Page",
        "no_dated": "no dated entries",
        "axis_limited": "axis limited to {lo} to {hi}; outside (arrow at the edge): {out}",
        "hidden": "{n} more entries (less cited) not shown",
        "undated_hidden": "{n} undated entries not shown",
        "timeline_key": "red: date inferred from another article · [n] sources",
        "no_ties": "no strong ties between actors",
        "network_key": "grey: named together in ≥ {n} articles · red dashed: quotes or names"
        " · at most {max} actors",
    },  # fmt: skip
    {
        "article": ("article", "articles"), "articles_dat": ("article", "articles"),
        "duplicate": ("duplicate", "duplicates"), "independent": ("independent source", "independent sources"),
    },  # fmt: skip
)
_ALL = {"de": _DE, "en": _EN}


def phrases(lang: str) -> Phrases:
    """The words of ``lang`` (``de`` or ``en``).

    Raises:
        ValueError: another language.
    """
    try:
        return _ALL[lang]
    except KeyError:
        raise ValueError(f"No briefing language {lang!r}: expected one of {', '.join(LANGS)}.") from None


def dominant_lang(languages: Iterable[str | None]) -> str:
    """``en`` when most of the given article languages are English, else ``de`` (German first)."""
    counts = Counter(x for x in languages if x)
    if not counts:
        return "de"
    top, n = counts.most_common(1)[0]
    return "en" if top == "en" and n > counts.get("de", 0) else "de"


def outlet_label(source: str | None, url: str | None, p: Phrases) -> str:
    """What a citation names: the stored source, else the URL's host, else "unknown source"."""
    if source and source.strip():
        return source.strip()
    host = urlsplit(url or "").hostname or ""
    if host.startswith("www."):
        host = host[4:]
    return host or p.unknown_source
