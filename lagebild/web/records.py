"""The records pages show, fetched through the store and the grouping layer, or a 404.

Every function takes a read-only :class:`~lagebild.store.Store` and an id the
request named; ids are checked by pattern before they reach the database, and
a missing record becomes ``HTTPException(404)``.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

from fastapi import HTTPException

from ..errors import LagebildError, NotFound
from ..store import Store, browse
from .params import ENTITY_ID, GROUP_ID, ID, not_found

__all__ = [
    "article", "briefing", "briefing_dict", "describe", "entity", "named_locally", "outlets", "storyline_title",
    "timeline",
]  # fmt: skip


def article(store: Store, article_id: str) -> Any:
    """The article, or 404."""
    if not re.match(ID, article_id):
        raise not_found("article")
    try:
        return store.get(article_id)
    except NotFound:
        raise not_found("article") from None


def entity(store: Store, entity_id: str) -> dict[str, Any]:
    """An entity with aliases, roles, articles, mentions per month and quotes, or 404."""
    data = browse.entity_detail(store.db, entity_id) if re.match(ENTITY_ID, entity_id) else None
    if data is None:
        raise not_found("entity")
    return data


def describe(store: Store, kind: str, gid: str) -> dict[str, Any]:
    """A storyline or event (title, dates, actors, members), or 404."""
    from ..group import storylines

    if not re.match(GROUP_ID, gid):
        raise not_found(kind)
    fn = storylines.describe_storyline if kind == "storyline" else storylines.describe_event
    try:
        return fn(store.db, gid)
    except KeyError:
        raise not_found(kind) from None


def named_locally(
    store: Store, stories: list[dict[str, Any]], lang: str = "de"
) -> list[dict[str, Any]]:
    """Storylines (as :func:`describe` gives them) with their key actors named as their members'
    language names them (``United States``, not the gazetteer's ``Vereinigte Staaten``, for an
    English storyline), as the briefing and ``lagebild stories`` name them; in the English
    interface (``lang="en"``) a German storyline's actors get their English names too
    (``European Union``). The API keeps the stored names."""
    from ..present.brief import local_actor_names

    out = []
    for s in stories:
        members = [a for e in s.get("events", []) for a in e.get("articles", [])]
        try:
            names = local_actor_names(store, s["id"], members, "en" if lang == "en" else None)
            out.append(s | {"actors": names})
        except NotFound:  # regrouped since it was described
            out.append(s)
    return out


def storyline_title(store: Store, storyline_id: str) -> str:
    """The storyline's title from its key actors and nouns (the id when it is gone)."""
    from ..group.events import load_group
    from ..group.describe import storyline_title as title_of

    g = load_group(store.db, "storylines", storyline_id)
    return title_of(store.db, g) if g is not None else storyline_id


def timeline(store: Store, ref: str) -> list[Any]:
    """Dated entries of a storyline (``st-…``) or an entity, each citing its source; or 404."""
    from ..group import timelines

    if re.match(GROUP_ID, ref) and ref.startswith("st-"):
        try:
            return timelines.storyline_timeline(store.db, ref)
        except KeyError:
            raise not_found("storyline") from None
    if re.match(ENTITY_ID, ref):
        if not browse.entity_exists(store.db, ref):
            raise not_found("entity")
        return timelines.entity_timeline(store.db, ref)
    raise HTTPException(
        status_code=404,
        detail=f"timeline not found: {ref[:100]!r} is no storyline id (st-…) or entity id (Q…, lb:…); "
        "find an entity by name with /api/entities?q=NAME",
    )


def briefing(store: Store, ref: str, lang: str | None = None, timeline: list[Any] | None = None) -> Any:
    """The extractive briefing of an event or storyline, headings in ``lang`` (None: the
    builder's choice) where the builder offers languages; or 404.  ``timeline``: the
    storyline's timeline where the page has built it (not built again)."""
    from ..present.brief import build_briefing

    if not re.match(GROUP_ID, ref):
        raise HTTPException(
            status_code=404,
            detail=f"briefing not found: {ref[:100]!r} is no event id (ev-…) or storyline id (st-…); "
            "the storylines and their ids: /api/storylines",
        )
    kind = "event" if ref.startswith("ev-") else "storyline"
    # the builder learns the interface language in a parallel change; until then it writes German
    extra: dict[str, Any] = {"lang": lang} if lang and "lang" in inspect.signature(build_briefing).parameters else {}
    if timeline is not None:
        extra["timeline"] = timeline
    try:
        return build_briefing(store, kind, ref, **extra)
    except (KeyError, LagebildError):
        raise not_found("briefing") from None


def briefing_dict(b: Any) -> dict[str, Any]:
    """A briefing as the JSON of ``/api/briefings/{ref}``."""
    return {
        "kind": b.kind, "id": b.id, "title": b.title, "subtitle": b.subtitle,
        "sections": [{"heading": h, "items": [{"lead": i.lead, "text": i.text, "cites": i.cites} for i in items]}
                     for h, items in b.sections],
        "sources": b.sources,
    }  # fmt: skip


def outlets(store: Store, events: list[dict[str, Any]]) -> dict[str, int]:
    """Independent outlets per event id and, under ``""``, for all of them together."""
    from ..present.sources import independent_counts

    groups = {str(e["id"]): list(e["articles"]) for e in events}
    return independent_counts(store, groups | {"": [a for e in events for a in e["articles"]]})
