"""Search: the JSON endpoint and the search page (filters, facets with counts, actor by name,
"did you mean" when a query finds few or no articles)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..display_names import display_name
from ..errors import LagebildError
from ..search import (
    COUNT_CAP,
    MAX_QUERY_CHARS,
    SUGGEST_BELOW,
    Filters,
    Hit,
    Ranking,
    SearchError,
    hits_for,
    rank,
    suggest,
    sync_vectors,
)
from ..store import browse
from ._i18n import more_than, text_for
from .export import rows_stream
from .params import (
    ENTITY_ID,
    GROUP_ID,
    SEARCH_BUDGET_S,
    EntityRef,
    GroupRef,
    Language,
    Limit,
    ListFormat,
    Offset,
    Short,
)
from .site import Site
from .templating import ui_lang

__all__ = ["router"]

_EXPORT_FIELDS = ["id", "title", "published", "source", "language", "score", "origins", "snippet"]
SEARCH_EXPORT = 10_000  # hits in a CSV / JSON Lines export of a search, whatever `limit` says
_EXPORT_BATCH = 500  # hits read and sent at a time
_ACTORS_LISTED = 200  # names offered while typing an actor
# "Did you mean" gets its own budget after the search's: a slow suggestion is left out, never an error.
_SUGGEST_BUDGET_S = 0.5
# The page's facets count the matches (keyword, hybrid: those with the words, the best
# ``FACET_DEPTH``; semantic: the neighbours it lists), in a budget of their own: left out when slow.
FACET_DEPTH = COUNT_CAP
FACETS_OF_MATCHES = True  # (bench/bench_web_facets.py switches them off for its "before")
_FACET_BUDGET_S = 0.5
_FACETS_LISTED = 10  # values per facet


def _vectors_ready(db: Any, mode: str) -> None:
    """Bring the store's vector index up to date before a semantic or hybrid search, outside the
    search's time budget.  Building it anew (a store copied without its ``-vectors`` folder:
    100 000 articles, 4 s CPU, 10 s on a busy machine) inside the budget was stopped at 2 s, and
    every later request started it again and was stopped again: no semantic or hybrid result
    ever, 1.3 s CPU each (docs/acceptance-13.md, "Cost of the search page's facets")."""
    if mode != "keyword":
        sync_vectors(db)


def router(site: Site) -> APIRouter:
    r = APIRouter()

    def run(
        q: str, mode: str, f: Filters, limit: int, offset: int, offer: bool = True
    ) -> tuple[list[Any], Ranking, str | None]:
        """The page of hits, the ranking (its ``total`` matches and ``related`` articles) and,
        when ``offer`` and the query has fewer than ``SUGGEST_BELOW`` matches, the library's
        "did you mean" (``None`` when it has none)."""
        with site.reader() as store:
            _vectors_ready(store.db, mode)
            with browse.time_budget(store.db, SEARCH_BUDGET_S):
                found = rank(store.db, q, mode=mode, filters=f, limit=limit, offset=offset)
                hits = hits_for(store.db, found.ranked, found.terms)
            better = None
            if offer and found.total < SUGGEST_BELOW:
                try:
                    with browse.time_budget(store.db, _SUGGEST_BUDGET_S):
                        better = suggest(store.db, q)
                except LagebildError:  # over its budget: the hits without a suggestion
                    better = None
            return hits, found, better

    @r.get("/api/search", tags=["search"])
    def api_search(
        q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="query")],
        mode: Annotated[str, Query(pattern="^(keyword|semantic|hybrid)$")] = "hybrid",
        limit: Limit = 20,
        offset: Offset = 0,
        source: Short = None,
        section: Short = None,
        language: Language = None,
        entity: EntityRef = None,
        date_from: Annotated[dt.date | None, Query(alias="from")] = None,
        date_to: Annotated[dt.date | None, Query(alias="to")] = None,
        event: GroupRef = None,
        storyline: GroupRef = None,
        format: ListFormat = "json",
    ) -> Any:
        """Keyword (umlaut-folding, stemming), semantic or hybrid search with filters.

        ``suggestion`` ("did you mean"): for a query with fewer than 5 matches, the query with
        each word the index does not know replaced by the closest word the articles write
        (``Muenterfering Ruecktritt`` → ``Müntefering Rücktritt``); ``null`` otherwise.

        ``total`` counts the articles that match: with the query's words (keyword, hybrid), or
        at least 0.30 alike in meaning (semantic). Words are counted up to 1 000: with
        ``total_is_lower_bound`` true there are more than ``total`` (1 000) matches, and paging
        reaches the best 1 000 of them. ``related`` (hybrid): the articles listed
        among them for their meaning alone, without the words; the list is ``total + related``
        long, and ``next_offset`` pages through all of it.

        ``format=csv`` or ``jsonl`` exports every hit, best first, up to 10 000 (whatever `limit`
        and `offset` say), with the same mode and filters, streamed. A query over its time budget
        (or with more than 12 terms, or a prefix under 3 letters) gets a 400."""
        f = Filters(source=source, section=section, language=language, entity=entity,
                    date_from=date_from, date_to=date_to, event=event, storyline=storyline)  # fmt: skip
        if format != "json":
            return export(q, mode, f, format)
        try:
            hits, found, better = run(q, mode, f, limit, offset)
        except SearchError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None
        results = [_result(h) for h in hits]
        nxt = offset + limit if offset + limit < found.listed else None
        return {"ok": True, "query": q, "mode": mode, "total": found.total,
                "total_is_lower_bound": found.total_is_lower_bound, "related": found.related,
                "offset": offset, "limit": limit, "next_offset": nxt, "suggestion": better,
                "results": results}  # fmt: skip

    def export(q: str, mode: str, f: Filters, format: str) -> Response:
        """Every hit up to ``SEARCH_EXPORT``: ranked at once (a bad query is a 400 before the
        download starts), then read and sent ``_EXPORT_BATCH`` at a time (no "did you mean")."""
        try:
            with site.reader() as store:
                _vectors_ready(store.db, mode)
                with browse.time_budget(store.db, SEARCH_BUDGET_S):
                    found = rank(store.db, q, mode=mode, filters=f, limit=SEARCH_EXPORT, complete=True)
        except SearchError as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from None

        def batches() -> Iterator[list[dict[str, Any]]]:
            for at in range(0, len(found.ranked), _EXPORT_BATCH):
                batch = found.ranked[at : at + _EXPORT_BATCH]
                with site.reader() as store:  # a store per batch: batches may run on other threads
                    yield [_result(h) for h in hits_for(store.db, batch, found.terms)]

        return rows_stream(batches(), format, "search", _EXPORT_FIELDS)

    def hit_facets(q: str, mode: str, f: Filters) -> tuple[dict[str, list[Any]], int] | None:
        """Counts per source, language, section, actor and month among the query's matches and
        how many matches they count (``None`` when over the budget or nothing matches)."""
        how = "semantic" if mode == "semantic" else "keyword"
        try:
            with site.reader() as store, browse.time_budget(store.db, _FACET_BUDGET_S):
                found = rank(store.db, q, mode=how, filters=f, limit=FACET_DEPTH)
                rows = [r for r, _s in found.ranked]
                if not rows:
                    return None
                return _count_facets(store.db, rows), len(rows)
        except LagebildError:
            return None

    def facets_and_actors(lang: str) -> dict[str, Any]:
        """The form's choices: facet counts over all articles and the most mentioned actors,
        named in ``lang`` (English: ``Pope Francis``, which the actor box finds again)."""
        # one choice per name: two entities may share one (two `Hohenried`s in the demo feed)
        actors = site.cached(("actor-names", lang), lambda: list(dict.fromkeys(
            display_name(e["id"], e["name"], lang) for e in site.entity_index()[:_ACTORS_LISTED])))  # fmt: skip
        return {"facets": site.facets(browse.ArticleFilter()), "actors": actors}

    @r.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
        mode: Annotated[str, Query(pattern="^(keyword|semantic|hybrid)$")] = "hybrid",
        source: Short = None, language: Short = None, section: Short = None,
        date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
        date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
        entity: Annotated[str | None, Query(pattern=ENTITY_ID)] = None,
        event: Annotated[str | None, Query(pattern=GROUP_ID)] = None,
        storyline: Annotated[str | None, Query(pattern=GROUP_ID)] = None,
        offset: Annotated[str, Query(max_length=20)] = "0",
        actor: Annotated[str | None, Query(max_length=100, description="entity by name or alias")] = None,
    ) -> Response:  # fmt: skip
        hits: list[Any] = []
        total, related, error, entity_name, better = 0, 0, None, "", None
        among: tuple[dict[str, list[Any]], int] | None = None
        total_text = ""  # "über 1 000 Treffer" when the count stopped at its cap
        # a bad offset is said on the page like any bad filter (the API answers its JSON 400)
        start = _offset(offset)
        if start is None:
            error, start = text_for(ui_lang(request))["bad_offset"].format(offset), 0
        if error is None and actor and actor.strip() and not entity:
            found = site.find_entities(actor, None)
            if found:
                entity, entity_name = found[0]["id"], found[0]["name"]
            else:
                error = text_for(ui_lang(request))["no_actor"].format(actor)
        elif entity:
            entity_name = site.entity_name(entity)
        if entity_name:  # the box shows the actor as the interface names it (`Pope Francis`)
            entity_name = display_name(entity, entity_name, ui_lang(request))
        if q.strip() and error is None:
            try:
                f = Filters(source=source or None, language=language or None, section=section or None,
                            date_from=_date(date_from), date_to=_date(date_to), entity=entity or None,
                            event=event or None, storyline=storyline or None)  # fmt: skip
                hits, found, better = run(q, mode, f, 20, start)
                total, related = found.total, found.related
                among = hit_facets(q, mode, f) if hits and FACETS_OF_MATCHES else None
                if found.total_is_lower_bound:
                    total_text = more_than(total, "result", ui_lang(request))
            except (SearchError, ValueError, LagebildError) as exc:
                error = str(exc)

        def query_string(query: str) -> str:
            return urlencode({k: v for k, v in {
                "q": query, "mode": mode, "source": source, "language": language, "section": section,
                "from": date_from, "to": date_to, "entity": entity, "event": event, "storyline": storyline,
            }.items() if v})  # fmt: skip

        fq = query_string(q)
        narrow = _facet_links(among[0], query_string, q, ui_lang(request)) if among else []
        counted = among[1] if among and among[1] < total else 0  # over the cap: the facets saw the best
        # "did you mean" links the corrected query with the same mode and filters, from its first page
        better_q = query_string(better) if better else ""
        return site.page(request, "search.html", q=q, mode=mode, hits=hits, total=total, related=related,
                         total_text=total_text,
                         error=error,
                         source=source or "", language=language or "", section=section or "",
                         date_from=date_from or "", date_to=date_to or "", offset=start,
                         entity=entity or "", entity_name=entity_name, event=event or "",
                         storyline=storyline or "", fq=fq, suggestion=better, better_q=better_q,
                         narrow=narrow, facets_counted=counted,
                         **facets_and_actors(ui_lang(request)))  # fmt: skip

    return r


def _count_facets(db: Any, rows: list[int]) -> dict[str, list[Any]]:
    return browse.facets(db, None, top=_FACETS_LISTED, among=rows)


def _facet_links(
    counts: dict[str, list[Any]], query_string: Any, q: str, lang: str = "de"
) -> list[tuple[str, list[tuple[str, int, str]]]]:
    """(heading key, [(label, count, query string)]) per facet of the matches: each link keeps
    the query, mode and other filters and sets this one (a month sets `from` and `to`); an actor
    is labelled in ``lang`` (English: ``United Nations``)."""
    base = query_string(q)
    out: list[tuple[str, list[tuple[str, int, str]]]] = [
        (name, [(v, n, _with(base, {name: v})) for v, n in counts[name]]) for name in ("source", "language", "section")
    ]  # fmt: skip
    out.append(("entities", [(display_name(eid, name, lang), n, _with(base, {"entity": eid}))
                             for eid, name, n in counts["entity"]]))
    months = []
    for month, n in counts["month"]:
        year, mon = (int(x) for x in month.split("-"))
        first, last = dt.date(year, mon, 1), dt.date(year, mon, calendar.monthrange(year, mon)[1])
        months.append((month, n, _with(base, {"from": first.isoformat(), "to": last.isoformat()})))
    out.append(("month", months))
    return [(key, links) for key, links in out if links]


def _with(query: str, values: dict[str, str]) -> str:
    """``query`` with ``values`` set (replacing what it had for those keys)."""
    kept = [(k, v) for k, v in parse_qsl(query) if k not in values]
    return urlencode([*kept, *values.items()])


def _result(h: Hit) -> dict[str, Any]:
    return {"id": h.id, "title": h.title, "origins": h.origins, "published": h.published,
            "snippet": h.snippet, "score": h.score, "source": h.source, "language": h.language}  # fmt: skip


def _offset(value: str) -> int | None:
    """The page's offset (0 to 1 000 000), ``None`` when ``value`` is no such number."""
    try:
        n = int(value.strip() or "0")
    except ValueError:
        return None
    return n if 0 <= n <= 1_000_000 else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
