"""Word lists for :mod:`lagebild.enrich.quotes` (German and English).

Kept apart from the rules so they can be read and extended on their own.
Every list is lower case.
"""

from __future__ import annotations

# Lemmas of verbs (and particle verbs) that introduce reported speech,
# writing or stated opinion.  Thought verbs (glauben, befürchten, hoffen) are
# included because news reports them like statements and SpkAtt annotates them.
SPEECH_LEMMAS_DE = frozenset(
    """
    sagen erklären betonen fordern warnen bekräftigen behaupten angeben
    zurückweisen mitteilen berichten versichern kritisieren ankündigen
    hinzufügen einräumen bestreiten dementieren feststellen bestätigen äußern
    meinen schreiben verkünden bekanntgeben unterstreichen ergänzen entgegnen
    kommentieren verlauten erläutern argumentieren beteuern versprechen
    zusichern hervorheben hinweisen klarstellen melden vorwerfen erwidern
    antworten mahnen appellieren beklagen verlangen anmerken präzisieren
    ausführen fortfahren bemerken glauben hoffen befürchten vermuten erwarten
    prognostizieren vorschlagen empfehlen beschuldigen spekulieren drohen
    zugeben eingestehen leugnen verneinen informieren twittern bekräftigen
    versprechen zitieren beharren insistieren unterstellen darlegen
    wiederholen bekunden bezeugen schildern berichten vorrechnen kundtun
    bekanntmachen anzweifeln bezweifeln ausgehen bedauern begrüßen erhoffen
    zusagen bekanntwerden
    fragen nachfragen rufen beschreiben charakterisieren resümieren bilanzieren
    urteilen folgern scherzen verweisen begründen fürchten auffordern aufrufen
    raten vermelden vorsehen schätzen vertreten widersprechen
    entscheiden beschließen planen anbieten verständigen vereinbaren
    festhalten ergeben verbreiten voraussagen vorhersagen nennen
    klarmachen bitten vorgeben anweisen
    verlautbaren plädieren anregen hervorgehen entgegensetzen
    entgegenhalten
    """.split()
)

# Plain verbs of saying: after them a main clause in the indicative is reported
# speech too ("sagte Rice, die USA hielten sich an …"); after the others (thought,
# stance, demand) a complement needs dass/ob/Konjunktiv.
SAY_CORE_DE = frozenset(
    """
    sagen erklären betonen mitteilen versichern bekräftigen unterstreichen
    ergänzen hinzufügen erläutern behaupten argumentieren beteuern verkünden
    feststellen kommentieren angeben
    """.split()
)

# Particle verbs are found as base lemma + separated particle at clause end
# ("teilte ... mit" -> mitteilen).  A base whose particle verb is NOT a speech
# verb is no cue ("sagte das Treffen ab" -> absagen).
PARTICLES_DE = frozenset(
    "an ab auf aus bei dar ein fest fort her hervor hin hinzu klar mit nach "
    "vor voraus weiter zu zurück bekannt kund entgegen".split()
)

# Verbs whose complement may be a bare zu-infinitive ("behauptet, das Recht
# zu haben"); for the others a complement needs dass/ob/Konjunktiv.
ZU_INF_LEMMAS = frozenset(
    """
    behaupten ankündigen versprechen fordern bestreiten zusichern drohen
    verlangen vorschlagen empfehlen appellieren mahnen beteuern leugnen
    dementieren warnen versichern hoffen einräumen zugeben vorwerfen erklären
    bekräftigen auffordern aufrufen raten
    """.split()
)

SPEECH_VERBS_EN = {
    # form -> lemma
    **{f: "say" for f in ("say", "says", "said", "saying")},
    **{f: "tell" for f in ("tell", "tells", "told")},
    **{f: "state" for f in ("stated",)},  # "secretary of state", "swing states": nouns
    **{f: "warn" for f in ("warn", "warns", "warned")},
    **{f: "add" for f in ("add", "adds", "added")},
    **{f: "claim" for f in ("claims", "claimed")},
    **{f: "deny" for f in ("deny", "denies", "denied")},
    **{f: "announce" for f in ("announce", "announces", "announced")},
    **{f: "insist" for f in ("insist", "insists", "insisted")},
    **{f: "argue" for f in ("argue", "argues", "argued")},
    **{f: "explain" for f in ("explain", "explains", "explained")},
    **{f: "stress" for f in ("stressed",)},
    **{f: "confirm" for f in ("confirm", "confirms", "confirmed")},
    **{f: "report" for f in ("reports", "reported")},
    **{f: "write" for f in ("write", "writes", "wrote")},
    **{f: "believe" for f in ("believes", "believed")},
    **{f: "note" for f in ("notes", "noted")},
    **{f: "tweet" for f in ("tweeted",)},
    **{f: "acknowledge" for f in ("acknowledges", "acknowledged")},
    **{f: "suggest" for f in ("suggests", "suggested")},
    **{f: "declare" for f in ("declares", "declared")},
    **{f: "reply" for f in ("replies", "replied")},
    **{f: "conclude" for f in ("concludes", "concluded")},
    **{f: "admit" for f in ("admits", "admitted")},
    **{f: "predict" for f in ("predicts", "predicted")},
    **{f: "concede" for f in ("concedes", "conceded")},
    **{f: "contend" for f in ("contends", "contended")},
    **{f: "assert" for f in ("asserts", "asserted")},
    **{f: "allege" for f in ("alleges", "alleged")},
    **{f: "emphasize" for f in ("emphasizes", "emphasized", "emphasised")},
    **{f: "reiterate" for f in ("reiterates", "reiterated")},
    **{f: "continue" for f in ("continued",)},
    **{f: "think" for f in ("thinks",)},
    **{f: "respond" for f in ("responds", "responded")},
    **{f: "ask" for f in ("asks", "asked")},
}

# Unambiguous Konjunktiv forms (I and II) of frequent verbs.  Regular
# Konjunktiv I ("stelle", "diene") is found by rule in quotes.py.
KONJ_FORMS = frozenset(
    """
    sei seien seiest seist habe hätte hätten hättest werde würde würden
    könne könnte könnten müsse müsste müssten müßte müßten solle wolle
    dürfe dürfte dürften möge möchte wäre wären gäbe gebe gebe bestehe
    stehe gehe komme liege lasse wisse brauche bleibe
    """.split()
)

SUBORD_COMPLEMENT = frozenset(
    "dass daß ob wie wer was warum weshalb weswegen wieso wann wo wohin "
    "inwiefern welche welcher welches".split()
)
SUBORD_COMPLEMENT_EN = frozenset("whether if how why what who when where which".split())
NOT_SPEECH_COMPLEMENT_EN = frozenset(
    "before after while as because although though but and or to in on at for with "
    "during despite since until unless so by from of about".split()
)
NOT_SPEECH_COMPLEMENT = frozenset(
    "um indem als weil nachdem obwohl während bevor damit sodass so wenn "
    "falls sofern und aber sondern denn wonach".split()
)

DETERMINERS = frozenset(
    """
    der die das den dem des ein eine einer eines einem einen sein seine
    seiner seines seinem seinen ihr ihre ihrer ihres ihrem ihren dessen deren
    dieser diese dieses diesem diesen jener jene jenes mehrere einige viele
    beide beiden zwei drei vier fünf sechs sieben acht neun zehn alle andere
    anderen weitere weiteren zahlreiche unser unsere euer
    the a an his her their its our several many some two three
    """.split()
)

PRONOUNS_DE = frozenset("er sie es wir ich man ihr".split())
PRONOUNS_EN = frozenset("he she they we i it".split())

PREPOSITIONS = frozenset(
    """
    am im in an auf aus bei beim gegenüber vor nach mit zu zum zur über für
    von vom durch um ohne gegen unter zwischen während seit bis laut trotz
    wegen infolge angesichts hinsichtlich anlässlich neben hinter innerhalb
    außerhalb ab per pro
    at in on to for from with by after before during about of into over
    """.split()
)

ADVERBS = frozenset(
    """
    auch nun jetzt heute gestern morgen vorgestern bereits schon noch zudem
    außerdem ferner jedoch aber doch dann dabei damals zuletzt zuvor später
    danach daher deshalb darum dazu darauf hingegen allerdings indes
    inzwischen mittlerweile weiter weiterhin erneut wiederholt ebenfalls
    gleichzeitig zugleich bislang bisher stets immer nie nicht kaum sogar
    nur selbst etwa rund fast offenbar offensichtlich angeblich wohl
    vermutlich möglicherweise zunächst anschließend schließlich ausdrücklich
    also so hier dort demnach zufolge dagegen hierzu sodann ebenso
    unterdessen derweil währenddessen indessen insbesondere einerseits
    andererseits
    also then later however still again
    """.split()
)

MONTHS_AND_DAYS = frozenset(
    """
    montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag
    januar februar märz april mai juni juli august september oktober
    november dezember wochenende abend morgen nachmittag vormittag
    """.split()
)

# Nouns after "nach"/"gemäß" that make the phrase a source ("nach Angaben der
# Polizei"); matched as word endings so compounds count ("Polizeiangaben").
SOURCE_NOUN_SUFFIXES = (
    "angaben",
    "angabe",
    "informationen",
    "berichten",
    "bericht",
    "aussagen",
    "aussage",
    "darstellung",
    "darstellungen",
    "ansicht",
    "auffassung",
    "einschätzung",
    "einschätzungen",
    "schätzungen",
    "berechnungen",
    "berechnung",
    "erkenntnissen",
    "meinung",
    "mitteilung",
    "auskunft",
    "auskünften",
    "worten",
    "ermittlungen",
    "ermittlungsstand",  # "nach jetzigem Ermittlungsstand"
    "kenntnisstand",
    "untersuchungen",
    "umfragen",
    "umfrage",
    "zählung",
    "statistik",
    "studie",
    "prognose",
    "prognosen",
    "medienberichten",
    "erklärung",
    "sicht",
    "meldungen",
    "hochrechnung",
    "hochrechnungen",
    # "nach einer Stellungnahme der Armee", "nach Schätzung der WHO", "nach palästinensischen
    # Medien" (read on train80c, 2026-12-07)
    "stellungnahme",
    "schätzung",
    "vorhersage",
    "medien",
    # "nach dem Willen des Gipfels", "nach den Vorstellungen der Regierung"
    "willen",
    "vorstellungen",
    # "nach einem EU-Dokument", "nach dem Gesetzentwurf der Koalition" (read on
    # train80d, 2026-12-07; not "Veröffentlichung": "nach der Veröffentlichung" is "after")
    "dokument",
    "dokumenten",
    "entwurf",
)

# Nouns that name a statement rather than its author ("die gemeinsame
# Erklärung"): a speaker with such a head refers to whoever issued it.
STATEMENT_NOUNS = frozenset(
    """
    erklärung mitteilung stellungnahme pressemitteilung communiqué kommuniqué
    ankündigung bericht schreiben brief erlass statement verlautbarung
    abschlusserklärung
    statement communique communiqué declaration release announcement letter
    """.split()
)
# Words that make a statement a joint one, issued by a group.
JOINT_WORDS = frozenset(
    "gemeinsame gemeinsamen trilaterale trilateralen bilaterale bilateralen "
    "joint trilateral bilateral".split()
)

# Head nouns of descriptions that refer back to an organisation named before,
# with the words an earlier name must contain to be compatible.
DESCRIPTION_HEADS = {
    "büro": ("amt", "büro", "office", "kanzlei", "präsidial", "ministerium", "haus"),
    "amt": ("amt", "büro", "office", "präsidial", "behörde"),
    "präsidialamt": ("präsidialamt", "präsident", "büro", "amt"),
    "ministerium": ("ministerium", "minister"),
    "behörde": ("behörde", "amt", "agentur", "polizei", "dienst"),
    "regierung": ("regierung", "kabinett", "ministerium"),
    "partei": ("partei", "union", "spd", "cdu", "csu", "grüne", "fdp", "afd"),
    "unternehmen": ("konzern", "gmbh", "ag", "inc", "unternehmen", "firma", "werke"),
    "konzern": ("konzern", "gmbh", "ag", "inc", "unternehmen", "werke"),
    "polizei": ("polizei",),
    "armee": ("armee", "streitkräfte", "militär"),
    "militär": ("armee", "streitkräfte", "militär", "verteidigung"),
    "ministerin": ("ministerin", "minister"),
}

# Plural group descriptions that refer to the countries / parties named before.
GROUP_HEADS = frozenset(
    "länder staaten regierungen verbündeten partner seiten nationen mächte "
    "minister außenminister staatschefs regierungschefs sicherheitsberater "
    "politiker präsidenten vertreter delegationen "
    "countries states governments allies partners sides nations powers "
    "leaders ministers presidents delegations".split()
)
# Of these, the heads that name states: they refer to a group of countries or
# organisations, never to a group of persons.
STATE_HEADS = frozenset(
    "länder staaten regierungen verbündeten nationen mächte "
    "countries states governments allies nations powers".split()
)
# Number words in a group description and the group size they require.
GROUP_NUMBERS = {
    "beide": 2, "beiden": 2, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
}  # fmt: skip

# Capitals (German and English names) used as actors -> their country.
CAPITALS = {
    "seoul": "südkorea",
    "pjöngjang": "nordkorea",
    "pyongyang": "nordkorea",
    "washington": "usa",
    "tokio": "japan",
    "tokyo": "japan",
    "moskau": "russland",
    "moscow": "russland",
    "peking": "china",
    "beijing": "china",
    "berlin": "deutschland",
    "paris": "frankreich",
    "london": "großbritannien",
    "kiew": "ukraine",
    "kyjiw": "ukraine",
    "kyiv": "ukraine",
    "jerusalem": "israel",
    "teheran": "iran",
    "tehran": "iran",
    "ankara": "türkei",
    "brüssel": "eu",
    "rom": "italien",
    "madrid": "spanien",
    "warschau": "polen",
    "wien": "österreich",
    "bern": "schweiz",
    "taipeh": "taiwan",
    "neu-delhi": "indien",
    "damaskus": "syrien",
    "kairo": "ägypten",
    "riad": "saudi-arabien",
    "minsk": "belarus",
}
# Other names a country goes by in entity lists.
COUNTRY_ALIASES = {
    "usa": ("usa", "vereinigte staaten", "vereinigten staaten", "us", "amerika", "united states"),
    "südkorea": ("südkorea", "republik korea", "south korea"),
    "nordkorea": ("nordkorea", "dvrk", "north korea", "demokratische volksrepublik korea"),
    "großbritannien": ("großbritannien", "vereinigtes königreich", "uk", "britain"),
    "eu": ("eu", "europäische union", "european union"),
}

# Words that never belong to a speaker noun phrase.
NP_STOP = (
    PREPOSITIONS
    | ADVERBS
    | frozenset("und oder sowie , . : ; ! ? dass ob weil wie so nicht es".split())
)

# First names with a clear gender, for pronoun agreement (er/he → not a woman,
# sie/she singular → not a man).  Frequent in German and international news;
# a name not listed has no gender and agrees with both.
FEMALE_NAMES = frozenset(
    """
    angela annalena ursula andrea anna anne annegret barbara birgit brigitte christine
    christiane claudia cornelia doris elisabeth elke emmanuelle franziska gabriele heike
    hillary ilse ines iris jacinda julia julija juliane karin katarina katharina katja
    kamala kristina lisa luisa malu manuela margot maria marie marine martina melania
    michelle monika nancy nicola petra renate ricarda sabine sahra sandra sanna sarah
    silvia simone sophie stefanie susanne svenja tanja theresa ulla ulrike ursula
    verena yulia julia giorgia liz elizabeth kaja mette nadia roberta sigrid
    """.split()
)
MALE_NAMES = frozenset(
    """
    abdel ahmed alexander alexei andreas andrej anton antony armin benjamin bernd
    boris christian christoph daniel david dmitri donald emmanuel erdogan friedrich
    frank gerhard günter hans heiko heinz helmut horst hubertus jake janez jean jens
    joachim joe john josef jürgen karl karl-heinz kevin klaus kim lars lothar ludwig
    manfred markus martin matthias michael mike mohammed muhammad nicolas norbert
    novak olaf olaf peter philipp rafael recep richard robert roger rolf sebastian
    sergej sergei stefan steffen thomas tom ulrich viktor vladimir volker walter
    werner wladimir wolfgang xi yoon yun bernie paul ted marco barack bill george
    """.split()
)
