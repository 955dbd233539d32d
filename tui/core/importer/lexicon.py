"""Word lists the importer's rules use: reporting verbs, titles, speaker nouns
and the words that mark an organisation, in English, German and French.

Plain data, kept apart from the rules so that a language can be added by
adding words.
"""

from __future__ import annotations

import re

#: Reporting verbs and multi-word cues ("_" stands for a space).
REPORTING = [
    w.replace("_", " ")
    for w in """
said says say saying told tells tell added adds warned warns asked asks insisted insists
explained explains stated states noted notes claimed claims argued argues wrote writes
announced announces declared declares replied replies responded responds commented comments
continued concluded concludes admitted admits acknowledged acknowledges confirmed confirms
denied denies suggested suggests believes believed reported reports revealed reveals
estimated estimates predicted predicts remarked recalled recalls urged urges cautioned
emphasised emphasized emphasises emphasizes stressed stresses observed observes maintained maintains
testified agreed agrees complained complains conceded concedes joked promised promises vowed vows
tweeted posted alleged alleges mentioned mentions indicated indicates countered counters
thinks thought wondered pointed_out points_out went_on according_to called_for calls_for call_for
told_reporters recommends recommended recommend dubbed characterized characterised described
writing stating theorized theorised explaining adding saying quoting citing
sagte sagt sagten erklärte erklärt erklärten betonte betont meinte meint warnte warnt forderte fordert
kritisierte kritisiert schrieb schreibt berichtete berichtet behauptete behauptet äußerte äußert
fragte fragt antwortete antwortet ergänzte ergänzt bestätigte bestätigt teilte_mit fügte_hinzu
so laut zufolge nach_Darstellung nach_Angaben nach_Aussage nach_Ansicht nach_Auffassung
a_déclaré a_dit a_affirmé a_ajouté a_expliqué a_indiqué a_précisé a_estimé a_souligné
a_averti a_annoncé a_répondu a_confié a_lancé a_assuré a_reconnu a_rappelé
déclare dit affirme ajoute explique indique précise estime souligne annonce répond assure selon
affirmant déclarant ajoutant expliquant estimant précisant soulignant indiquant
""".split()
]

#: Verbs that introduce reported speech ("X said (that) ...").
REPORTED = {w.lower() for w in REPORTING} - {"according to", "selon", "laut", "zufolge", "so"}
#: Verbs whose reported clause is an indirect question ("asked officials how ...").
ASKING = {"asked", "asks", "ask", "wondered", "fragte", "fragt"}
#: Verbs with an object before the clause ("told CBC News the department ...").
TELLING = {"told", "tells", "tell", "told reporters"}
REPORTED -= {w for w in REPORTED if w.startswith("nach ")}
# Verbs that cue a quotation but rarely introduce a reported clause.
RELAYING = {"quoting", "citing"}
#: Participles whose speaker is the subject of the sentence ("X gave a speech, saying that ...").
PARTICIPLES = {
    "writing", "saying", "adding", "stating", "explaining",
    "affirmant", "déclarant", "ajoutant", "expliquant", "estimant", "précisant", "soulignant", "indiquant",
}
REPORTED -= RELAYING | {"dubbed", "characterized", "characterised", "described", "writing", "stating", "adding", "saying", "explaining"}

#: Cues that take their speaker after them ("according to Smith", "so Müller").
PREPOSED_SPEAKER = {
    "according to", "selon", "laut", "so", "nach darstellung", "nach angaben", "nach aussage", "nach ansicht",
    "nach auffassung",
}

VERB_RE = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(REPORTING, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)

#: Titles before a name; dropped from the name, kept as a role when there is none.
TITLES = {
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady", "President",
    "Prime", "Minister", "Senator", "Sen", "Rep", "Representative", "Governor", "Gov", "Mayor", "Judge",
    "Justice", "General", "Gen", "Colonel", "Col", "Captain", "Capt", "Chancellor", "Secretary", "Chief",
    "Inspector", "Detective", "Sergeant", "Sgt", "Officer", "Father", "Rev", "Reverend", "Bishop", "Pope",
    "King", "Queen", "Prince", "Princess", "Superintendent", "Commissioner", "Ambassador", "Deputy",
    "Herr", "Frau", "Bundeskanzler", "Bundeskanzlerin", "Ministerpräsident", "Bürgermeister",
    "Oberbürgermeister", "Außenminister", "Gesundheitsminister", "Justizministerin", "Familienministerin",
    "M", "Mme", "Mlle", "Me", "Monsieur", "Madame", "Président", "Ministre",
}

#: Capitalised words that do not start a name (sentence openers, days, months).
NOT_NAMES = set(
    """The A An In On At For But And Or Nor So Yet After Before When While Where Whereas However Yesterday
    Today Tomorrow Last This That These Those It He She They We I You His Her Their Its Our My Your As
    Also Meanwhile Speaking According Earlier Later Then Now There Here What Why How Who Which If
    Although Though Since Because Despite Still Even Only Both Each Every Some Many Most Such Other No Not
    One Another Some Asked Quoted Reached Writing Instead Indeed Finally First Second Third Furthermore Moreover Thus
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Mr Mrs Ms Dr
    Der Die Das Den Dem Des Ein Eine Einer Im Am Zum Zur Laut Nach Bei Mit Von Vor Seit Auch Er Sie Es Wir
    Ich Zudem Dabei Damit Doch Jetzt Dort Hier Nun Noch Wie Was Wer Wo Als Auf Aus Für Gegen Über Unter
    Außerdem Daher Deshalb Jedoch Allerdings Inzwischen Bereits Gestern Heute Später Damals Trotzdem Dennoch
    Ebenso Stattdessen Möglicherweise Schließlich Zuvor Danach Seitens Moderiert Gäste Streitpunkt
    Le La Les Un Une Des Du Selon Pour Dans Sur Avec Il Elle Ils Elles Nous Je Mais Et Ou Donc Car
    Après Avant Lors Aujourd'hui Hier Demain Ainsi Cependant Pourtant Enfin Alors""".split()
)

#: Lowercase particles inside names (Ursula von der Leyen, Charles de Gaulle).
PARTICLES = {"von", "van", "der", "den", "de", "du", "la", "le", "del", "della", "di", "da", "dos", "bin", "al", "ibn", "ter", "zu"}

#: Words that make a capitalised name an organisation.
ORG_WORDS = set(
    """Ministry Office Council Kremlin Inc Inc. Ltd Ltd. LLC Corp Corp. Corporation Company Co. Agency
    Department Commission Committee Association University Institute Party Police Government Bank Group
    Service Services Organisation Organization Union Court Board Authority Foundation Federation League
    News Times Post Journal Herald Tribune Press Reuters Network Centre Center Parliament Senate Congress
    Assembly Army Navy Commission Secretariat Administration Bureau Trust Society Club Airlines Airways
    Ministerium Amt Rat Partei Verband Gesellschaft AG GmbH Polizei Regierung Kommission Bundestag
    Bundesregierung Gewerkschaft Stiftung Ministère Conseil Parti Gouvernement Commission Assemblée""".split()
)

#: Common nouns that name speakers ("officials said", "the authors say").
SPEAKER_NOUNS = set(
    """researchers officials police experts witnesses analysts scientists authorities residents critics
    doctors sources investigators organisers organizers prosecutors lawyers protesters activists observers
    authors spokesman spokeswoman spokesperson spokesmen report study statement government company ministry
    officers official source expert witness analyst scientist doctor lawyer prosecutor leaders leader
    organizers students teachers parents workers members staff organisation organization group campaigners
    opponents supporters poster posters blogger bloggers author user users post posts posting message
    website site spokesmen representative representatives individuals people fans viewers readers visitors
    mayor minister president governor chairman chairwoman chair director chief secretary senator judge
    reports studies surveys
    geschäftsleitung regierung polizei sprecher sprecherin ministerium behörden experten forscher unternehmen
    firma vorstand staatsanwaltschaft gericht bundesregierung verband veranstalter
    gouvernement police ministère porte-parole responsables experts chercheurs autorités entreprise
    président présidente ministre maire premier-ministre juge procureur porte-parole syndicat""".split()
)

PRONOUNS_PERSON = {"he", "she", "er", "il", "elle"}
PRONOUNS_GROUP = {"they", "ils", "elles", "we"}
PRONOUNS_ANY = {"it", "sie", "es", "i", "on"}
PRONOUNS = PRONOUNS_PERSON | PRONOUNS_GROUP | PRONOUNS_ANY

#: Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "vs", "etc", "e.g", "i.e", "inc", "ltd",
    "corp", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt", "m", "mme", "nr", "ca", "bzw",
    "z.b", "u.a", "d.h", "vgl", "u.s", "u.k", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "univ", "co",
}

#: Titles that are forms of address, not roles.
HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Sir", "Dame", "Herr", "Frau", "M", "Mme", "Mlle", "Me", "Monsieur", "Madame"}

#: Speaker nouns that name a text rather than a person: kind "other" in
#: format 1, "document" once the format additions are read.
DOCUMENTS = {
    "report", "reports", "study", "studies", "survey", "surveys", "statement", "post", "posts", "posting",
    "message", "website", "site", "blog", "article", "letter", "document",
}
