"""vCard 4.0 (RFC 6350): one contact card per KE, to save the unit in a phone's contacts."""
from __future__ import annotations

from datetime import date
from typing import TypeGuard

from ..i18n import t
from ..model import Directory, KeUnit
from ..model.coverage import shows_as_ke
from ..model.records import ke_records
from ..paths import language_prefix, page_url
from .common import API_DIR
from .hsds import hsds_id


def has_vcard(ke: KeUnit | None, today: date) -> TypeGuard[KeUnit]:
    """A contact card is worth saving only with a phone, an e-mail or an address in it, and only for details that
    identify the KE and are current: a related page or an old lead must not be saved as "Koordinerende enhet"."""
    return (shows_as_ke(ke, today) and ke is not None
            and (ke.has_direct_contact or bool(ke.visiting_address or ke.postal_address)))


def _vtext(value: str) -> str:
    """RFC 6350 §3.4 text escaping: backslash, comma, semicolon and newline."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold_line(line: str, limit: int = 75) -> str:
    """RFC 6350 §3.2: lines of at most 75 octets, continued after CRLF + one space; never splits a UTF-8 char."""
    out: list[str] = []
    current, size, room = "", 0, limit
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > room:
            out.append(current)
            current, size, room = "", 0, limit - 1  # the leading space of a continuation line counts
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out)


def vcard(ke: KeUnit, display_name: str, lang: str = "nb") -> str:
    """A vCard 4.0 for a KE, so a person can save the unit in their phone's contacts.

    display_name is the organisation the KE belongs to as people know it ("Færder kommune",
    "Oslo universitetssykehus HF"): it becomes ORG and FN. The free-text addresses go into the street component
    of ADR (visiting address first); the NOTE says where the details come from and whether the KE confirmed them.
    Lines are folded at 75 octets with CRLF line ends. Raises ValueError when the KE has nothing to put in a card.
    """
    if not (ke.has_direct_contact or ke.visiting_address or ke.postal_address):
        raise ValueError(f"{ke.id} has no phone, e-mail or address: there is nothing to put in a vCard")
    org = _vtext(display_name) + (";" + _vtext(ke.unit) if ke.unit else "")
    lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:org",
             f"UID:urn:uuid:{hsds_id('service', ke.id)}",
             f"FN:{_vtext(t('ke_service_name', lang, name=display_name))}", f"ORG:{org}"]
    lines += [f"TEL;TYPE=work;VALUE=uri:tel:{p.e164}" for p in ke.phones]
    if ke.email:
        lines.append(f"EMAIL;TYPE=work:{_vtext(ke.email)}")
    if ke.web and not ke.web_host_flagged:  # flagged hosts are named in NOTE, with the warning, instead
        lines.append(f"URL:{ke.web}")
    for address in (ke.visiting_address, ke.postal_address):
        if address:
            # ADR components: PO box; extended; street; locality; region; postal code; country
            lines.append(f"ADR;TYPE=work:;;{_vtext(address)};;;;")
    evidence = t(f"vcard_evidence_{ke.source.evidence.replace('-', '_')}", lang)
    note = [t("vcard_source_evidence", lang, url=ke.source.url, evidence=evidence,
              date=ke.source.retrieved.isoformat()),
            t("vcard_confirmed" if ke.source.confirmed_by_ke else "vcard_unconfirmed", lang)]
    if ke.serves:
        note.append(t("vcard_serves", lang, text=ke.serves[lang]))
    if ke.phone_hours:
        note.append(t("vcard_phone_hours", lang, text=ke.phone_hours))
    if ke.web and ke.web_host_flagged:
        note.append(t("vcard_web_host_flagged", lang, url=ke.web))
    note += [t("vcard_phone", lang, phone=p.display, label=p.label) for p in ke.phones if p.label]
    if ke.opening_hours:
        note.append(t("vcard_hours", lang, text=ke.opening_hours))
    if ke.visiting_address:
        note.append(t("labelled_visiting", lang, text=ke.visiting_address))
    if ke.postal_address:
        note.append(t("labelled_postal", lang, text=ke.postal_address))
    if ke.her_id:
        note.append(t("vcard_her", lang, her_id=ke.her_id))
    lines.append("NOTE:" + _vtext("\n".join(note)))
    lines.append("END:VCARD")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def vcard_path(ke: KeUnit) -> str:
    """Site-relative path of a KE's vCard: 'api/v1/vcard/kommune-3911.vcf' (one per KE, shared by languages)."""
    return f"{API_DIR}/vcard/{ke.id}.vcf"


def vcard_href(page_path: str, lang: str, ke: KeUnit) -> str:
    """A relative link from a generated page ('kommune/3911', either language) to the KE's vCard.

    Relative, like every link of the site, so it works without site_url and under a sub-folder; English pages
    live one folder deeper (/en/) but share the one vCard.
    """
    depth = len([p for p in (language_prefix(lang) + page_url(page_path)).split("/") if p])
    return "../" * depth + vcard_path(ke)


def vcard_files(directory: Directory) -> dict[str, str]:
    """Site-relative path -> vCard text, for every KE that has something to put in one."""
    return {vcard_path(r.ke): vcard(r.ke, r.owner_name) for r in ke_records(directory)
            if has_vcard(r.ke, directory.today)}
