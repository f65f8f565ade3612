"""The typed records that flow through lagebild.

One :class:`Article` is created by a reader (``ingest``), filled in by the
cleaner (``clean``) and later by enrichment stages, stored by ``store`` and
exported.  Stages never pass dicts between each other, only these records.

Offsets:
    * :class:`Edit` offsets (``start``) refer to :attr:`Article.base`, the
      text the cleaner started from (for plain-text inputs the decoded file
      itself, for JSON/HTML/feeds the body text the reader extracted).
    * All enrichment offsets (sentences, mentions, quotes, times) refer to
      the cleaned :attr:`Article.text`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Edit",
    "Entity",
    "Mention",
    "Quote",
    "Sentence",
    "TimeExpr",
]


@dataclass(slots=True, kw_only=True, frozen=True)
class Edit:
    """One change the cleaner made, enough to undo or replay it.

    ``base[start:start + len(before)] == before`` always holds, and replacing
    every edit's ``before`` by its ``after`` (edits never overlap) turns the
    base text into the cleaned text.
    """

    kind: str  # "removed" | "repaired"
    reason: str
    before: str
    after: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.before)


@dataclass(slots=True, kw_only=True)
class Sentence:
    start: int
    end: int
    date: str | None = None  # TIMEX3-style value of the governing time expression
    date_from: str = "none"  # "text" | "published" | "none"


@dataclass(slots=True, kw_only=True)
class Mention:
    text: str
    start: int
    end: int
    actor: bool = False  # a place acting as its government: "Pjöngjang warnte" (enrich.resolve)


@dataclass(slots=True, kw_only=True)
class Entity:
    id: str
    name: str
    type: str  # PER | ORG | LOC | MISC
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    role: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Quote:
    text: str
    start: int
    end: int
    kind: str  # "direct" | "indirect"
    cue: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    # The speaker's entity; for a group speaker ("die drei Länder") its first
    # member in the order the group was named.
    speaker_entity: str | None = None
    # Every speaker entity id: [speaker_entity] for one speaker, all members
    # for a group ("Die USA, Südkorea und Japan"), [] when unresolved.
    speaker_entities: list[str] = field(default_factory=list)
    # How sure the speaker is (0..1, a calibrated share of right speakers for
    # the rule that found it) and that rule ("tail_cue", "pronoun", …; see
    # lagebild.enrich.quotes).  A quote whose speaker fell below the threshold
    # keeps its confidence and evidence but has no speaker ("abstained").
    confidence: float = 0.0
    evidence: str = ""


@dataclass(slots=True, kw_only=True)
class TimeExpr:
    text: str
    value: str
    start: int
    end: int
    type: str = "DATE"  # TIMEX3 type: DATE | TIME | DURATION | SET


@dataclass(slots=True, kw_only=True)
class Article:
    """A news article: where it came from, its raw form, its cleaned form."""

    # Identity and provenance
    id: str = ""
    origins: list[str] = field(default_factory=list)
    format: str = "text"  # text | json | html | feed
    raw: str = ""  # the whole input item as decoded
    raw_bytes: bytes = b""  # the input item's original bytes, untouched
    encoding: str = "utf-8"
    base: str = ""  # the text the cleaner started from (== raw for text inputs)

    # Metadata
    title: str = ""
    title_raw: str = ""
    url: str | None = None
    source: str | None = None
    section: str | None = None
    published: dt.date | None = None
    published_from: str = "none"  # sidecar | record | html | title | body | none
    dateline: str | None = None
    agencies: list[str] = field(default_factory=list)
    language: str | None = None
    flags: list[str] = field(default_factory=list)

    # Cleaning
    text: str = ""
    edits: list[Edit] = field(default_factory=list)

    # Enrichment (issue 3 onwards)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    embedding: bytes | None = None  # float32 vector of title + lead (enrich.embed)
    section_predicted: str | None = None  # topic section from the classifier (enrich.topic)

    # Hints a reader may pass to the cleaner (not stored)
    hints: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n") if p]
