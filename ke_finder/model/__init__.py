"""The one in-memory model of the directory: plain data, no I/O, no MkDocs."""
from .entities import (EVIDENCE_KINDS, NOT_MUNICIPALITIES, Change, Cooperation, County, Directory, District, Helpline,
                       HospitalTrust, KeUnit, Municipality, OtherName, Phone, PostalCode, Provenance, Region, Service,
                       Switchboard, sort_key)

__all__ = ["EVIDENCE_KINDS", "NOT_MUNICIPALITIES", "Change", "Cooperation", "County", "Directory", "District",
           "Helpline", "HospitalTrust", "KeUnit", "Municipality", "OtherName", "Phone", "PostalCode", "Provenance",
           "Region", "Service", "Switchboard", "sort_key"]
