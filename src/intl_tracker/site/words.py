"""The site's own words (page furniture, methods and accessibility pages) in en, fi and sv.

A gettext-shaped seam: :func:`translator` returns an object with ``gettext``/``ngettext`` whose
message ids are the English text, so the templates are written once (``{{ _("Methods") }}``)
and the same ids move unchanged into the project's gettext catalogue (``intl_tracker.i18n``,
decision 5) when it exists. Placeholders are Python ``%(name)s`` fields, as Jinja2's i18n
extension fills them.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The languages the site is built in, in the order of the default ``--lang``.
SITE_LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")

#: Each language's name in itself, for the language switcher.
LANGUAGE_NAMES: dict[str, str] = {"fi": "Suomi", "sv": "Svenska", "en": "English"}

_FI: dict[str, str] = {
    "Skip to content": "Siirry sisältöön",
    "Languages": "Kielet",
    "Site": "Sivusto",
    "Goals": "Tavoitteet",
    "Whole report": "Koko raportti",
    "Methods": "Menetelmät",
    "Accessibility": "Saavutettavuus",
    "Accessibility statement": "Saavutettavuusseloste",
    "Downloads": "Lataukset",
    "Report as CSV": "Raportti CSV-tiedostona",
    "Report as JSON": "Raportti JSON-tiedostona",
    "Breadcrumb": "Murupolku",
    "Follow-up %(year)s": "Seuranta %(year)s",
    "Follow-up of the programme for %(year)s": "Ohjelman seuranta vuodelta %(year)s",
    "Assessed with data up to %(year)s by the %(method)s.": "Arvioitu vuoteen %(year)s mennessä julkaistuilla tiedoilla (%(method)s).",
    "Goal %(number)s": "Tavoite %(number)s",
    "Objectives": "Alatavoitteet",
    "Indicators": "Indikaattorit",
    "Status of the indicators": "Indikaattorien tila",
    "Indicators of this goal": "Tämän tavoitteen indikaattorit",
    "No indicators yet.": "Ei vielä indikaattoreita.",
    "Status": "Tila",
    "Reason": "Syy",
    "Key figures": "Keskeiset luvut",
    "Chart": "Kuvaaja",
    "Chart: %(name)s": "Kuvaaja: %(name)s",
    "Values": "Arvot",
    "Values of %(name)s": "Indikaattorin %(name)s arvot",
    "Definition": "Määritelmä",
    "About the indicator": "Tietoa indikaattorista",
    "Targets": "Tavoitearvot",
    "Source": "Lähde",
    "Sources": "Lähteet",
    "Every number behind the status": "Kaikki tilan taustalla olevat luvut",
    "Legend": "Selitteet",
    "Scrollable table": "Vieritettävä taulukko",
    "Back to the goal": "Takaisin tavoitteeseen",
    "The whole report, goal by goal": "Koko raportti tavoitteittain",
    "Print this page or save it as PDF from the browser's print dialogue.": "Tulosta sivu tai tallenna se PDF-tiedostoksi selaimen tulostusikkunasta.",
    "The chart shows %(points)s values from %(first)s to %(last)s; the latest, %(value)s, "
    "is from %(year)s.": "Kuvaajassa on %(points)s arvoa vuosilta %(first)s–%(last)s; uusin, %(value)s, "
    "on vuodelta %(year)s.",
    "Target: %(target)s.": "Tavoite: %(target)s.",
    "Status: %(status)s.": "Tila: %(status)s.",
    "The chart has no values yet.": "Kuvaajassa ei ole vielä arvoja.",
    "Published with intl-tracker from the programme's data files.": "Julkaistu intl-tracker-työkalulla ohjelman tiedostoista.",
    "Choose a language": "Valitse kieli",
    # methods page
    "How to read the follow-up": "Miten seurantaa luetaan",
    "What the statuses mean": "Mitä tilat tarkoittavat",
    "Each indicator gets one status. The status is always shown as a word and a symbol, "
    "never by colour alone.": "Jokainen indikaattori saa yhden tilan. Tila näytetään aina sanana ja symbolina, "
    "ei koskaan pelkkänä värinä.",
    "The latest value has reached the target.": "Uusin arvo on saavuttanut tavoitteen.",
    "At the pace of the assessed period the target will be reached on time.": "Arviojakson vauhdilla tavoite saavutetaan ajoissa.",
    "Progress is in the right direction, but too slow to reach the target on time.": "Kehitys on oikeansuuntaista, mutta liian hidasta, jotta tavoite saavutettaisiin "
    "ajoissa.",
    "Progress is in the right direction, but far too slow.": "Kehitys on oikeansuuntaista, mutta aivan liian hidasta.",
    "The indicator is moving in the wrong direction.": "Indikaattori liikkuu väärään suuntaan.",
    "The target year has passed and the target was not reached.": "Tavoitevuosi on ohi, eikä tavoitetta saavutettu.",
    "There are too few values to judge the progress.": "Arvoja on liian vähän kehityksen arvioimiseksi.",
    "How the status is decided": "Miten tila päätetään",
    "The method compares the pace the indicator has actually had with the pace it needs to "
    "reach its target on time. The thresholds are:": "Menetelmä vertaa indikaattorin toteutunutta kehitysvauhtia vauhtiin, jolla tavoite "
    "saavutettaisiin ajoissa. Raja-arvot ovat:",
    "Indicators without a target": "Indikaattorit ilman tavoitetta",
    "When an indicator has no target, its status is judged on the trend alone: the yearly "
    "growth in the direction of progress. Such a status says whether things are getting "
    "better, not whether a goal will be reached.": "Kun indikaattorilla ei ole tavoitetta, sen tila arvioidaan pelkän kehityssuunnan "
    "perusteella: vuosikasvu edistymisen suuntaan. Tällainen tila kertoo, paraneeko "
    "tilanne, ei sitä, saavutetaanko tavoite.",
    "Targets and forecasts": "Tavoitteet ja ennusteet",
    "A target is a commitment the city has made. A forecast is a projection the programme "
    "follows but has not promised to reach.": "Tavoite on kaupungin sitoumus. Ennuste on arvio, jota ohjelma seuraa mutta jonka "
    "saavuttamista se ei ole luvannut.",
    "Old data": "Vanhat tiedot",
    "Each indicator is assessed with its latest value up to the report year. When that value "
    "is older than the report year, its year is shown beside it: the status then describes "
    "an earlier moment.": "Jokainen indikaattori arvioidaan uusimmalla arvollaan raporttivuoteen asti. Kun arvo "
    "on raporttivuotta vanhempi, sen vuosi näytetään arvon vieressä: tila kuvaa silloin "
    "aiempaa ajankohtaa.",
    "Markers": "Merkinnät",
    "Other methods": "Muut menetelmät",
    "Each indicator page also shows the status by the other two methods, with every number "
    "behind it.": "Jokaisella indikaattorisivulla näkyy myös kahden muun menetelmän mukainen tila ja "
    "kaikki sen taustalla olevat luvut.",
    # accessibility statement
    "This is a template. The city completes the parts in brackets before publishing.": "Tämä on pohja. Kaupunki täydentää hakasulkeissa olevat kohdat ennen julkaisua.",
    "This accessibility statement concerns the follow-up site of %(programme)s.": "Tämä saavutettavuusseloste koskee ohjelman %(programme)s seurantasivustoa.",
    "Compliance status": "Vaatimustenmukaisuus",
    "The site was built to meet the WCAG 2.1 criteria at level AA. Every page is checked "
    "automatically with axe-core in a browser when the site is built.": "Sivusto on tehty täyttämään WCAG 2.1 -kriteerit AA-tasolla. Jokainen sivu "
    "tarkistetaan automaattisesti axe-core-työkalulla selaimessa, kun sivusto rakennetaan.",
    "[Fully / partially] compliant, according to the city's own assessment of [date].": "Täyttää vaatimukset [kokonaan / osittain] kaupungin oman arvion [päivämäärä] mukaan.",
    "What is done for accessibility": "Mitä saavutettavuuden eteen on tehty",
    "every chart has a title, a text description and a table of its values;": "jokaisella kuvaajalla on otsikko, tekstikuvaus ja arvotaulukko;",
    "a status is always a word and a symbol, never colour alone;": "tila on aina sana ja symboli, ei koskaan pelkkä väri;",
    "the pages work without JavaScript, with the keyboard and at 400 %% zoom;": "sivut toimivat ilman JavaScriptiä, näppäimistöllä ja 400 %%:n suurennuksella;",
    "every page is published in Finnish, Swedish and English.": "jokainen sivu julkaistaan suomeksi, ruotsiksi ja englanniksi.",
    "Content that is not accessible": "Sisältö, joka ei ole saavutettavaa",
    "[List what is known not to be accessible, or write that nothing is known.]": "[Luettele tiedossa olevat puutteet tai kirjoita, ettei puutteita tiedetä.]",
    "Feedback": "Palaute",
    "If you notice an accessibility problem, tell us: [e-mail address or web form]. "
    "We answer within [14 days].": "Jos huomaat saavutettavuuspuutteen, kerro siitä meille: [sähköpostiosoite tai "
    "verkkolomake]. Vastaamme [14 päivän] kuluessa.",
    "Enforcement": "Valvonta",
    "If you are not satisfied with the answer, you can contact the supervisory authority: "
    "the Regional State Administrative Agency for Southern Finland, "
    "webaccessibility.fi.": "Jos et ole tyytyväinen saamaasi vastaukseen, voit ottaa yhteyttä valvovaan "
    "viranomaiseen: Etelä-Suomen aluehallintovirasto, saavutettavuusvaatimukset.fi.",
    "Statement prepared on [date]; last reviewed on [date].": "Seloste on laadittu [päivämäärä]; viimeksi tarkistettu [päivämäärä].",
}

_SV: dict[str, str] = {
    "Skip to content": "Hoppa till innehållet",
    "Languages": "Språk",
    "Site": "Webbplats",
    "Goals": "Mål",
    "Whole report": "Hela rapporten",
    "Methods": "Metoder",
    "Accessibility": "Tillgänglighet",
    "Accessibility statement": "Tillgänglighetsutlåtande",
    "Downloads": "Nedladdningar",
    "Report as CSV": "Rapporten som CSV",
    "Report as JSON": "Rapporten som JSON",
    "Breadcrumb": "Brödsmulor",
    "Follow-up %(year)s": "Uppföljning %(year)s",
    "Follow-up of the programme for %(year)s": "Uppföljning av programmet för %(year)s",
    "Assessed with data up to %(year)s by the %(method)s.": "Bedömt med uppgifter fram till %(year)s (%(method)s).",
    "Goal %(number)s": "Mål %(number)s",
    "Objectives": "Delmål",
    "Indicators": "Indikatorer",
    "Status of the indicators": "Indikatorernas status",
    "Indicators of this goal": "Indikatorerna för detta mål",
    "No indicators yet.": "Inga indikatorer ännu.",
    "Status": "Status",
    "Reason": "Orsak",
    "Key figures": "Nyckeltal",
    "Chart": "Diagram",
    "Chart: %(name)s": "Diagram: %(name)s",
    "Values": "Värden",
    "Values of %(name)s": "Värden för %(name)s",
    "Definition": "Definition",
    "About the indicator": "Om indikatorn",
    "Targets": "Målvärden",
    "Source": "Källa",
    "Sources": "Källor",
    "Every number behind the status": "Alla tal bakom statusen",
    "Legend": "Teckenförklaring",
    "Scrollable table": "Rullbar tabell",
    "Back to the goal": "Tillbaka till målet",
    "The whole report, goal by goal": "Hela rapporten, mål för mål",
    "Print this page or save it as PDF from the browser's print dialogue.": "Skriv ut sidan eller spara den som PDF i webbläsarens utskriftsdialog.",
    "The chart shows %(points)s values from %(first)s to %(last)s; the latest, %(value)s, "
    "is from %(year)s.": "Diagrammet visar %(points)s värden från %(first)s till %(last)s; det senaste, "
    "%(value)s, är från %(year)s.",
    "Target: %(target)s.": "Mål: %(target)s.",
    "Status: %(status)s.": "Status: %(status)s.",
    "The chart has no values yet.": "Diagrammet har inga värden ännu.",
    "Published with intl-tracker from the programme's data files.": "Publicerad med intl-tracker ur programmets datafiler.",
    "Choose a language": "Välj språk",
    "How to read the follow-up": "Så läser du uppföljningen",
    "What the statuses mean": "Vad statusarna betyder",
    "Each indicator gets one status. The status is always shown as a word and a symbol, "
    "never by colour alone.": "Varje indikator får en status. Statusen visas alltid som ett ord och en symbol, "
    "aldrig enbart med färg.",
    "The latest value has reached the target.": "Det senaste värdet har nått målet.",
    "At the pace of the assessed period the target will be reached on time.": "I den bedömda periodens takt nås målet i tid.",
    "Progress is in the right direction, but too slow to reach the target on time.": "Utvecklingen går i rätt riktning, men för långsamt för att nå målet i tid.",
    "Progress is in the right direction, but far too slow.": "Utvecklingen går i rätt riktning, men alldeles för långsamt.",
    "The indicator is moving in the wrong direction.": "Indikatorn rör sig i fel riktning.",
    "The target year has passed and the target was not reached.": "Målåret har passerat och målet nåddes inte.",
    "There are too few values to judge the progress.": "Det finns för få värden för att bedöma utvecklingen.",
    "How the status is decided": "Hur statusen bestäms",
    "The method compares the pace the indicator has actually had with the pace it needs to "
    "reach its target on time. The thresholds are:": "Metoden jämför indikatorns faktiska takt med den takt som behövs för att nå målet i "
    "tid. Gränsvärdena är:",
    "Indicators without a target": "Indikatorer utan mål",
    "When an indicator has no target, its status is judged on the trend alone: the yearly "
    "growth in the direction of progress. Such a status says whether things are getting "
    "better, not whether a goal will be reached.": "När en indikator saknar mål bedöms statusen enbart utifrån trenden: den årliga "
    "tillväxten i rätt riktning. En sådan status säger om läget blir bättre, inte om ett "
    "mål nås.",
    "Targets and forecasts": "Mål och prognoser",
    "A target is a commitment the city has made. A forecast is a projection the programme "
    "follows but has not promised to reach.": "Ett mål är ett åtagande som staden har gjort. En prognos är en framskrivning som "
    "programmet följer men inte har lovat att nå.",
    "Old data": "Gamla uppgifter",
    "Each indicator is assessed with its latest value up to the report year. When that value "
    "is older than the report year, its year is shown beside it: the status then describes "
    "an earlier moment.": "Varje indikator bedöms med sitt senaste värde fram till rapportåret. När värdet är "
    "äldre än rapportåret visas dess år bredvid: statusen beskriver då en tidigare "
    "tidpunkt.",
    "Markers": "Markeringar",
    "Other methods": "Andra metoder",
    "Each indicator page also shows the status by the other two methods, with every number "
    "behind it.": "Varje indikatorsida visar också statusen enligt de två andra metoderna, med alla tal "
    "bakom den.",
    "This is a template. The city completes the parts in brackets before publishing.": "Detta är en mall. Staden fyller i delarna inom hakparentes före publiceringen.",
    "This accessibility statement concerns the follow-up site of %(programme)s.": "Detta tillgänglighetsutlåtande gäller uppföljningswebbplatsen för %(programme)s.",
    "Compliance status": "Överensstämmelse",
    "The site was built to meet the WCAG 2.1 criteria at level AA. Every page is checked "
    "automatically with axe-core in a browser when the site is built.": "Webbplatsen är byggd för att uppfylla WCAG 2.1-kriterierna på nivå AA. Varje sida "
    "kontrolleras automatiskt med axe-core i en webbläsare när webbplatsen byggs.",
    "[Fully / partially] compliant, according to the city's own assessment of [date].": "Uppfyller kraven [helt / delvis] enligt stadens egen bedömning av [datum].",
    "What is done for accessibility": "Vad som görs för tillgängligheten",
    "every chart has a title, a text description and a table of its values;": "varje diagram har en rubrik, en textbeskrivning och en tabell med värdena;",
    "a status is always a word and a symbol, never colour alone;": "en status är alltid ett ord och en symbol, aldrig enbart färg;",
    "the pages work without JavaScript, with the keyboard and at 400 %% zoom;": "sidorna fungerar utan JavaScript, med tangentbordet och med 400 %% förstoring;",
    "every page is published in Finnish, Swedish and English.": "varje sida publiceras på finska, svenska och engelska.",
    "Content that is not accessible": "Innehåll som inte är tillgängligt",
    "[List what is known not to be accessible, or write that nothing is known.]": "[Räkna upp kända brister eller skriv att inga brister är kända.]",
    "Feedback": "Respons",
    "If you notice an accessibility problem, tell us: [e-mail address or web form]. "
    "We answer within [14 days].": "Om du märker en brist i tillgängligheten, berätta det för oss: [e-postadress eller "
    "webbformulär]. Vi svarar inom [14 dagar].",
    "Enforcement": "Tillsyn",
    "If you are not satisfied with the answer, you can contact the supervisory authority: "
    "the Regional State Administrative Agency for Southern Finland, "
    "webaccessibility.fi.": "Om du inte är nöjd med svaret kan du kontakta tillsynsmyndigheten: "
    "Regionförvaltningsverket i Södra Finland, tillgänglighetskrav.fi.",
    "Statement prepared on [date]; last reviewed on [date].": "Utlåtandet har utarbetats [datum]; senast granskat [datum].",
    # status labels: vocabulary.py has en and fi only
    "target met": "målet nått",
    "on track": "på rätt spår",
    "needs acceleration": "behöver påskyndas",
    "insufficient progress": "otillräcklig utveckling",
    "moving away": "rör sig bort från målet",
    "target missed": "målet nåddes inte",
    "insufficient data": "otillräckliga uppgifter",
}

_CATALOGUES: dict[str, dict[str, str]] = {"fi": _FI, "sv": _SV}


@dataclass(frozen=True)
class Translator:
    """``gettext``/``ngettext`` over one language's messages; English is the message id."""

    lang: str

    def gettext(self, message: str) -> str:
        return _CATALOGUES.get(self.lang, {}).get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def translator(lang: str) -> Translator:
    """The site's words in ``lang`` (en, fi or sv); English for any other code."""
    return Translator(lang)
