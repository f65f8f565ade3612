"""The export contract: one JSON object per article.

Fields (later capabilities add fields; none is renamed or removed):
``id``, ``origins``, ``format``, ``source``, ``section``, ``title``,
``title_raw``, ``url``, ``published`` (ISO date or null), ``published_from``,
``dateline``, ``agencies``, ``language``, ``flags``, ``text`` (cleaned,
paragraphs separated by newlines), ``raw`` (the original item as decoded),
``extracted`` (only for JSON/HTML/feed inputs: the body text the cleaner
started from; edits refer to it, and to ``raw`` when it is absent),
``edits`` [{``kind``, ``reason``, ``before``, ``after``, ``start``}],
``event``, ``storyline`` (ids of the article's event and storyline, null when
not grouped), ``duplicate_of`` (the canonical article's id, null for a
canonical article).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import BinaryIO, TextIO

from ..model import Article

__all__ = ["CSV_FIELDS", "parquet_schema", "to_record", "write_csv", "write_jsonl", "write_parquet"]

CSV_FIELDS = [
    "id", "origins", "format", "source", "section", "title", "title_raw", "url", "published",
    "published_from", "dateline", "agencies", "language", "flags", "text", "raw", "extracted",
    "edits", "sentences", "entities", "quotes", "times", "event", "storyline", "duplicate_of",
    "section_predicted",
]  # fmt: skip

# article id -> {"event", "storyline", "duplicate_of"}: ``lagebild.group.group_fields(store)``
GroupLookup = Callable[[str], dict[str, str | None]]


def to_record(article: Article, groups: GroupLookup | None = None) -> dict[str, object]:
    """The export object of one article.

    Args:
        article: the article.
        groups: where the grouping fields come from (``lagebild.group.group_fields(store)``);
            without it ``event``, ``storyline`` and ``duplicate_of`` are null.
    """
    rec: dict[str, object] = {
        "id": article.id,
        "origins": list(article.origins),
        "format": article.format,
        "source": article.source,
        "section": article.section,
        "title": article.title,
        "title_raw": article.title_raw,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from,
        "dateline": article.dateline,
        "agencies": list(article.agencies),
        "language": article.language,
        "flags": list(article.flags),
        "text": article.text,
        "raw": article.raw,
    }
    if article.base != article.raw:
        rec["extracted"] = article.base
    rec["section_predicted"] = article.section_predicted
    rec["sentences"] = [
        {"start": x.start, "end": x.end, "date": x.date, "date_from": x.date_from} for x in article.sentences
    ]
    rec["entities"] = [
        {
            "id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
            "wikidata": e.wikidata, "role": e.role,
            "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in e.mentions],
        }  # fmt: skip
        for e in article.entities
    ]
    rec["quotes"] = [
        {
            "speaker": {"text": q.speaker_text, "entity": q.speaker_entity,
                        "entities": list(q.speaker_entities), "start": q.speaker_start,
                        "end": q.speaker_end},
            "text": q.text, "kind": q.kind, "cue": q.cue, "start": q.start, "end": q.end,
        }  # fmt: skip
        for q in article.quotes
    ]
    rec["times"] = [
        {"text": t.text, "value": t.value, "type": t.type, "start": t.start, "end": t.end} for t in article.times
    ]
    rec["edits"] = [
        {"kind": e.kind, "reason": e.reason, "before": e.before, "after": e.after, "start": e.start}
        for e in article.edits
    ]
    grouped = groups(article.id) if groups is not None else {}
    for key in ("event", "storyline", "duplicate_of"):
        rec[key] = grouped.get(key)
    return rec


def write_jsonl(articles: Iterable[Article], out: TextIO, groups: GroupLookup | None = None) -> int:
    n = 0
    for article in articles:
        out.write(json.dumps(to_record(article, groups), ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def write_csv(articles: Iterable[Article], out: TextIO, groups: GroupLookup | None = None) -> int:
    """CSV with the same fields; lists and the edit log as JSON strings."""
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for article in articles:
        rec = to_record(article, groups)
        row = {
            k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
            for k, v in rec.items()
        }
        writer.writerow(row)
        n += 1
    return n


def parquet_schema():  # noqa: ANN201 (pyarrow is optional: no annotation that imports it)
    """The Parquet schema of the export contract: typed columns, nested lists as structs."""
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    strings = pa.list_(s)

    def struct(**fields: object) -> pa.DataType:
        return pa.struct(list(fields.items()))

    return pa.schema([
        ("id", s), ("origins", strings), ("format", s), ("source", s), ("section", s),
        ("title", s), ("title_raw", s), ("url", s), ("published", pa.date32()),
        ("published_from", s), ("dateline", s), ("agencies", strings), ("language", s),
        ("flags", strings), ("text", s), ("raw", s), ("extracted", s),
        ("edits", pa.list_(struct(kind=s, reason=s, before=s, after=s, start=i))),
        ("sentences", pa.list_(struct(start=i, end=i, date=s, date_from=s))),
        ("entities", pa.list_(struct(
            id=s, name=s, type=s, aliases=strings, wikidata=s, role=s,
            mentions=pa.list_(struct(text=s, start=i, end=i)),
        ))),
        ("quotes", pa.list_(struct(
            speaker=struct(text=s, entity=s, entities=strings, start=i, end=i),
            text=s, kind=s, cue=s, start=i, end=i,
        ))),
        ("times", pa.list_(struct(text=s, value=s, type=s, start=i, end=i))),
        ("event", s), ("storyline", s), ("duplicate_of", s), ("section_predicted", s),
    ])  # fmt: skip


def write_parquet(
    articles: Iterable[Article],
    out: str | BinaryIO,
    groups: GroupLookup | None = None,
    *,
    batch_size: int = 500,
) -> int:
    """Parquet with the same fields (``published`` a date, the lists nested), for pandas/DuckDB.

    Args:
        out: a file name or a binary stream.
    Raises:
        LagebildError: pyarrow is not installed (``pip install 'lagebild[parquet]'``).
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        from ..errors import LagebildError

        raise LagebildError(
            "Parquet export needs pyarrow: pip install 'lagebild[parquet]' (or pyarrow)."
        ) from None
    schema = parquet_schema()
    n = 0
    batch: list[dict[str, object]] = []
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for article in articles:
            rec = to_record(article, groups)
            rec.setdefault("extracted", None)
            rec["published"] = article.published
            batch.append(rec)
            n += 1
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n
