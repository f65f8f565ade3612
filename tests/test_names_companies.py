"""Round 14 of the names guard (lagebild.enrich.names_companies): companies the model types PER,
one-word genitives of names the article writes without the ``s``."""

from __future__ import annotations


from lagebild.enrich import names_rules
from lagebild.enrich.names import filter_spans

from ._names import spans as _spans


def _listed(text, spans):
    return {(text[a:b], lab) for a, b, lab in filter_spans(text, spans)}


COMPANY = (
    "Im Februar 2012 hat der Elektroautobauer Tesla den Prototypen enthüllt. Später rief "
    "Tesla fast alle Autos zurück. Die Heimwerkerkette Baumax schließt. Den Baumax-"
    "Mitarbeitern wurde gekündigt. Laut der Kanzlei Mossack Fonseca sei alles legal. "
    "Waldorfpädagoge Daniell Porsche schenkte das Grundstück; Porsche sagte, er freue sich. "
    "Der Autobauer Herbert Diess ist zufrieden."
)


def test_company_cue_types_companies_org(monkeypatch):
    spans = _spans(
        COMPANY, ("Tesla", "PER"), ("Baumax", "PER"), ("Mossack Fonseca", "PER"),
        ("Daniell Porsche", "PER"), ("Herbert Diess", "PER"),
    )  # fmt: skip
    got = _listed(COMPANY, spans)
    assert ("Tesla", "ORG") in got and ("Tesla", "PER") not in got  # "Elektroautobauer Tesla"
    assert ("Baumax", "ORG") in got  # "Heimwerkerkette Baumax", "Baumax-Mitarbeitern"
    assert ("Mossack Fonseca", "ORG") in got  # "Kanzlei Mossack Fonseca"
    assert ("Daniell Porsche", "PER") in got  # a person's name: no company noun before it
    # a given name the article writes as a person's: "Autobauer" is no cue for a person
    assert ("Herbert Diess", "PER") in got
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"company_cue"})
    assert ("Tesla", "PER") in _listed(COMPANY, spans)


def test_company_cue_not_on_a_surname_of_a_listed_person():
    text = "Der Designer Karl Lagerfeld lobte die Lagerfeld-Mitarbeiter. Lagerfeld sagte, er sei stolz."
    spans = [(s, e, lab) for s, e, lab in _spans(text, ("Karl Lagerfeld", "PER"), ("Lagerfeld", "PER"))]
    spans = [sp for sp in spans if not any(o != sp and o[0] <= sp[0] and sp[1] <= o[1] for o in spans)]
    got = _listed(text, spans)
    assert ("Lagerfeld", "PER") in got and ("Lagerfeld", "ORG") not in got


GENITIVE = (
    "Bayerns Ministerpräsident Horst Seehofer forderte Grenzen. In den nächsten Tagen "
    "könne Bayern an seine Grenzen kommen. Plutos kleine Monde wurden vergrößert; Pluto "
    "ist ein Zwergplanet. Das Rotes Kreuz half."
)


def test_genitive_join(monkeypatch):
    spans = _spans(
        GENITIVE, ("Bayerns", "LOC"), ("Bayern", "LOC"), ("Horst Seehofer", "PER"),
        ("Plutos", "MISC"), ("Pluto", "MISC"), ("Rotes Kreuz", "ORG"),
    )  # fmt: skip
    got = _listed(GENITIVE, spans)
    assert ("Bayerns", "LOC") not in got and ("Bayern", "LOC") in got
    assert ("Plutos", "MISC") not in got and ("Pluto", "MISC") in got
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"genitive_join"})
    assert ("Bayerns", "LOC") in _listed(GENITIVE, spans)


def test_genitive_join_keeps_names_ending_in_s():
    text = "Der Präsident von Paris sprach. In Pari? Nein. Das Rotes Haus steht. Rote Rosen."
    spans = _spans(text, ("Paris", "LOC"), ("Rotes", "ORG"))
    got = _listed(text, spans)
    assert ("Paris", "LOC") in got  # a name the gazetteer knows is no genitive
    assert ("Rotes", "ORG") in got  # "Rote" is an adjective's form, no name


def test_place_compound_is_no_mention_of_the_place(monkeypatch):
    from lagebild.enrich.resolve import resolve

    text = (
        "Es habe sich gezeigt, dass das Dublin-Abkommen nicht funktioniere. Die EU-Verordnung "
        "gilt. Beim Wien-Besuch lobte er die Stadt."
    )
    names = {e.name for e in resolve(text, [])}
    assert "Dublin" not in names  # the agreement, not the town
    assert "Wien" in names  # a visit to Vienna mentions Vienna
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"place_compound"})
    assert "Dublin" in {e.name for e in resolve(text, [])}


def test_genitive_y(monkeypatch):
    text = "Selbst während der sozialdemokratischen Alleinregierung Bruno Kreiskys war das so."
    spans = _spans(text, ("Bruno Kreiskys", "PER"))
    assert _listed(text, spans) == {("Bruno Kreisky", "PER")}
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"genitive_y"})
    assert _listed(text, spans) == {("Bruno Kreiskys", "PER")}


def test_team_suffix(monkeypatch):
    text = (
        "Montreal Canadiens – Boston Bruins 1:4, Tampa Bay Lightning – Edmonton Oilers 6:4. "
        "Kiki Bertens gewann 6:3."
    )
    spans = _spans(
        text, ("Montreal Canadiens", "ORG"), ("Boston", "LOC"), ("Tampa Bay Lightning", "LOC"),
        ("Edmonton Oilers", "ORG"), ("Kiki Bertens", "PER"),
    )  # fmt: skip
    got = _listed(text, spans)
    assert ("Boston Bruins", "ORG") in got and ("Tampa Bay Lightning", "ORG") in got
    assert ("Kiki Bertens", "PER") in got  # a surname in -s stays a person
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"team_suffix"})
    assert ("Tampa Bay Lightning", "LOC") in _listed(text, spans)


def test_counted_noun(monkeypatch):
    text = "Kevin Anderson schlug in Wimbledon 40 Asse. Er spielt seit 2007 Tennis."
    spans = _spans(text, ("Asse", "LOC"), ("Wimbledon", "LOC"), ("Kevin Anderson", "PER"))
    got = _listed(text, spans)
    assert ("Asse", "LOC") not in got and ("Wimbledon", "LOC") in got
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {"counted_noun"})
    assert ("Asse", "LOC") in _listed(text, spans)
