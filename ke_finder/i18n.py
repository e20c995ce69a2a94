"""User-facing words of the generated pages, in bokmål and English.

Kept as one table so a missing translation is a test failure, not a half-English page.
"""
from __future__ import annotations

LANGUAGES = ("nb", "en")
DEFAULT_LANGUAGE = "nb"

LANGUAGE_NAMES = {
    "sme": {"nb": "nordsamisk", "en": "Northern Sami"},
    "sma": {"nb": "sørsamisk", "en": "Southern Sami"},
    "smj": {"nb": "lulesamisk", "en": "Lule Sami"},
    "smi": {"nb": "samisk", "en": "Sami"},
    "fkv": {"nb": "kvensk", "en": "Kven"},
}

# BCP 47 wants the shortest ISO 639 code: Northern Sami is "se" (ISO 639-1), the others have none.
_BCP47 = {"sme": "se"}


def bcp47(code: str) -> str:
    """The value for an HTML lang attribute (axe-core's valid-lang rule checks this)."""
    return _BCP47.get(code, code)


STRINGS: dict[str, dict[str, str]] = {
    "site_name": {"nb": "Finn koordinerende enhet", "en": "Find your coordinating unit"},
    "ke": {"nb": "Koordinerende enhet", "en": "Coordinating unit"},
    "ke_long": {"nb": "koordinerende enhet (KE) for habilitering og rehabilitering",
                "en": "coordinating unit (KE) for habilitation and rehabilitation"},
    "municipality_title": {"nb": "{name} – koordinerende enhet", "en": "{name} – coordinating unit"},
    "municipality_lead": {"nb": "Her finner du koordinerende enhet (KE) i {name} kommune, hvilke tilbud vi vet om, og sykehuset kommunen hører til.",
                          "en": "Here you find the coordinating unit (KE) of {name} municipality, the offers we know of, and the hospital that serves it."},
    "also_called": {"nb": "Også", "en": "Also"},
    "county": {"nb": "Fylke", "en": "County"},
    "admin_centre": {"nb": "Kommunesenter", "en": "Administrative centre"},
    "number": {"nb": "Kommunenummer", "en": "Municipality number"},
    "language_form": {"nb": "Målform", "en": "Official written form"},
    "language_forms": {"nb": "bokmål|nynorsk|nøytral", "en": "Bokmål|Nynorsk|neutral"},
    "sami_area": {"nb": "Kommunen er med i forvaltningsområdet for samisk språk.",
                  "en": "The municipality is in the administrative area for Sami languages."},
    "municipality_website": {"nb": "Kommunens nettsted", "en": "The municipality's website"},
    "unit": {"nb": "Enhet", "en": "Unit"},
    "phone": {"nb": "Telefon", "en": "Phone"},
    "email": {"nb": "E-post", "en": "E-mail"},
    "web": {"nb": "Nettside", "en": "Web page"},
    "ke_web_link": {"nb": "Nettsiden til koordinerende enhet", "en": "The coordinating unit's web page"},
    "visiting_address": {"nb": "Besøksadresse", "en": "Visiting address"},
    "postal_address": {"nb": "Postadresse", "en": "Postal address"},
    "opening_hours": {"nb": "Åpningstid", "en": "Opening hours"},
    "her_id": {"nb": "Elektronisk adresse (HER-id)", "en": "Electronic address (HER-id)"},
    "her_id_unknown": {"nb": "Ikke kjent her. Helsepersonell kan søke i Adresseregisteret, eller spørre kommunen.",
                       "en": "Not known here. Health personnel can search the national address register (Adresseregisteret), or ask the municipality."},
    "not_known": {"nb": "Ikke kjent", "en": "Not known"},
    "no_direct_contact": {"nb": "Vi har ikke telefonnummer eller e-post til enheten ennå. Bruk nettsiden, eller ring kommunens sentralbord.",
                          "en": "We do not have a phone number or e-mail for the unit yet. Use the web page, or call the municipality's switchboard."},
    "unknown_ke": {"nb": "Vi vet ennå ikke hvordan du kontakter koordinerende enhet i {name}.",
                   "en": "We do not know yet how to contact the coordinating unit in {name}."},
    "unknown_ke_trust": {"nb": "Vi vet ennå ikke hvordan du kontakter koordinerende enhet i {name}.",
                         "en": "We do not know yet how to contact the coordinating unit of {name}."},
    "where_to_turn": {"nb": "Dette kan du gjøre i stedet:", "en": "What you can do instead:"},
    "turn_website": {"nb": "Se kommunens nettsted, eller ring sentralbordet og spør etter koordinerende enhet:",
                     "en": "Look on the municipality's website, or call its switchboard and ask for the coordinating unit:"},
    "turn_trust": {"nb": "Spør koordinerende enhet på sykehuset:", "en": "Ask the hospital's coordinating unit:"},
    "turn_helpline": {"nb": "Ring {name} på {phone} (gratis). Den drives av de regionale koordinerende enhetene.",
                      "en": "Call {name} on {phone} (free of charge). It is run by the regional coordinating units."},
    "turn_add": {"nb": "Jobber du i koordinerende enhet her? Legg inn opplysningene deres.",
                 "en": "Do you work in the coordinating unit here? Add your details."},
    "shared_ke": {"nb": "{name} deler koordinerende enhet med andre kommuner i {coop}.",
                  "en": "{name} shares a coordinating unit with other municipalities in {coop}."},
    "members": {"nb": "Kommuner i samarbeidet", "en": "Member municipalities"},
    "host": {"nb": "Vertskommune", "en": "Host municipality"},
    "status_confirmed": {"nb": "Bekreftet av koordinerende enhet", "en": "Confirmed by the coordinating unit"},
    "status_unconfirmed": {"nb": "Ikke bekreftet av koordinerende enhet", "en": "Not confirmed by the coordinating unit"},
    "status_unknown": {"nb": "Ikke kjent", "en": "Not known"},
    "provenance": {"nb": "Kilde: {link}, hentet {date}.", "en": "Source: {link}, retrieved {date}."},
    "provenance_page_date": {"nb": "Siden er datert {date}.", "en": "The page is dated {date}."},
    "provenance_unconfirmed": {"nb": "Opplysningene er lest fra en offentlig nettside. Sjekk dem før du bruker dem.",
                               "en": "The details were read from a public web page. Check them before you rely on them."},
    "source_page": {"nb": "offentlig nettside", "en": "public web page"},
    "services": {"nb": "Tilbud", "en": "Offers"},
    "services_known": {"nb": "Tilbud vi vet at {name} har:", "en": "Offers we know {name} has:"},
    "services_unknown": {"nb": "Vi vet ikke hvilke tilbud {name} har. Spør koordinerende enhet.",
                         "en": "We do not know which offers {name} has. Ask the coordinating unit."},
    "services_partial": {"nb": "Listen kan være ufullstendig. At et tilbud mangler her, betyr ikke at kommunen ikke har det.",
                         "en": "The list may be incomplete. An offer missing here does not mean the municipality lacks it."},
    "hospital": {"nb": "Sykehus", "en": "Hospital"},
    "hospital_lead": {"nb": "{name} hører til dette helseforetaket:", "en": "{name} is served by this hospital trust:"},
    "hospital_lead_districts": {"nb": "I {name} avgjør bydelen hvilket sykehus du hører til:",
                                "en": "In {name}, the district decides which hospital serves you:"},
    "district": {"nb": "Bydel", "en": "District"},
    "hospital_trust": {"nb": "Helseforetak", "en": "Hospital trust"},
    "hospital_ke": {"nb": "Koordinerende enhet på sykehuset", "en": "The hospital's coordinating unit"},
    "region": {"nb": "Helseregion", "en": "Health region"},
    "regional_ke": {"nb": "Regional koordinerende enhet", "en": "Regional coordinating unit"},
    "trust_title": {"nb": "{name} – koordinerende enhet", "en": "{name} – coordinating unit"},
    "trust_lead": {"nb": "Koordinerende enhet i {name}, og kommunene sykehuset har ansvar for.",
                   "en": "The coordinating unit of {name}, and the municipalities the hospital serves."},
    "served_municipalities": {"nb": "Kommuner sykehuset har ansvar for", "en": "Municipalities the hospital serves"},
    "served_districts": {"nb": "Bydeler i Oslo", "en": "Districts of Oslo"},
    "no_catchment": {"nb": "Sykehuset har ikke et eget opptaksområde med kommuner.",
                     "en": "The hospital has no catchment area of its own with municipalities."},
    "county_title": {"nb": "{name} – kommuner", "en": "{name} – municipalities"},
    "county_lead": {"nb": "Velg kommunen din for å finne koordinerende enhet.",
                    "en": "Choose your municipality to find its coordinating unit."},
    "counties_title": {"nb": "Finn kommunen din", "en": "Find your municipality"},
    "counties_lead": {"nb": "Velg fylket ditt, og så kommunen.", "en": "Choose your county, then your municipality."},
    "municipalities_count": {"nb": "{count} kommuner", "en": "{count} municipalities"},
    "trusts_title": {"nb": "Sykehus og helseforetak", "en": "Hospitals and hospital trusts"},
    "trusts_lead": {"nb": "Hvert helseforetak skal ha en koordinerende enhet. Her er de fire helseregionene og sykehusene i dem.",
                    "en": "Every hospital trust must have a coordinating unit. Here are the four health regions and their hospitals."},
    "coop_title": {"nb": "{name} – felles koordinerende enhet", "en": "{name} – shared coordinating unit"},
    "coop_lead": {"nb": "Disse kommunene deler én koordinerende enhet.", "en": "These municipalities share one coordinating unit."},
    "coops_title": {"nb": "Interkommunale samarbeid", "en": "Intermunicipal cooperations"},
    "coops_lead": {"nb": "Noen kommuner deler koordinerende enhet med andre kommuner.",
                   "en": "Some municipalities share a coordinating unit with other municipalities."},
    "coops_none": {"nb": "Vi kjenner ikke til noe bekreftet samarbeid om koordinerende enhet ennå.",
                   "en": "We do not know of any confirmed shared coordinating unit yet."},
    "service_title": {"nb": "{name} – hvilke kommuner har tilbudet", "en": "{name} – which municipalities offer it"},
    "service_offered_by": {"nb": "Kommuner vi vet har dette tilbudet", "en": "Municipalities we know offer this"},
    "service_none_known": {"nb": "Vi vet ennå ikke om noen kommune som har dette tilbudet.",
                           "en": "We do not yet know of any municipality that offers this."},
    "service_unknown_count": {"nb": "For {count} kommuner vet vi ikke om de har tilbudet. Det betyr ikke at de mangler det.",
                              "en": "For {count} municipalities we do not know whether they offer it. That does not mean they lack it."},
    "services_title": {"nb": "Tilbud i kommunene", "en": "Offers in the municipalities"},
    "services_lead": {"nb": "Velg et tilbud for å se hvilke kommuner vi vet har det.",
                      "en": "Choose an offer to see which municipalities we know have it."},
    "data_file": {"nb": "Opplysningene på denne siden ligger i filen {file}.", "en": "The details on this page are kept in the file {file}."},
    "ke_status": {"nb": "KE-opplysninger", "en": "KE details"},
    "name": {"nb": "Navn", "en": "Name"},
    "home_title": {"nb": "Finn koordinerende enhet i kommunen din", "en": "Find the coordinating unit in your municipality"},
    "filter_all_counties": {"nb": "Alle fylker", "en": "All counties"},
    "filter_all_trusts": {"nb": "Alle helseforetak", "en": "All hospital trusts"},
    "filter_show": {"nb": "Vis kommunene", "en": "Show the municipalities"},
    "quiz_title": {"nb": "Kunnskapstest for koordinatorer", "en": "Knowledge test for coordinators"},
    "quiz_lead": {"nb": "Test hva du kan om koordinerende enhet, individuell plan og koordinator. Svarene dine blir i nettleseren din.",
                  "en": "Test what you know about coordinating units, individual plans and coordinators. Your answers stay in your browser."},
    "quiz_count": {"nb": "Testen har {count} spørsmål. Hvert svar viser hvilken lov som gjelder.",
                   "en": "The test has {count} questions. Each answer shows which law applies."},
    "about_municipality": {"nb": "Om kommunen", "en": "About the municipality"},
    "turn_trust_website": {"nb": "Se sykehusets nettsted, eller ring sentralbordet og spør etter koordinerende enhet:",
                           "en": "Look on the hospital's website, or call its switchboard and ask for the coordinating unit:"},
    "turn_regional": {"nb": "Spør den regionale koordinerende enheten:", "en": "Ask the regional coordinating unit:"},
    "regional_ke_unknown": {"nb": "Vi vet ennå ikke hvordan du kontakter den regionale koordinerende enheten her.",
                            "en": "We do not know yet how to contact the regional coordinating unit here."},
    "all_counties": {"nb": "Alle fylker", "en": "All counties"},
    "known_in_count": {"nb": "kjent i {count} kommuner", "en": "known in {count} municipalities"},
    "services_partial_all": {"nb": "Vi vet lite om tilbudene i kommunene ennå. At en kommune ikke står på listen, betyr ikke at den mangler tilbudet.",
                             "en": "We know little about the municipalities' offers yet. A municipality missing from a list does not mean it lacks the offer."},
    "home_lead": {"nb": "Alle kommuner og alle sykehus skal ha en koordinerende enhet. Den hjelper deg som trenger mange tjenester over lang tid. Finn kommunen din her.",
                  "en": "Every municipality and every hospital must have a coordinating unit. It helps you if you need many services over a long time. Find your municipality here."},
    "home_what_title": {"nb": "Hva gjør koordinerende enhet?", "en": "What does a coordinating unit do?"},
    "home_what": {"nb": "Koordinerende enhet har ansvar for individuell plan og for å gi deg en koordinator.",
                  "en": "The coordinating unit is responsible for individual plans and for giving you a coordinator."},
    "home_link_what": {"nb": "Les mer om koordinerende enhet", "en": "Read more about coordinating units"},
    "home_link_ip": {"nb": "Individuell plan: «Hva er viktig for deg?»", "en": "Individual plan: \"What matters to you?\""},
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for key in lang, with {placeholders} filled (values are escaped by the template)."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def language_name(code: str, lang: str) -> str:
    return LANGUAGE_NAMES.get(code, {}).get(lang, code)
