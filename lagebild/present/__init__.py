"""Ways out of the store: the export contract and readable views.

Modules: ``export`` (one JSON object per article: JSONL, CSV, Parquet), ``brief`` (extractive,
cited briefings of an event or storyline; ``export_briefing`` writes one as Markdown, HTML or
PDF), ``brief_formats`` (those writers), ``phrases`` (the German and English words of briefings
and plots), ``plot`` (timeline and actor-network charts), ``sources`` (independent outlets).
Everything here reads through ``lagebild.store``; nothing writes SQL.
"""
