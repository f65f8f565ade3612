"""The names guard's speed paths give what the plain regular expressions gave (stop 31, task D):
whole-word search by ``str.find``, one count of an article's word runs for the German-or-English
test, and the gazetteer's remembered start nodes."""

from __future__ import annotations

import random
import re

from lagebild.enrich.gazetteer import Gazetteer, load
from lagebild.enrich.names_context import _occurrences, _whole_word, run_counts, scores
from lagebild.enrich.names_cues import _german

_PIECES = ["der", "die", "und", "the", "and", "of", "Kim", "Kims", "-", "_", "é", "1", " ", " ", ".", "x"]


def _texts(seed: int, n: int = 3000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14))) for _ in range(n)]


def test_whole_word_search_equals_the_lookaround_regex():
    rng = random.Random(5)
    for text in _texts(1):
        word = "".join(rng.choice(["Kim", "s", "-", "der", "é"]) for _ in range(rng.randint(0, 2)))
        assert list(_occurrences(text, word)) == [
            m.start() for m in re.finditer(r"(?<![\w\-])" + re.escape(word) + r"(?![\w\-])", text)
        ], (text, word)
        assert (next(iter(_whole_word(text, word)), None) is not None) == (
            re.search(r"(?<![\w\-])" + re.escape(word) + r"(?![\w])", text) is not None
        ), (text, word)


def test_german_test_counts_what_the_word_boundary_regex_counts():
    for text in _texts(2):
        de = len(re.findall(r"\b(?:der|die|das|und|nicht|ist)\b", text))
        en = len(re.findall(r"\b(?:the|and|of|is|not|was)\b", text))
        assert _german.__wrapped__(text) == (de > en), text
    assert run_counts("Kim-Kim und Kim")["Kim"] == 1  # runs include hyphens: "Kim-Kim" is one
    assert scores("Es stand 2:1, später 3:1, um 14:30 Uhr") == 2


def test_gazetteer_matches_alike_on_a_fresh_and_a_warm_ruler():
    text = (
        "Pjöngjang und Moskau haben die Vorwürfe der USA zurückgewiesen. In Seoul sagte "
        "der nordkoreanische Botschafter, Nordkoreas Führung und die EU-Kommission in Brüssel "
        "hätten gesprochen; die Vereinten Nationen schwiegen. Wien-Wahl, Frankfurt am Main."
    )
    warm = load()
    fresh = Gazetteer(warm.records)
    first = fresh.match(text)
    assert first and fresh.match(text) == first == warm.match(text)
    assert [(m.flag, m.alias, m.kind) for m in fresh.match(text)] == [(m.flag, m.alias, m.kind) for m in first]
    assert fresh.match(text, adjectives=False) == warm.match(text, adjectives=False)


def test_patterns_with_the_look_behind_moved_match_as_before():
    from lagebild.enrich.names_context import _SCORE
    from lagebild.enrich.names_companies import _Cues

    rng = random.Random(7)
    pieces = ["1", "12", ":", ".", ",", " Uhr", " ", "a", "-", "Kim", "VW", " AG", "Bau", "-Werke", "ä"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 16))) for _ in range(5000)]
    old = {
        _SCORE: re.compile(r"(?<![\d:.])\d{1,2}:\d{1,2}(?![\d:]|\s*Uhr)"),
        _Cues._NOUN: re.compile(r"(?<![\w\-])[A-ZÄÖÜ][\w\-]* (?=[A-ZÄÖÜ])"),
        _Cues._GLUED: re.compile(r"(?<=\w)-([A-ZÄÖÜ][a-zäöüß]+)\b"),
    }
    for text in texts:
        for new, was in old.items():
            assert [(m.span(), m.groups()) for m in new.finditer(text)] == [
                (m.span(), m.groups()) for m in was.finditer(text)
            ], (text, was.pattern)
