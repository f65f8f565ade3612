"""Defects a new analyst found on a mixed real feed (10kGNAD + PolNeAR): markup left in a text
body, mojibake in decomposed (NFKD) text, a lead sentence run into the dateline."""

from __future__ import annotations

import pytest

from lagebild.clean import clean, replay
from lagebild.clean._embeds import char_references, embed_markup
from lagebild.clean.steps import lead_title
from lagebild.model import Article

TITLE = "Ein Titel für den Test\n\n"


def _clean(body: str) -> Article:
    text = TITLE + body
    return clean(Article(origins=["<test>"], format="text", raw=text, raw_bytes=text.encode(), base=text))


def test_tweet_embed_tags_go_and_the_tweet_text_stays():
    a = _clean(
        "Trump noted that the president was out of step with everyday Americans.\n\n"
        '<tweet tweet-id="673675062600466433"><tweet/>.\n\n'
        "Cuban said he would support the former in a race between Trump and Cruz.\n\n"
        '<tweet tweet-author="@bcuban" tweet-date="March 12, 2016">Mark Cuban: A businessman can run '
        "this country<tweet/>.\n\n"
        "[<a href=”https://storify.com/x/a-trump-rally” target=”_blank”>A Trump Rally in Greensboro</a>.]\n"
    )
    assert "<" not in a.text and "tweet-id" not in a.text
    assert "Mark Cuban: A businessman can run this country." in a.text
    assert "[A Trump Rally in Greensboro.]" in a.text
    assert "\n.\n" not in a.text and not a.text.endswith("\n.")
    assert replay(a.base, a.edits) == a.text
    assert any(e.kind == "removed" and e.reason == "markup tag" for e in a.edits)


@pytest.mark.parametrize(
    "text",
    [
        "Die Bedingung a < b > c gilt.",
        "Er schrieb <Ironie> dazu.",
        "Die Partei <Die Grünen> trat an.",
        "Ein Pfeil <-> zeigt es an.",
    ],
)
def test_no_tag_no_edit(text):
    assert embed_markup(text) == []


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # garbled, then decomposed: `Ã` is `A` + a combining tilde
        ("President Enrique PeA\u0303\u00b1a Nieto met him.", "Enrique Peña Nieto met"),
        ("He met Marc TrA\u0303\u00a9vidic in Paris.", "Marc Trévidic in"),
        # second bytes that NFKD expands: `¼` → `1⁄4`, `º` → `o`, `¯` → space + macron
        ("The cleric Fethullah GA\u03031\u20444len lives in exile.", "Fethullah Gülen lives"),
        ("Police shot Jes\u00c3os Garcia.", "shot Jesús Garcia"),
        ("Obama is na\u00c3 \u0304ve about it.", "is naïve about"),
        # two layers, the second decomposed
        ("Rep. RaA\u0303\u0083A\u0302ol M. Grijalva spoke.", "Rep. Raúl M. Grijalva"),
        ("President FranA\u0303\u0083A\u0302\u00a7ois Hollande spoke.", "President François Hollande"),
    ],
)
def test_mojibake_in_decomposed_text(damaged, repaired):
    a = _clean(damaged + "\n")
    assert repaired in a.text
    assert replay(a.base, a.edits) == a.text


@pytest.mark.parametrize("legit", ["Sie flogen nach SÃO PAULO weiter.", "Der Spieler JOÃO war da.",
                                   "Die Stadt São Paulo wächst."])
def test_no_mojibake_no_repair(legit):
    assert legit in _clean(legit + "\n").text


def test_lead_title_ends_before_a_dateline_after_a_year():
    text = (
        "80 Prozent mehr Ankünfte in Süditalien seit Anfang 2016 als im ersten Quartal 2015. "
        "Rom – Nach der Schließung der Balkanroute fürchtet Italien eine Rekordzahl an Flüchtlingen."
    )
    assert lead_title(text) == "80 Prozent mehr Ankünfte in Süditalien seit Anfang 2016 als im ersten Quartal 2015"
    # a day's number before a month and a dash is no sentence end
    day = "Parlament stimmt für Referendum am 5. Juli – Die Regierung hofft auf ein Ja."
    assert not lead_title(day).endswith("am 5")


def test_character_references_in_a_text_body_become_their_characters():
    a = _clean(
        "AT&amp;T sagte, man werde &quot;nicht nachgeben&quot; &#8211; so der Konzern.\n\n"
        "&lt;tweet tweet-id=&quot;67367&quot;&gt;Ein Tweet&lt;/tweet&gt; stand darunter.\n\n"
        "Doppelt escaped: &amp;quot;Zitat&amp;quot;; R&D; und &T; und ein &-Zeichen bleiben.\n"
    )
    assert 'AT&T sagte, man werde "nicht nachgeben" – so der Konzern.' in a.text
    assert "Ein Tweet stand darunter." in a.text and "tweet-id" not in a.text
    assert '"Zitat"' in a.text and "R&D; und &T; und ein &-Zeichen" in a.text
    assert replay(a.base, a.edits) == a.text
    assert any(e.reason == "character reference" for e in a.edits)
    assert char_references(a.text) == []  # nothing left to decode: cleaning again changes nothing


def test_an_html_input_is_not_unescaped_twice():
    text = "<html><body><article><h1>Ein Titel</h1><p>Die Zeichenfolge &amp;lt; steht so im Quelltext "
    text += "einer Seite, wie dieser Artikel über HTML erklärt, und bleibt so stehen.</p></article></body></html>"
    a = clean(Article(origins=["<t>"], format="html", raw=text, raw_bytes=text.encode(),
                      base="Ein Titel\n\nDie Zeichenfolge &lt; steht so im Quelltext einer Seite."))
    assert "&lt;" in a.text
