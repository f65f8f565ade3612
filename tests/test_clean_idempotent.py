"""Cleaning is idempotent (issue 15, low items): cleaning the cleaned text again --
as an export re-imported does -- changes nothing (`Und` -> `und` on a second pass
was the bug)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.clean import clean
from lagebild.errors import NoArticle
from lagebild.ingest import read
from lagebild.model import Article

from .conftest import ARTICLES, EXAMPLES


def _again(article: Article) -> str:
    """The cleaned text cleaned once more, the way an exported record is read back."""
    text = article.text
    rec = Article(base=text, raw=text, language=article.language, title_raw=article.title, format="json")
    return clean(rec).text


@pytest.mark.parametrize(
    "body",
    [
        "Südkorea  Und Japan sagten das.",  # the capital is seen only once the spaces are one
        "Nord KoreaUnd Japan sagten dasDieDie Welt.",  # glued words, one junction after another
        "Seoul sagte\n\nsagte das Ministerium.",  # paragraphs adjacent once blank lines are gone
        "Er sagte „Gut“ Und ging .\n\n„\n\nDie Welt.",  # a quote-mark line that leaves a blank line
        "Ja -\n\n–„ und\n\ndas Ende.",
    ],
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_clean_twice_is_once(body: str, fmt: str):
    base = f"Titel der Meldung\n\n{body}\n" if fmt == "text" else body
    first = clean(Article(base=base, raw=base, language="de", title_raw="Titel der Meldung", format=fmt))
    assert _again(first) == first.text


def test_clean_twice_is_once_on_the_sample_articles():
    for item in read([str(EXAMPLES), str(ARTICLES)]):
        if isinstance(item, Article):
            first = clean(item)
            assert _again(first) == first.text, item.origins[0]


_TOKENS = st.sampled_from(
    list("abcdeKDUSü ,.„“”\"\n\t-:;?!()")
    + ["Und ", "Die ", "Ã¼", "\u00ad", " .", "toi-welt", "(dpa)", "\r\n", "\n\n", "Südkorea", "KoreaUnd",
       "sagte", " und ", "–", "***", "Mehr zum Thema", "Foto: dpa", "Berlin (dpa) - ", "dasDie", "ErEr"]
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TOKENS, min_size=1, max_size=40).map("".join), st.sampled_from(["text", "json"]))
def test_clean_property_idempotent(body: str, fmt: str):
    base = "Titel der Meldung\n" + body if fmt == "text" else body
    article = Article(base=base, raw=base, language="de", title_raw="" if fmt == "text" else "Titel", format=fmt)
    try:
        first = clean(article)
    except NoArticle:
        return
    assert _again(first) == first.text
