"""Quote forms that found no speaker before issue 11's coverage round (hand-written sentences)."""

from __future__ import annotations

import pytest

from lagebild.enrich._quote_rules import _plausible_speaker
from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences
from lagebild.model import Quote


def _quotes(text: str) -> list[Quote]:
    return find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)


def _one(text: str) -> Quote:
    qs = [q for q in _quotes(text) if q.speaker_text]
    assert len(qs) == 1, [(q.text, q.speaker_text, q.evidence) for q in _quotes(text)]
    return qs[0]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "evidence"),
    [
        # a place adverbial opening with a particle word is no separated particle
        (
            "Eine Abhilfe gebe es kaum, schreibt der Mieterverein auf seiner Website.",
            "Eine Abhilfe gebe es kaum",
            "der Mieterverein",
            "tail_cue",
        ),
        # "wie X, apposition, mitteilte" before and after the report
        (
            "Wie der Sprecher des Landkreises, Jonas Berger, mitteilte, "
            "wurde die Brücke gesperrt.",
            "wurde die Brücke gesperrt",
            "der Sprecher des Landkreises, Jonas Berger",
            "wie_front",
        ),
        (
            "Die Reparatur wird Monate dauern, wie Petra Lang, Leiterin des Bauamts, erklärte.",
            "Die Reparatur wird Monate dauern",
            "Petra Lang, Leiterin des Bauamts",
            "wie_tail",
        ),
        # a tail in the perfect tense: auxiliary, subject, adverbials, participle
        (
            "Es drohe ein Engpass, hatte die Ministerin bei ihrem Besuch in Kiel gesagt.",
            "Es drohe ein Engpass",
            "die Ministerin",
            "tail_cue",
        ),
        # after a plain verb of saying an indicative main clause is reported speech
        (
            "Bei ihrem Besuch in Oslo sagte Meier, die Regierung hielt sich an den Vertrag.",
            "die Regierung hielt sich an den Vertrag",
            "Meier",
            "complement",
        ),
        # direct quotes: a perfect tail, "so" with a verb and an object pronoun,
        # question and description verbs
        (
            "„Wir wollen die Werke enger verzahnen“, hatte Firmenchef Lutz in einem Interview "
            "erklärt.",
            "Wir wollen die Werke enger verzahnen",
            "Firmenchef Lutz",
            "tail_cue",
        ),
        (
            "„Er ist die eiserne Hand im Samthandschuh“, so beschrieb ihn der Betriebsrat Jan "
            "Wolff.",
            "Er ist die eiserne Hand im Samthandschuh",
            "der Betriebsrat Jan Wolff",
            "tail_so",
        ),
        (
            "„Warum kommt ihr erst jetzt nach Hause?“, fragte die Bürgermeisterin.",
            "Warum kommt ihr erst jetzt nach Hause?",
            "die Bürgermeisterin",
            "tail_cue",
        ),
        # "aus X verlautete": the "aus" phrase is the source
        (
            "Aus Regierungskreisen verlautete, dass der Gipfel verschoben werde.",
            "dass der Gipfel verschoben werde",
            "Aus Regierungskreisen",
            "complement",
        ),
        # "nach Meldungen der X"
        (
            "Nach Meldungen der Agentur Reuters wurden drei Soldaten verletzt.",
            "wurden drei Soldaten verletzt",
            "der Agentur Reuters",
            "source_nach Angaben",
        ),
        # "berichten von/über" reports like "sprechen von" (a named subject)
        (
            "Die Lage ist unklar. Greenpeace berichtete über neue Lecks an der Pipeline.",
            "über neue Lecks an der Pipeline",
            "Greenpeace",
            "reported",
        ),
        # "ließ X verlauten": the subject of "lassen"
        (
            "Außerdem ließ der Pressedienst des Ministeriums verlauten, dass verhandelt werde.",
            "dass verhandelt werde",
            "der Pressedienst des Ministeriums",
            "complement",
        ),
        # a quoted name with a number inside the subject
        (
            "Der Sender „Kanal 5“ berichtete, das Kabinett habe zugestimmt.",
            "das Kabinett habe zugestimmt",
            "Der Sender „Kanal 5“",
            "complement",
        ),
        # "laut einem X": the speaker without the dative article
        (
            "Das Buch ist laut einem Jury-Mitglied eine kluge Geschichte über das Altern.",
            "Das Buch ist laut einem Jury-Mitglied eine kluge Geschichte über das Altern",
            "Jury-Mitglied",
            "source_laut",
        ),
        # "Von der Leyen" is a surname, not an adverbial
        (
            "Von der Leyen betonte, unter den Bewerberinnen seien viele Mütter.",
            "unter den Bewerberinnen seien viele Mütter",
            "Von der Leyen",
            "complement",
        ),
        # a fronted dative ("Der …-en Zeitung", "Dem Spiegel"): the subject follows the verb
        (
            "Der örtlichen Zeitung sagte Anna Berg: "
            "„Ich gebe nicht auf, auch nicht im Gefängnis.“",
            "Ich gebe nicht auf, auch nicht im Gefängnis.",
            "Anna Berg",
            "cue_before",
        ),
        (
            "Dem Magazin sagte Merkel, sie sei zufrieden.",
            "sie sei zufrieden",
            "Merkel",
            "complement",
        ),
        # a coordinated source before "zufolge"
        (
            "Das Beben war Berichten der Sender ORF und ARD zufolge bis Linz zu spüren.",
            "Das Beben war Berichten der Sender ORF und ARD zufolge bis Linz zu spüren",
            "Berichten der Sender ORF und ARD",
            "source_zufolge",
        ),
        # a nominative pronoun right after the verb is the subject of a fronted object
        (
            "Einer Klage gegen das Urteil räumte er keine Chance ein, da die Frist verstrichen "
            "sei.",
            "da die Frist verstrichen sei",
            "er",
            "complement",
        ),
        # "wie X mitteilte": a place and a bracketed short form belong to the speaker
        (
            "Wie die Mission im Kosovo (KFOR) am Montag mitteilte, blieb es ruhig.",
            "blieb es ruhig",
            "die Mission im Kosovo (KFOR)",
            "wie_front",
        ),
        # a tail with the addressee after the speaker
        (
            "Pro Kopf gebe es nur einen Liter Wasser, sagte UN-Vertreter Tom Lang dem Sender "
            "„Radio X“.",
            "Pro Kopf gebe es nur einen Liter Wasser",
            "UN-Vertreter Tom Lang",
            "tail_cue",
        ),
        # documents and media as sources of a dass clause
        (
            "Der Beschluss sieht vor, dass eine Versammlung entscheidet.",
            "dass eine Versammlung entscheidet",
            "Der Beschluss",
            "complement",
        ),
        (
            "Nun vermelden chinesische Medien, dass die Werke Aufträge erhielten.",
            "dass die Werke Aufträge erhielten",
            "chinesische Medien",
            "complement",
        ),
        # a pronoun speaker of "wie" keeps no adverbial
        (
            "Er sehe keine Probleme, wie er in einem Schreiben an die Partei bekundete.",
            "Er sehe keine Probleme",
            "er",
            "wie_tail",
        ),
        # stated opinions and estimates with a dass clause
        (
            "Der Forscher Jan Roth vertritt die Ansicht, dass der Zoll mehr Hunger bringt.",
            "dass der Zoll mehr Hunger bringt",
            "Der Forscher Jan Roth",
            "complement",
        ),
        (
            "Experten schätzen, dass dann mehr Flaschen verkauft werden.",
            "dass dann mehr Flaschen verkauft werden",
            "Experten",
            "complement",
        ),
        # "kommentierte, <main clause>"
        (
            "Ein hoher Beamter kommentierte, die Erklärungen sollten den Kongress beruhigen.",
            "die Erklärungen sollten den Kongress beruhigen",
            "Ein hoher Beamter",
            "complement",
        ),
        # calls, accusations and pledges without a complement clause
        (
            "Die Lage ist ernst. Greenpeace rief zum Boykott der Firma auf.",
            "zum Boykott der Firma",
            "Greenpeace",
            "reported",
        ),
        (
            "Die Lage ist ernst. Angela Merkel sagte weitere Hilfe für die Region zu.",
            "weitere Hilfe für die Region",
            "Angela Merkel",
            "reported",
        ),
        # a two-word adverbial before the verb: the subject follows it
        (
            "Des Weiteren verwies Steinbrück darauf, dass die Steuern sinken.",
            "dass die Steuern sinken",
            "Steinbrück",
            "complement",
        ),
        # "In <document> heißt es, …" names the document as the source
        (
            "In einem Bericht des Rechnungshofs heißt es, die Kosten seien zu hoch.",
            "die Kosten seien zu hoch",
            "Bericht des Rechnungshofs",
            "heisst_es",
        ),
    ],
)
def test_quotes_coverage_forms_get_their_speaker(
    text: str, content: str, speaker: str, evidence: str
) -> None:
    q = _one(text)
    assert (q.text, q.speaker_text, q.evidence.split("/")[0]) == (content, speaker, evidence)


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        # a relative clause between "wie" and the cue is no apposition
        ("Die Reparatur wird dauern, wie Petra Lang, die gestern dort war, erklärte.", "wie_"),
        # "In … heißt es" without reported speech after it (an indicative sentence)
        ("Im Lied heißt es, Liebe ist alles.", "heisst_es"),
        # two main clauses joined by a comma: an object stands between cue and comma
        (
            "Das Gericht erklärte die Wahl für ungültig, der Termin wird neu angesetzt.",
            "complement",
        ),
        # a relative clause after the speaker is no reported speech
        ("Das sagte Merkel, die seit Jahren regiert, am Montag.", "complement"),
        # the subject of a passive demand is addressed, not speaking
        ("Die Bürger wurden aufgefordert, die Stadt zu verlassen.", "complement"),
        # "…, der zufolge …": a relative pronoun is no source
        ("Die Regel gilt als Leitlinie, der zufolge die Stadt mehr Freiheit hat.", "source_"),
        # "drohen" in a tail is a threat, not a report
        ("Dem Land droht der Abstieg, droht eine erneute Rezession.", "tail_cue"),
        # a perfect tail whose subject is an object pronoun
        ("Es drohe ein Engpass, hatte ihm gesagt.", "tail_cue"),
    ],
)
def test_quotes_coverage_forms_need_their_shape(text: str, evidence: str) -> None:
    assert not any(q.evidence.startswith(evidence) for q in _quotes(text))


@pytest.mark.parametrize(
    ("speaker", "ok"),
    [
        ("Die Polizei konnte weder", False),  # runs into its own clause
        ("Die Polizei", True),
        ("Des Weiteren", False),  # an adverbial
        ("Im Übrigen", False),
        ("Der Sprecher, der schweigen will", True),  # the auxiliary opens the speaker's own clause
    ],
)
def test_quotes_coverage_speaker_holds_no_finite_auxiliary(speaker: str, ok: bool) -> None:
    assert _plausible_speaker(speaker) is ok


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        # the period of a title or an initial does not end the speaker
        ("„Wir kommen morgen wieder nach Berlin“, sagte Prof. Dr. Hans Meier.", "de",
         "Prof. Dr. Hans Meier"),
        ("„Wir kommen morgen wieder nach Berlin“, sagte Charles J. Camarda.", "de",
         "Charles J. Camarda"),
        ("“We were looking for signs,” said Dr. Harold Varmus.", "en", "Dr. Harold Varmus"),
        # English lower-case title words between a capitalised word and the name
        (
            "“The distraction hurts,” said Republican party boss Reince Priebus.",
            "en",
            "Republican party boss Reince Priebus",
        ),
        # an apposition that runs to the end of an English tail belongs to the speaker
        (
            "“We need to focus on water,” said Erin Brockovich, the environmental activist.",
            "en",
            "Erin Brockovich, the environmental activist",
        ),
        # ... not a participle clause after the name
        ("“We will win this state easily,” said Trump, adding that he was sure.", "en",
         "Trump"),
        # ... but not a day after a lower-case noun
        ("“We do not know it yet,” told CNN reporters Monday.", "en", "CNN"),
    ],
)
def test_quotes_coverage_titles_and_initials_stay_in_the_speaker(
    text: str, lang: str, speaker: str
) -> None:
    qs = find_quotes(text, split_sentences(text, lang), lang=lang, min_confidence=0.0)
    assert [q.speaker_text for q in qs] == [speaker]
