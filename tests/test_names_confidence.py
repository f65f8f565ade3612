"""Round 12 of the names guard: names the BiLSTM doubts (lagebild.enrich.names_confidence)."""

from __future__ import annotations

import pytest

from lagebild.enrich import names_confidence, names_rules
from lagebild.enrich.names import filter_spans
from lagebild.enrich.ner_lstm import span_confidence

TEXT = (
    "Der Trainer von Rapid Wien, Peter Schöttel, sagte am Montag in Hütteldorf, "
    "das Spiel gegen Salzburg sei schwer. Die Mannschaft verlor."
)
# four more sentences: the rule reads whole articles only
MORE = (
    " Das ist nicht neu. Es regnete den ganzen Tag. Die Fans blieben trotzdem."
    " Am Abend war das Stadion leer."
)


def _span(text: str, word: str, label: str, nth: int = 0) -> tuple[int, int, str]:
    a = -1
    for _ in range(nth + 1):
        a = text.index(word, a + 1)
    return (a, a + len(word), label)


@pytest.fixture(autouse=True)
def _lstm(monkeypatch):
    monkeypatch.setenv("LAGEBILD_NER", "lstm")


def test_confidence_names_high_nouns_low():
    words = ["Rapid Wien", "Peter Schöttel", "Hütteldorf", "Trainer", "Montag", "Mannschaft"]
    conf = dict(zip(words, span_confidence(TEXT, [_span(TEXT, w, "X")[:2] for w in words])))
    assert min(conf["Rapid Wien"], conf["Peter Schöttel"], conf["Hütteldorf"]) > 0.9
    assert max(conf["Trainer"], conf["Montag"], conf["Mannschaft"]) < 0.1


def test_typed_confidence():
    sp = _span(TEXT, "Peter Schöttel", "PER")
    per, loc = (span_confidence(TEXT, [sp[:2]], [lab])[0] for lab in ("PER", "LOC"))
    assert per > 0.9 > 0.1 > loc


def test_lone_doubted_name_dropped():
    text = TEXT + MORE
    spans = [_span(text, "Mannschaft", "ORG"), _span(text, "Peter Schöttel", "PER")]
    got = {text[a:b] for a, b, _ in names_confidence.low_confidence(text, spans)}
    assert got == {"Peter Schöttel"}
    # a sentence alone: no support can be seen, the rule does nothing
    spans = [_span(TEXT, "Mannschaft", "ORG")]
    assert names_confidence.low_confidence(TEXT, spans) == spans


def test_switch_off_keeps_it(monkeypatch):
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"low_confidence"})
    spans = [_span(TEXT + MORE, "Mannschaft", "ORG")]
    assert names_confidence.low_confidence(TEXT + MORE, spans) == spans


def test_other_model_keeps_it(monkeypatch):
    monkeypatch.setenv("LAGEBILD_NER", "cnn")
    spans = [_span(TEXT + MORE, "Mannschaft", "ORG")]
    assert names_confidence.low_confidence(TEXT + MORE, spans) == spans


def test_support_keeps_a_doubted_name():
    text = TEXT + " Die Mannschaft kam nicht zurück." + MORE
    spans = [_span(text, "Mannschaft", "ORG")]
    assert names_confidence.low_confidence(text, spans) == spans  # written twice
    t2 = "Das sagte der Sprecher der Holding Mannschaft AG am Montag." + MORE
    sp2 = [_span(t2, "Holding Mannschaft AG", "ORG")]
    assert names_confidence.low_confidence(t2, sp2) == sp2  # an organisation's designator


def test_filter_spans_applies_the_rule(monkeypatch):
    text = "Die Grafikkarten GTX 970M und Quadro sind schneller geworden." + MORE
    spans = [_span(text, "GTX 970M", "MISC")]
    assert filter_spans(text, spans) == []  # the BiLSTM doubts it, nothing supports it
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"low_confidence"})
    assert filter_spans(text, spans) == spans  # the guard without round 12 kept it


def test_supports():
    sup = names_confidence._supported
    assert sup("x", "Karl Schnell", "PER") and sup("x", "Colette M. Schmidt", "PER")
    assert sup("x", "MSF", "ORG") and sup("x", "Oberlandesgericht Düsseldorf", "ORG")
    assert not sup("x", "Abderaman A", "PER") and not sup("x", "Kaserne Fehring", "ORG")


def test_brand_product(monkeypatch):
    from lagebild.enrich.names_products import brand_product

    text = "Apple stellte die Apple Watch vor. Apple Music und die Apple Inc bleiben."
    spans = [_span(text, "Apple", "ORG"), _span(text, "Apple Watch", "ORG"),
             _span(text, "Apple Music", "ORG"), _span(text, "Apple Inc", "ORG")]
    got = {text[a:b]: lab for a, b, lab in brand_product(text, spans)}
    assert got == {"Apple": "ORG", "Apple Watch": "MISC", "Apple Music": "ORG",
                   "Apple Inc": "ORG"}
    # no maker named alone: nothing to tell
    assert brand_product(text, spans[1:]) == spans[1:]
    # a party's branch named by a place of the article: no product
    t2 = "Die ÖVP sagt nein. Die ÖVP Burgenland lehnt ab, im Burgenland."
    sp2 = [_span(t2, "ÖVP", "ORG"), _span(t2, "ÖVP Burgenland", "ORG"),
           _span(t2, "Burgenland", "LOC", nth=1)]
    assert brand_product(t2, sp2) == sp2
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"brand_product"})
    assert brand_product(text, spans) == spans


def test_layout_labels(monkeypatch):
    from lagebild.enrich.names_layout import layout_labels

    t = ("Das ist das Sterben. STANDARD: Wir sitzen hier, sagte er dem STANDARD. Laut DER "
         "STANDARD kam DEN gegen SWE. Kuster – Höller, Knoflach – Wöber. Star Wars – Das "
         "Erwachen der Macht lief.")
    spans = [_span(t, "STANDARD", "LOC"), _span(t, "STANDARD", "LOC", 1), _span(t, "DER", "ORG"),
             _span(t, "DEN", "LOC"), _span(t, "Kuster – Höller", "PER"),
             _span(t, "Knoflach – Wöber", "MISC"),
             _span(t, "Star Wars – Das Erwachen der Macht", "MISC")]
    got = [(t[a:b], lab) for a, b, lab in layout_labels(t, spans)]
    assert got == [("STANDARD", "ORG"), ("STANDARD", "ORG"), ("DEN", "LOC"), ("Kuster", "PER"),
                   ("Höller", "PER"), ("Star Wars – Das Erwachen der Macht", "MISC")]
    # not a label (no colon): a place stays a place
    t2 = "Er fuhr nach KIEW. Dort blieb er."
    assert layout_labels(t2, [_span(t2, "KIEW", "LOC")]) == [_span(t2, "KIEW", "LOC")]
    monkeypatch.setattr(names_rules, "RULES",
                        names_rules.RULES - {"interview_label", "caps_determiner", "dash_pair"})
    assert layout_labels(t, spans) == spans
