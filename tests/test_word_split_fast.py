"""The NER's word splitter tells spaCy's split of simple runs without asking spaCy
(``ner_accurate._split_run``: a word of letters between at most one opening and one closing
mark); these tests hold it to spaCy's German tokenizer."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from lagebild.enrich import ner_accurate


@pytest.fixture(scope="module")
def tokenizer():
    return ner_accurate._spacy_tokenizer()


def _letters():
    return [chr(i) for i in range(0x110000) if chr(i).isalpha()]


def test_word_split_no_affix_rule_takes_a_letter_or_a_hyphen_between_letters(tokenizer):
    """The premise of the shortcut, for every letter Python knows (``str.isalpha``): no
    prefix or suffix rule matches a word of letters at its edge, no infix rule inside it,
    with or without hyphens between the letters, in either order of the letters."""
    letters = _letters()
    assert len(letters) > 100_000
    for c in letters:
        assert tokenizer.prefix_search(c + "a") is None, c
        assert tokenizer.suffix_search("a" + c) is None, c
        assert tokenizer.suffix_search(c) is None, c
    for seq in (letters, letters[::-1]):
        for text in ("".join(seq), "-".join(seq), "".join(c + "a-B" for c in seq)):
            assert list(tokenizer.infix_finditer(text)) == []


@pytest.mark.parametrize(
    "run",
    ["Merkel", "Merkel,", "Berlin.", "A.", "AB.", "Ab.", "ß.", "Dr.", "(Dr.", "Mio.", "(Mio.", "Nr.)",
     "z.B.", "usw.,", "(IMAS)", "„Wir", "Wir“", "„Wir“", "US-Flagge", "US-Flagge.", "(Nord-Süd)",
     "Jong-un's", "a--b", "Nord-", "-Süd", "(", ")", "-", "()", "(a)", "\"Nein\"", "«Nein»",
     "»Nein«", "‚ja‘", "[sic]", "Ja!", "Ja?", "Ja;", "Ja:", "Straße:", "e\u0301", "Ⓐ", "ǅ.", "ǅǅ.",
     "ÖVP.", "ÖVP)", "n'", "'s", "s'", "Ich's", "Kim's", ":)", ";)", "US$", "km.", "°C."],
)
def test_word_split_run_is_spacys_or_left_to_it(tokenizer, run):
    got = ner_accurate._split_run(run)
    assert got is None or got == tuple(ner_accurate._words_spacy(run)), (run, got)


def test_word_split_every_run_of_the_news_corpus_is_spacys():
    """A third of the distinct runs of the 1 028 10kGNAD articles (every third in sorted
    order; all of them: 67 133 of 71 634 split by the shortcut, none differs): the runs the
    shortcut splits (most of them) are split as spaCy splits them."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from _corpus import GNAD, corpus_texts

    if not GNAD.exists():
        pytest.skip("10kGNAD not here (../shared/data)")
    ner_accurate._spacy_tokenizer()
    runs = sorted({r for t in corpus_texts(1028) for r in re.findall(r"\S+", t)})[::3]
    split = [(r, got) for r in runs if (got := ner_accurate._split_run(r)) is not None]
    assert len(split) > 0.9 * len(runs)
    bad = [(r, got) for r, got in split if got != tuple(ner_accurate._words_spacy(r))]
    assert bad == []
