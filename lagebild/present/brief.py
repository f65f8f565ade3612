"""Extractive German briefings of an event or a storyline, in Markdown or HTML.

Every line of a briefing is a sentence taken from an article (or a count made
from articles) and cites its articles as ``[n]``; the sources are listed at the
end.  English articles are quoted as they are.  In HTML every piece of scraped
text is escaped.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
from dataclasses import dataclass, field

from ..clean.structure import dateline_end
from ..errors import NotFound
from ..group.events import load_group
from ..group.storylines import join_names, describe_event, describe_storyline, key_actors
from ..group.timelines import storyline_timeline

__all__ = ["Briefing", "build_briefing", "to_markdown", "to_html"]

# Cues of claims and denials (lemmas and common inflected or separated forms), German and English.
CLAIM_CUES = re.compile(
    r"\b(zurückweis\w*|wies\w* [^.]{0,80}?zurück|weist [^.]{0,80}?zurück|zurückgewiesen|bestr[ie]tt?\w*|"
    r"dementi\w*|behaupt\w*|angeblich\w*|reject\w*|den(?:y|ies|ied)|claim\w*|allege\w*)",
    re.IGNORECASE,
)
_MAX_QUOTES_PER_SPEAKER = 2  # several voices rather than one statement in pieces
_MAX_QUOTES = 6
_MAX_CLAIMS = 6
_MAX_TIMELINE = 12


@dataclass(slots=True)
class Item:
    text: str
    cites: list[int]
    lead: str = ""  # a bold prefix (speaker, actor), never scraped markup


@dataclass(slots=True)
class Briefing:
    kind: str  # event | storyline
    id: str
    title: str
    subtitle: str
    sections: list[tuple[str, list[Item]]] = field(default_factory=list)
    sources: list[dict[str, object]] = field(default_factory=list)


class _Sources:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.index: dict[str, int] = {}
        self.rows: list[dict[str, object]] = []

    def cite(self, aid: str) -> int:
        if aid not in self.index:
            r = self.conn.execute(
                "SELECT title, source, published, url FROM articles WHERE id = ?", (aid,)
            ).fetchone()
            self.rows.append({"n": len(self.rows) + 1, "article": aid, "title": r[0], "source": r[1],
                              "published": r[2], "url": r[3]})  # fmt: skip
            self.index[aid] = len(self.rows)
        return self.index[aid]


def _sentence_text(conn: sqlite3.Connection, aid: str, seq: int) -> str:
    r = conn.execute(
        'SELECT substr(a.text, s.start + 1, s."end" - s.start) FROM sentences s JOIN articles a'
        " ON a.id = s.article_id WHERE s.article_id = ? AND s.seq = ?",
        (aid, seq),
    ).fetchone()
    return _without_dateline((r[0] if r else "").strip())


def _without_dateline(sentence: str) -> str:
    """The sentence without a leading dateline (the cited sentence is unchanged in the store)."""
    end = dateline_end(sentence)
    return sentence[end:] if len(sentence) - end > 20 else sentence


def build_briefing(conn: sqlite3.Connection, ref_kind: str, gid: str) -> Briefing:
    """Collect a briefing for an event (``ev-…``) or a storyline (``st-…``).

    Raises:
        NotFound: no such event or storyline.
    """
    table = "events" if ref_kind == "event" else "storylines"
    group = load_group(conn, table, gid)
    if group is None:
        raise NotFound(f"No {ref_kind} {gid!r}. `lagebild stories` lists storylines and events.")
    if ref_kind == "event":
        info = describe_event(conn, gid)
        title = str(info["title"])
        articles = list(info["articles"])  # type: ignore[arg-type]
        when = info["date"] or "undatiert"
        n_dup = len(info["duplicates"])  # type: ignore[arg-type]
    else:
        info = describe_storyline(conn, gid)
        title = str(info["title"])
        articles = [a for e in info["events"] for a in e["articles"]]  # type: ignore[union-attr]
        when = f"{info['start'] or 'undatiert'} bis {info['end'] or 'undatiert'}"
        n_dup = sum(len(e["duplicates"]) for e in info["events"])  # type: ignore[union-attr]
    src = _Sources(conn)
    sub = f"{'Ereignis' if ref_kind == 'event' else 'Handlungsstrang'} {gid} · {when} · {len(articles)} Artikel"
    if n_dup:
        sub += f" (dazu {n_dup} Duplikat{'e' if n_dup > 1 else ''}, nicht gezählt)"
    b = Briefing(ref_kind, gid, title, sub)

    # 1. What happened: the lead sentence of each event's first article (storyline) or of each article.
    happened: list[Item] = []
    leads = (
        articles
        if ref_kind == "event"
        else [e["articles"][0] for e in info["events"] if e["articles"]]
    )  # type: ignore[index,union-attr]
    for aid in leads[:8]:
        text = _sentence_text(conn, aid, 0)
        if not text:
            text = conn.execute(
                "SELECT substr(text, 1, 300) FROM articles WHERE id = ?", (aid,)
            ).fetchone()[0]
        happened.append(Item(text, [src.cite(aid)]))
    b.sections.append(("Was geschah", happened))

    # 2. When: the timeline (dated sentences; undated material marked).
    timeline = storyline_timeline(conn, gid)
    when_items = []
    for entry in timeline[:_MAX_TIMELINE]:
        label = entry.date or "undatiert"
        if entry.date_from == "cross-reference":
            label += " (erschlossen)"
        when_items.append(
            Item(_without_dateline(entry.text), [src.cite(c.article) for c in entry.citations], lead=label)
        )
    b.sections.append(("Wann", when_items))

    # 3. Who was involved.
    who = []
    for actor in key_actors(conn, group):
        role = conn.execute(
            "SELECT ae.role, ae.article_id FROM article_entities ae WHERE ae.entity_id = ? AND ae.article_id IN"
            f" ({','.join('?' * len(articles))}) ORDER BY ae.role IS NULL LIMIT 1",
            [actor["id"], *articles],
        ).fetchone()
        cites = [src.cite(a) for (a,) in conn.execute(
            f"SELECT article_id FROM article_entities WHERE entity_id = ? AND article_id IN"
            f" ({','.join('?' * len(articles))})", [actor["id"], *articles])]  # fmt: skip
        n = len(cites)
        text = f"genannt in {n} Artikel{'n' if n != 1 else ''}"
        if role and role[0]:
            text = f"{role[0]}; " + text
        who.append(Item(text, sorted(cites), lead=str(actor["name"])))
    b.sections.append(("Wer beteiligt war", who))

    # 4. What the key actors said: direct quotes of named speakers first.
    key_ids = {a["id"] for a in key_actors(conn, group, 12)}
    quotes = []
    for aid in articles:
        for q in conn.execute(
            "SELECT q.text, q.kind, q.speaker_text, q.speaker_entity, e.name, e.type,"
            " (SELECT json_group_array(m.name) FROM json_each(q.speaker_entities) j"
            "  JOIN entities m ON m.id = j.value) FROM quotes q"
            " LEFT JOIN entities e ON e.id = q.speaker_entity WHERE q.article_id = ? ORDER BY q.seq",
            (aid,),
        ):
            text, kind, sp_text, sp_ent, sp_name, sp_type, group_names = q
            members = json.loads(group_names) if group_names else []
            # A group speaker ("die drei Länder") is shown as its members.
            speaker = join_names(members) if len(members) > 1 else (sp_name or sp_text)
            if not speaker or len(text) < 25:
                continue
            # People speak; a country as "speaker" is often a statement or an office.
            rank = (
                sp_type != "PER" and len(members) < 2,  # a joint statement counts like a person
                kind != "direct",
                sp_ent not in key_ids,
                sp_ent is None,
                -len(text) // 50,
            )
            quotes.append((rank, aid, speaker, text, kind))
    quotes.sort(key=lambda x: x[0])
    said, seen, per_speaker = [], set(), {}  # type: ignore[var-annotated]
    for _, aid, speaker, text, kind in quotes:
        key = (speaker, text[:40])
        if key in seen or per_speaker.get(speaker, 0) >= _MAX_QUOTES_PER_SPEAKER:
            continue
        seen.add(key)
        per_speaker[speaker] = per_speaker.get(speaker, 0) + 1
        said.append(
            Item(
                f"„{text}“" if kind == "direct" else f"(sinngemäß) {text}",
                [src.cite(aid)],
                lead=speaker,
            )
        )
        if len(said) >= _MAX_QUOTES:
            break
    b.sections.append(("Was die Beteiligten sagten", said))

    # 5. Open claims and denials.
    claims, seen_c = [], set()
    for aid in articles:
        text_all = conn.execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()[0]
        for start, end in conn.execute(
            'SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY seq', (aid,)
        ):
            sentence = _without_dateline(text_all[start:end].strip())
            if CLAIM_CUES.search(sentence) and sentence[:60] not in seen_c:
                seen_c.add(sentence[:60])
                claims.append(Item(sentence, [src.cite(aid)]))
        if len(claims) >= _MAX_CLAIMS:
            break
    b.sections.append(("Offene Behauptungen und Dementis", claims[:_MAX_CLAIMS]))
    b.sources = src.rows
    return b


def _cites_md(cites: list[int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(cites))


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text.replace("\n", " "))


def to_markdown(b: Briefing) -> str:
    out = [f"# {_md_escape(b.title)}", "", f"*{_md_escape(b.subtitle)}*", ""]
    for heading, items in b.sections:
        out += [f"## {heading}", ""]
        if not items:
            out.append("- (nichts gefunden)")
        for it in items:
            lead = f"**{_md_escape(it.lead)}**: " if it.lead else ""
            out.append(f"- {lead}{_md_escape(it.text)} {_cites_md(it.cites)}")
        out.append("")
    out += ["## Quellen", ""]
    for s in b.sources:
        out.append(
            f"{s['n']}. {_md_escape(str(s['source'] or '?'))}, {s['published'] or 'undatiert'}: "
            f"{_md_escape(str(s['title']))} (`{s['article']}`)"
        )
    return "\n".join(out) + "\n"


def to_html(b: Briefing) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html>", '<html lang="de"><head><meta charset="utf-8">', f"<title>{e(b.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.4}"
        "sup a{text-decoration:none}.meta{color:#555}</style></head><body>",
        f"<h1>{e(b.title)}</h1>", f'<p class="meta">{e(b.subtitle)}</p>',
    ]  # fmt: skip
    for heading, items in b.sections:
        out.append(f"<h2>{e(heading)}</h2><ul>")
        if not items:
            out.append("<li>(nichts gefunden)</li>")
        for it in items:
            lead = f"<strong>{e(it.lead)}</strong>: " if it.lead else ""
            cites = "".join(
                f'<sup><a href="#src{n}">[{n}]</a></sup>' for n in dict.fromkeys(it.cites)
            )
            out.append(f"<li>{lead}{e(it.text)} {cites}</li>")
        out.append("</ul>")
    out.append("<h2>Quellen</h2><ol>")
    for s in b.sources:
        title = e(str(s["title"]))
        url = str(s["url"] or "")
        if url.startswith(("http://", "https://")):
            title = f'<a href="{e(url, quote=True)}">{title}</a>'
        out.append(
            f'<li id="src{s["n"]}">{e(str(s["source"] or "?"))}, {e(str(s["published"] or "undatiert"))}: '
            f"{title} <code>{e(str(s['article']))}</code></li>"
        )
    out.append("</ol></body></html>")
    return "\n".join(out) + "\n"
