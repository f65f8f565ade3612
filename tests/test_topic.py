"""Topic sections: the shipped classifier (models/topic-de) and its evaluation."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lagebild.enrich import topic
from lagebild.evaluate import topic as topic_eval
from tests.conftest import SHARED

GNAD = SHARED / "data" / "10kGNAD" / "articles.csv"

FOOTBALL = (
    "Werder Bremen dreht Partie in Freiburg",
    "Zwei späte Tore haben Werder Bremen am Samstag einen 2:1-Auswärtssieg beim SC Freiburg "
    "beschert. Die Gastgeber waren nach einer Ecke in der 23. Minute in Führung gegangen, "
    "doch nach der Pause drückte Bremen. Der eingewechselte Stürmer traf zunächst per Kopf "
    "zum Ausgleich und verwandelte in der Nachspielzeit einen Foulelfmeter. In der Tabelle "
    "rückt Werder damit auf einen Europapokalplatz vor.",
)
BUDGET = (
    "Haushalt 2025: Kabinett beschließt Sparpaket",
    "Das Bundeskabinett hat den Entwurf für den Bundeshaushalt 2025 gebilligt. Der "
    "Finanzminister plant Ausgaben von 481 Milliarden Euro und eine Neuverschuldung von "
    "knapp 44 Milliarden Euro im Rahmen der Schuldenbremse. Kürzungen treffen vor allem das "
    "Entwicklungsministerium und die Förderprogramme für Unternehmen. Ökonomen warnen, dass "
    "die Investitionen zu niedrig ausfallen.",
)
FOREIGN = (
    "Seoul, Tokio und Washington verurteilen Pakt zwischen Pjöngjang und Moskau",
    "Die Außenminister Südkoreas, Japans und der USA haben das neue Militärabkommen zwischen "
    "Nordkorea und Russland scharf kritisiert. Der Vertrag sieht gegenseitigen Beistand im "
    "Falle eines Angriffs vor. In einer gemeinsamen Erklärung riefen die drei Regierungen den "
    "UN-Sicherheitsrat auf, die Sanktionen gegen Pjöngjang durchzusetzen.",
)
TECH = (
    "Schwere Sicherheitslücke in beliebter Smartphone-App",
    "Sicherheitsforscher haben in einer weit verbreiteten Messenger-App eine Lücke entdeckt, "
    "über die Angreifer Schadsoftware auf Android-Handys und iPhones schleusen konnten. Der "
    "Hersteller hat ein Update veröffentlicht und rät allen Nutzern, die App sofort zu "
    "aktualisieren. Ob die Schwachstelle bereits ausgenutzt wurde, ist unklar.",
)
SCIENCE = (
    "Forscher entdecken Spuren von Wasser auf dem Mars",
    "Ein internationales Forschungsteam hat mit Radardaten einer Raumsonde Hinweise auf "
    "flüssiges Wasser unter der Eisdecke am Südpol des Mars gefunden. Die Ergebnisse "
    "erschienen im Fachjournal Science. Die Astronomen wollen die Messungen nun mit weiteren "
    "Beobachtungen überprüfen.",
)
ENGLISH_FOOTBALL = (
    "Arsenal beat Chelsea in London derby",
    "Arsenal beat Chelsea 2-0 at the Emirates on Sunday. The striker opened the scoring "
    "with a header from a corner before the midfielder added a second goal after the break. "
    "The win lifts Arsenal to the top of the Premier League table.",
)


def test_topic_model_is_shipped_as_plain_data():
    files = {p.name for p in topic.MODEL_DIR.iterdir()}
    assert {"weights.npz", "config.json", "MODEL_CARD.md"} <= files
    size = sum(p.stat().st_size for p in topic.MODEL_DIR.iterdir())
    assert size < 20 * 1024 * 1024
    config = json.loads((topic.MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    assert set(config["labels"]) <= set(topic.SECTIONS)
    with np.load(topic.MODEL_DIR / "weights.npz", allow_pickle=False) as npz:
        assert npz["W"].shape == (512, len(config["labels"]))
        assert npz["b"].shape == (len(config["labels"]),)
        assert np.isfinite(npz["W"]).all()


@pytest.mark.parametrize(
    ("article", "allowed"),
    [
        (FOOTBALL, {"Sport"}),
        (BUDGET, {"Wirtschaft", "Inland"}),
        (FOREIGN, {"International"}),
        (TECH, {"Web/Technik"}),
        (SCIENCE, {"Wissenschaft"}),
    ],
    ids=["football", "budget", "foreign-politics", "tech", "science"],
)
def test_topic_german_articles_get_their_section(article, allowed):
    label, prob = topic.predict_section(*article, lang="de")
    assert label in allowed, (label, prob, topic.predict_proba(*article))
    assert topic.DEFAULT_MIN_CONFIDENCE <= prob <= 1.0


def test_topic_football_report_is_confidently_sport():
    label, prob = topic.predict_section(*FOOTBALL)
    assert label == "Sport"
    assert prob > 0.6


def test_topic_english_article_uses_the_same_model():
    label, _ = topic.predict_section(*ENGLISH_FOOTBALL, lang="en")
    assert label == "Sport"
    assert topic.predict_section(*ENGLISH_FOOTBALL, lang="en-GB")[0] == "Sport"


@pytest.mark.parametrize("lang", ["fr", "ru", "", None])
def test_topic_unsupported_language_gives_none(lang):
    assert topic.predict_section(*FOOTBALL, lang=lang) == (None, 0.0)


def test_topic_empty_article_gives_none():
    assert topic.predict_section("", "") == (None, 0.0)
    assert topic.predict_section("  ", "\n") == (None, 0.0)
    assert topic.predict_proba("", "") == {}


def test_topic_below_the_floor_is_none_with_its_probability():
    label, prob = topic.predict_section(*BUDGET, min_confidence=0.999)
    assert label is None
    assert 0.0 < prob < 0.999
    best = max(topic.predict_proba(*BUDGET).values())
    assert prob == pytest.approx(best, abs=1e-6)


def test_topic_probabilities_sum_to_one_and_batch_agrees():
    proba = topic.predict_proba(*FOREIGN)
    assert set(proba) <= set(topic.SECTIONS)
    assert sum(proba.values()) == pytest.approx(1.0, abs=1e-5)
    items = [FOOTBALL, ("", ""), FOREIGN, TECH]
    batch = topic.predict_sections(items)
    single = [topic.predict_section(t, x) for t, x in items]
    assert [b[0] for b in batch] == [s[0] for s in single]
    assert [b[1] for b in batch] == pytest.approx([s[1] for s in single], abs=1e-5)


def test_topic_only_the_first_1200_characters_are_read():
    title, text = FOOTBALL
    text = (text + " ") * 4  # about 1 600 characters
    tail = " Die Zentralbank erhöht die Zinsen." * 100
    assert topic.passages(title, text + tail) == topic.passages(title, text)
    assert len(topic.passages(title, text)) == 3
    assert len(topic.passages(title, FOOTBALL[1])) == 1  # under 400 characters
    assert topic.predict_section(title, text + tail) == topic.predict_section(title, text)


def test_topic_scores_accuracy_macro_f1_and_per_class():
    gold = ["Sport", "Sport", "Kultur", "Inland"]
    pred = ["Sport", "Kultur", "Kultur", None]
    s = topic_eval.scores(gold, pred)
    assert s["accuracy"] == 0.5
    assert s["per_class"]["Sport"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert s["per_class"]["Kultur"]["precision"] == 0.5
    assert s["per_class"]["Inland"]["f1"] == 0.0
    assert s["macro_f1"] == pytest.approx((0.6667 + 0.6667 + 0.0) / 3, abs=1e-3)
    with pytest.raises(ValueError):
        topic_eval.scores(["Sport"], [])


def test_topic_read_gnad_maps_labels(tmp_path):
    path = tmp_path / "mini.csv"
    path.write_text(
        "Web;'Ein Text; mit Semikolon'\nEtat;'Quote'\nUnbekannt;'x'\n", encoding="utf-8"
    )
    assert topic_eval.read_gnad(path) == [
        ("Web/Technik", "Ein Text; mit Semikolon"),
        ("Etat/Medien", "Quote"),
    ]


@pytest.mark.skipif(not GNAD.exists(), reason="10kGNAD (shared data) not available")
def test_topic_10kgnad_sample_meets_the_floor():
    # every 10th of the 1 028 test articles (103; accuracy 0.67, macro-F1 0.67), to
    # stay fast; the full run is in models/topic-de/metrics.json (0.69 / 0.68)
    result = topic_eval.evaluate_gnad(GNAD, every=10)
    assert result["n"] == 103
    assert result["accuracy"] >= 0.60, result
    assert result["macro_f1"] >= 0.55, result
    assert result["per_class"]["Sport"]["f1"] >= 0.8
    assert result["coverage"] >= 0.7
