"""Page specs: which pages exist, at which path, with which template and data.

Plain data, unit-testable without MkDocs (the GOV.UK docs 'proxy pages' shape):
entities -> page specs -> render.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..exports.feed import feed_href
from ..exports.jsonld import json_ld
from ..exports.vcard import has_vcard, vcard_href
from ..i18n import t
from ..model import Directory, HospitalTrust, KeUnit, Municipality, sort_key
from ..model.coverage import (coverage_by_county, coverage_by_trust, coverage_total, map_status,
                              municipality_status)
from ..model.county_list import county_list
from ..paths import (COOPERATION_DIR, COUNTY_DIR, COVERAGE_PATH, LANGUAGES, QUIZ_PATH, SERVICE_DIR, TRUST_DIR,
                     cooperation_path, county_list_file, county_path, language_prefix, language_url,
                     municipality_path, page_url, relative_url, service_path, trust_path)
from ..paths import correction_entry_id
from .map_svg import map_data
from .quiz import QUIZ_ID

@dataclass(frozen=True)
class PageSpec:
    path: str          # source path without extension: "kommune/0301", "fylke/index", "index"
    lang: str
    template: str
    title: str
    description: str
    context: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs: 'kommune/0301/', 'fylke/', ''."""
        return page_url(self.path)


def _contact_extras(directory: Directory, entity: Municipality | HospitalTrust, ke: KeUnit | None,
                    path: str, lang: str) -> dict[str, Any]:
    """The 'add to contacts' vCard link and the schema.org JSON-LD (a dict; the template writes the script)."""
    return {"vcard_href": vcard_href(path, lang, ke) if has_vcard(ke, directory.today) else None,
            "json_ld": json_ld(directory, entity, language_url(path, lang), lang)}


def _municipality_pages(directory: Directory, lang: str) -> list[PageSpec]:
    pages = []
    for m in directory.municipalities.values():
        ke = directory.ke_for(m)
        coop = directory.cooperations.get(m.cooperation_id) if m.cooperation_id else None
        pages.append(PageSpec(
            path=municipality_path(m.number), lang=lang, template="municipality.md.j2",
            title=t("municipality_title", lang, name=m.display_name),
            description=t("municipality_lead", lang, name=m.display_name),
            context={"data_file": coop.source_file if coop else m.source_file,
                     "correction_entry": correction_entry_id(coop or m), "m": m, "ke": ke, "coop": coop, "county": directory.counties[m.county_number],
                     "trusts": directory.trusts_for(m), "status": municipality_status(directory, m),
                     "trust_regions": [directory.regions[r] for r in dict.fromkeys(t.region_id for t in directory.trusts_for(m))],
                     **_contact_extras(directory, m, ke, municipality_path(m.number), lang)},
        ))
    return pages


def _trust_pages(directory: Directory, lang: str) -> list[PageSpec]:
    pages = []
    for trust in directory.hospital_trusts.values():
        region = directory.regions[trust.region_id]
        pages.append(PageSpec(
            path=trust_path(trust.id), lang=lang, template="hospital_trust.md.j2",
            title=t("trust_title", lang, name=trust.name),
            description=t("trust_lead", lang, name=trust.name),
            context={"data_file": trust.source_file, "correction_entry": correction_entry_id(trust), "trust": trust, "ke": trust.ke, "region": region,
                     "hospital_names": [h.name for h in directory.hospital_names if h.trust_id == trust.id],
                     "municipalities": directory.municipalities_served_by(trust.id),
                     # Only districts people live in: "Uoppgitt bydel" and Marka are statistical rows (issue 18).
                     "districts": [(m, d) for m, d in directory.districts_served_by(trust.id) if d.residential],
                     **_contact_extras(directory, trust, trust.ke, trust_path(trust.id), lang)},
        ))
    regions = sorted(directory.regions.values(), key=lambda r: sort_key(r.name))
    pages.append(PageSpec(
        path=f"{TRUST_DIR}/index", lang=lang, template="hospital_trusts.md.j2",
        title=t("trusts_title", lang), description=t("trusts_lead", lang),
        context={"regions": [(r, directory.trusts_in_region(r.id)) for r in regions]},
    ))
    return pages


def _counties_in_reading_order(directory: Directory) -> list:
    """Counties alphabetically (Norwegian order), as people scan a list for their own."""
    return sorted(directory.counties.values(), key=lambda c: sort_key(c.name))


def _to_file(page_path: str, lang: str, file: str) -> str:
    """A relative link from a generated page (any language) to a site-relative file such as a county's CSV."""
    depth = len([p for p in (language_prefix(lang) + page_url(page_path)).split("/") if p])
    return "../" * depth + file


def _county_pages(directory: Directory, lang: str) -> list[PageSpec]:
    counties = _counties_in_reading_order(directory)
    pages = [PageSpec(
        path=county_path(c.number), lang=lang, template="county.md.j2",
        title=t("county_title", lang, name=c.name), description=t("county_lead", lang),
        context={"county": c, "municipalities": [(m, municipality_status(directory, m))
                                                 for m in directory.municipalities_in_county(c.number)],
                 "contact_list": county_list(directory, c.number),
                 "list_href": _to_file(county_path(c.number), lang, county_list_file(c.number, lang))},
    ) for c in counties]
    pages.append(PageSpec(
        path=f"{COUNTY_DIR}/index", lang=lang, template="counties.md.j2",
        title=t("counties_title", lang), description=t("counties_lead", lang),
        context={"counties": [(c, directory.municipalities_in_county(c.number)) for c in counties],
                 "total": len(directory.municipalities)},
    ))
    return pages


def _cooperation_pages(directory: Directory, lang: str) -> list[PageSpec]:
    coops = sorted(directory.cooperations.values(), key=lambda c: sort_key(c.name))
    pages = [PageSpec(
        path=cooperation_path(c.id), lang=lang, template="cooperation.md.j2",
        title=t("coop_title", lang, name=c.name), description=t("coop_lead", lang),
        context={"data_file": c.source_file, "correction_entry": correction_entry_id(c), "coop": c, "ke": c.ke, "host": directory.municipalities[c.host],
                 "members": sorted((directory.municipalities[n] for n in c.members),
                                   key=lambda m: sort_key(m.display_name))},
    ) for c in coops]
    pages.append(PageSpec(
        path=f"{COOPERATION_DIR}/index", lang=lang, template="cooperations.md.j2",
        title=t("coops_title", lang), description=t("coops_lead", lang), context={"coops": coops},
    ))
    return pages


def _filter_totals(directory: Directory) -> dict[str, int]:
    """How many municipalities each filter choice covers: 'county|trust', 'county|' and '|trust' -> count.

    The service pages' filters say "we do not know for N municipalities" for the chosen county and trust,
    not for the whole country. Grows with counties x trusts, not with municipalities.
    """
    totals: dict[str, int] = {}
    for m in directory.municipalities.values():
        trusts = {t.id for t in directory.trusts_for(m)}
        for key in [f"{m.county_number}|", *(f"|{t}" for t in trusts), *(f"{m.county_number}|{t}" for t in trusts)]:
            totals[key] = totals.get(key, 0) + 1
    return dict(sorted(totals.items()))


def _known_by_filter(directory: Directory, code: str) -> dict[str, int]:
    """How many municipalities we know offer a service, per filter choice (keys as in _filter_totals)."""
    known: dict[str, int] = {}
    for m in directory.municipalities_offering(code):
        trusts = {t.id for t in directory.trusts_for(m)}
        for key in [f"{m.county_number}|", *(f"|{t}" for t in trusts), *(f"{m.county_number}|{t}" for t in trusts)]:
            known[key] = known.get(key, 0) + 1
    return dict(sorted(known.items()))


def _service_pages(directory: Directory, lang: str) -> list[PageSpec]:
    services = sorted(directory.services.values(), key=lambda s: sort_key(s.names[lang]))
    total = len(directory.municipalities)
    filter_counties = _counties_in_reading_order(directory)
    filter_trusts = sorted((t for t in directory.hospital_trusts.values() if directory.municipalities_served_by(t.id)),
                           key=lambda t: sort_key(t.name))
    filter_totals = _filter_totals(directory)
    pages = []
    for s in services:
        offering = directory.municipalities_offering(s.code)
        pages.append(PageSpec(
            path=service_path(s.code), lang=lang, template="service.md.j2",
            title=t("service_title_statutory" if s.statutory else "service_title", lang, name=s.names[lang]),
            description=s.descriptions[lang],
            context={"service": s,
                     "offering": [(m, directory.ke_for(m), [t.id for t in directory.trusts_for(m)]) for m in offering],
                     "unknown_count": total - len(offering), "filter_counties": filter_counties,
                     "filter_trusts": filter_trusts, "filter_totals": filter_totals},
        ))
    pages.append(PageSpec(
        path=f"{SERVICE_DIR}/index", lang=lang, template="services.md.j2",
        title=t("services_title", lang), description=t("services_lead", lang),
        context={"services": [(s, len(directory.municipalities_offering(s.code))) for s in services],
                 "known_by_filter": {s.code: _known_by_filter(directory, s.code) for s in services},
                 "filter_counties": filter_counties, "filter_trusts": filter_trusts, "filter_totals": filter_totals},
    ))
    return pages


def _home_page(directory: Directory, lang: str) -> PageSpec:
    counties = _counties_in_reading_order(directory)
    return PageSpec(path="index", lang=lang, template="home.md.j2", title=t("home_title", lang),
                    description=t("home_title", lang), context={"counties": counties})


def _coverage_page(directory: Directory, lang: str, shapes: dict | None) -> PageSpec:
    municipalities = sorted(directory.municipalities.values(), key=lambda m: sort_key(m.display_name))
    ke_map = None
    if shapes is not None:
        statuses = {m.number: map_status(directory, m) for m in municipalities}
        legend = [(s, t(f"map_{s}", lang)) for s in ("confirmed", "unconfirmed", "unknown", "shared")]
        ke_map = map_data(
            shapes, statuses,
            href_for=lambda n: relative_url(COVERAGE_PATH, municipality_path(n)),
            label_for=lambda n: f"{directory.municipalities[n].display_name}: {t('map_' + statuses[n], lang).lower()}",
            legend=legend, title=t("map_title", lang), description=t("map_description", lang), lang=lang)
    return PageSpec(path=COVERAGE_PATH, lang=lang, template="coverage.md.j2", title=t("coverage_title", lang),
                    description=t("coverage_lead", lang),
                    context={"total": coverage_total(directory), "by_county": sorted(coverage_by_county(directory), key=lambda r: sort_key(r.name)),
                             "by_trust": coverage_by_trust(directory),
                             "coops": sorted(directory.cooperations.values(), key=lambda c: sort_key(c.name)),
                             "services": [(s, len(directory.municipalities_offering(s.code)))
                                          for s in sorted(directory.services.values(), key=lambda s: sort_key(s.names[lang]))],
                             "rows": [(m, map_status(directory, m)) for m in municipalities],
                             "ke_map": ke_map, "feed_href": feed_href(COVERAGE_PATH, lang)})


def _quiz_page(directory: Directory, lang: str) -> PageSpec:
    return PageSpec(path=QUIZ_PATH, lang=lang, template="quiz.md.j2", title=t("quiz_title", lang),
                    description=t("quiz_lead", lang),
                    context={"questions": directory.quiz, "quiz_id": QUIZ_ID, "count": len(directory.quiz)})


def all_pages(directory: Directory, shapes: dict | None = None) -> list[PageSpec]:
    """Every generated page in every language, in a stable order.

    shapes: the simplified municipality boundaries for the coverage map (None: no map).
    """
    pages: list[PageSpec] = []
    for lang in LANGUAGES:
        pages.append(_home_page(directory, lang))
        pages += _county_pages(directory, lang)
        pages += _municipality_pages(directory, lang)
        pages += _trust_pages(directory, lang)
        pages += _cooperation_pages(directory, lang)
        pages += _service_pages(directory, lang)
        if directory.quiz:
            pages.append(_quiz_page(directory, lang))
        pages.append(_coverage_page(directory, lang, shapes))
    return pages

