"""The one in-memory model of the directory that every page and export is made from."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


from .names import fold_to_base
from .place_names import HospitalName, TownName
from .quiz import Question

# Numbers in the municipality register that are not municipalities (no KE): the postal register still uses them.
NOT_MUNICIPALITIES = {"2100": "Svalbard", "2211": "Jan Mayen"}


@dataclass(frozen=True)
class Phone:
    e164: str        # +4769225500, for tel: links and exports
    display: str     # 69 22 55 00, grouped the Norwegian way
    label: str | None = None


# What we know of a detail, weakest first: read from a stored copy of a public page (when that copy was made is
# unknown), checked on the live page, confirmed by the KE itself.
EVIDENCE_KINDS = ("stored-copy", "live-page", "ke-confirmed")


@dataclass(frozen=True)
class Provenance:
    url: str
    retrieved: date            # the date of the evidence: copy read, live page checked, or KE confirmed
    confirmed_by_ke: bool
    page_date: date | None = None
    note: str | None = None
    evidence: str = "stored-copy"


@dataclass(frozen=True)
class Change:
    """One dated change to a file's KE details (the `changes:` list): what the change feed publishes."""

    date: date
    change: str                # added | updated | corrected | removed | confirmed
    fields: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class KeUnit:
    """A koordinerende enhet as far as we know it: every field may be unknown (None)."""

    id: str  # "kommune-0301", "helseforetak-unn", "samarbeid-<id>", "region-<id>"
    unit: str | None
    phones: tuple[Phone, ...]
    email: str | None
    web: str | None
    visiting_address: str | None
    postal_address: str | None
    opening_hours: str | None
    her_id: str | None
    source: Provenance
    serves: dict[str, str] | None = None      # lang -> whom the unit serves, when not everyone
    web_kind: str = "ke-page"                  # ke-page | related-page
    related_topic: str | None = None           # individual-plan | child-coordinator | allocation-office
    phone_hours: str | None = None
    web_host: str | None = None                # host of `web` when it is not the owner's official site (re-check)

    @property
    def has_direct_contact(self) -> bool:
        """A phone number or a mailbox: something you can reach without browsing further."""
        return bool(self.phones or self.email)

    @property
    def is_related_page(self) -> bool:
        """The page does not say which unit is the KE: it is never shown as the KE's page."""
        return self.web_kind == "related-page"

    @property
    def web_host_flagged(self) -> bool:
        """The web page is on a host other than the municipality's or hospital's own site: re-check it."""
        return self.web_host is not None


@dataclass(frozen=True)
class Switchboard:
    """The owner's general contact (switchboard, service desk, post mailbox): never the KE itself.

    Pages offer it as the way to ask for the KE when the KE's own phone or e-mail is not known, labelled as the
    switchboard, so nobody takes it for the KE's line.
    """

    phones: tuple[Phone, ...]
    email: str | None
    url: str | None                       # the owner's contact page, when the source is one
    source: Provenance                    # confirmed_by_ke is always False: a KE does not vouch for it
    source_host: str | None = None        # host of source.url (or url) when not the owner's website (re-check)

    @property
    def has_contact(self) -> bool:
        return bool(self.phones or self.email)

    @property
    def source_host_flagged(self) -> bool:
        return self.source_host is not None


# Oslo's catchment table (SKDE) has rows that are not districts anyone lives in: Sentrum (16) and
# Marka (17) are statistical areas outside Oslo's 15 city districts, 99 is "district not given".
# They keep their hospital in the data but are not offered as districts to choose.
DISTRICT_NOT_GIVEN = frozenset({"030199"})
NOT_RESIDENTIAL_DISTRICTS = frozenset({"030116", "030117"}) | DISTRICT_NOT_GIVEN


@dataclass(frozen=True)
class District:
    number: str
    name: str
    hospital_trust_id: str

    @property
    def residential(self) -> bool:
        """A city district people live in and look for by name (not Sentrum, Marka or 'not given')."""
        return self.number not in NOT_RESIDENTIAL_DISTRICTS

    @property
    def named_area(self) -> bool:
        """Not a district but a real area (Sentrum, Marka), unlike the 'district not given' row."""
        return not self.residential and self.number not in DISTRICT_NOT_GIVEN


@dataclass(frozen=True)
class OtherName:
    name: str
    lang: str


@dataclass
class Municipality:
    number: str
    name: str
    display_name: str
    official_name: str
    other_names: tuple[OtherName, ...]
    county_number: str
    language_form: str | None
    sami_language_area: bool
    admin_centre: str | None
    website: str | None
    hospital_trust_id: str | None
    districts: tuple[District, ...]
    own_ke: KeUnit | None
    services: tuple[str, ...] | None  # None = not known
    services_source: str | None
    source_file: str
    cooperation_id: str | None = None  # filled by resolve_cooperation
    organisation_number: str | None = None        # Enhetsregisteret, 9 digits
    organisation_number_source: str | None = None
    ke_per_district: bool = False                 # Oslo: the KE work is organised per district
    changes: tuple[Change, ...] = ()
    switchboard: Switchboard | None = None        # the municipality's general contact, not the KE

    @property
    def all_names(self) -> tuple[str, ...]:
        """Every official name a person might type: Norwegian, Sami and Kven."""
        names = [self.name, self.display_name, self.official_name] + [n.name for n in self.other_names]
        return tuple(dict.fromkeys(n for n in names if n))


@dataclass
class HospitalTrust:
    id: str
    name: str
    region_id: str
    kind: str
    website: str | None
    ke: KeUnit | None
    sources: tuple[str, ...]
    source_file: str
    changes: tuple[Change, ...] = ()
    switchboard: Switchboard | None = None        # the trust's general contact, not the KE


@dataclass
class Region:
    id: str
    name: str
    website: str | None
    regional_ke: KeUnit | None
    sources: tuple[str, ...]


@dataclass
class County:
    number: str
    name: str
    official_name: str
    region_id: str


@dataclass
class Cooperation:
    id: str
    name: str
    host: str
    members: tuple[str, ...]
    ke: KeUnit
    source_file: str


@dataclass(frozen=True)
class Service:
    code: str
    names: dict[str, str]         # lang -> name
    descriptions: dict[str, str]  # lang -> description
    # A right in every municipality (barnekoordinator): pages present it as a right and cite law_name/law_url;
    # a municipality not listed for it is one we have no contact for, never one that may lack it.
    statutory: bool = False
    law_name: str | None = None   # "helse- og omsorgstjenesteloven § 7-2 a"
    law_url: str | None = None    # Lovdata's address of that section


@dataclass(frozen=True)
class Helpline:
    name: str
    phone: Phone
    source: str


@dataclass
class Directory:
    """Everything the site shows, cross-referenced and validated."""

    municipalities: dict[str, Municipality]
    hospital_trusts: dict[str, HospitalTrust]
    regions: dict[str, Region]
    counties: dict[str, County]
    cooperations: dict[str, Cooperation]
    services: dict[str, Service]
    helpline: Helpline
    postal_codes: dict[str, "PostalCode"] = field(default_factory=dict)
    quiz: list[Question] = field(default_factory=list)
    town_names: list[TownName] = field(default_factory=list)        # data/place-names.yaml
    hospital_names: list[HospitalName] = field(default_factory=list)
    today: date = field(default_factory=date.today)  # the build date: old leads are judged against it

    def ke_for(self, municipality: Municipality) -> KeUnit | None:
        """The KE that serves a municipality: its cooperation's shared KE, else its own."""
        if municipality.cooperation_id:
            return self.cooperations[municipality.cooperation_id].ke
        return municipality.own_ke

    def trusts_for(self, municipality: Municipality) -> list[HospitalTrust]:
        """One trust for most; for Oslo the trusts of its districts, in district order."""
        ids = [municipality.hospital_trust_id] if municipality.hospital_trust_id else []
        ids += [d.hospital_trust_id for d in municipality.districts]
        return [self.hospital_trusts[i] for i in dict.fromkeys(ids)]

    def municipalities_in_county(self, county_number: str) -> list[Municipality]:
        return sorted((m for m in self.municipalities.values() if m.county_number == county_number),
                      key=lambda m: sort_key(m.display_name))

    def municipalities_served_by(self, trust_id: str) -> list[Municipality]:
        return sorted((m for m in self.municipalities.values() if trust_id in {t.id for t in self.trusts_for(m)}),
                      key=lambda m: sort_key(m.display_name))

    def districts_served_by(self, trust_id: str) -> list[tuple[Municipality, District]]:
        return [(m, d) for m in self.municipalities.values() for d in m.districts if d.hospital_trust_id == trust_id]

    def trusts_in_region(self, region_id: str) -> list[HospitalTrust]:
        return sorted((t for t in self.hospital_trusts.values() if t.region_id == region_id),
                      key=lambda t: sort_key(t.name))

    def municipalities_offering(self, code: str) -> list[Municipality]:
        return sorted((m for m in self.municipalities.values() if m.services and code in m.services),
                      key=lambda m: sort_key(m.display_name))


@dataclass(frozen=True)
class PostalCode:
    code: str
    place: str
    municipality_number: str
    category: str


_NORWEGIAN_ORDER = {c: i for i, c in enumerate("abcdefghijklmnopqrstuvwxyzæøå")}


def sort_key(text: str) -> tuple:
    """Norwegian alphabetical order: æ, ø, å after z; Sami letters beside their base letter."""
    return tuple((_NORWEGIAN_ORDER.get(ch, 100 + ord(ch)), ch) for ch in fold_to_base(text.lower()))
