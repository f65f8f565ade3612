"""Parameter types and id patterns shared by the endpoints.

Module level on purpose: with postponed annotations FastAPI resolves a
parameter's type by name in the endpoint's module.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Query

MAX_PAGE = 100
SEARCH_BUDGET_S = 2.0  # a search statement running longer is stopped (400): one query cannot stall the server
ID = r"^[0-9a-f]{4,64}$"
GROUP_ID = r"^(ev|st)-[0-9a-f]{4,64}$"
ENTITY_ID = r"^(Q\d{1,12}|lb:[a-z]{2,5}:[\w.\-]{1,120})$"

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, 1-{MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Cursor = Annotated[str | None, Query(max_length=40, pattern=r"^(\d{4}-\d{2}-\d{2}|-)\.\d{1,19}$",
                                     description="keyset cursor: the `next` of the previous page")]  # fmt: skip
Sort = Annotated[str, Query(pattern="^(recent|size|sources)$", description="recent, size or sources")]
MinEvents = Annotated[int, Query(ge=1, le=1000)]
ListFormat = Annotated[str, Query(pattern="^(json|csv|jsonl)$")]
Short = Annotated[str | None, Query(max_length=100)]
Language = Annotated[str | None, Query(pattern="^[a-z]{2}$")]
EntityRef = Annotated[str | None, Query(pattern=ENTITY_ID)]
GroupRef = Annotated[str | None, Query(pattern=GROUP_ID)]
Month = Annotated[str | None, Query(pattern=r"^[1-9]\d{3}-(0[1-9]|1[0-2])$", description="YYYY-MM: published in that month")]


def not_found(what: str) -> HTTPException:
    """The 404 for a record that does not exist (the error handlers turn it into the error body)."""
    return HTTPException(status_code=404, detail=f"{what} not found")
