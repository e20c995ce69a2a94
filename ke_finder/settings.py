"""Deployment settings a public release needs, and what a build says when they are missing.

The editors' mailbox (KE_EDITOR_EMAIL) and the site's public address (SITE_URL) are known only to whoever
hosts the site. A local build works without them (the correction form says that the build has no editors'
address and offers to copy the change); a release build (KE_RELEASE=1, `make release`) refuses, so a public
site never ships without a way to reach its editors. Plain Python: the MkDocs hook and the tests call it.
"""
from __future__ import annotations

from dataclasses import dataclass

RELEASE_ENV = "KE_RELEASE"


@dataclass(frozen=True)
class BuildSettings:
    site_url: str = ""
    editor_email: str = ""
    data_edit_url: str = ""

    def missing(self) -> list[str]:
        """The settings a release needs that are empty, as 'ENV_NAME (what it is)'."""
        missing = []
        if not self.editor_email.strip():
            missing.append("KE_EDITOR_EMAIL (the editors' e-mail address, where corrections are sent)")
        if not self.site_url.strip():
            missing.append("SITE_URL (the site's public address, printed on pages and used for canonical links)")
        return missing

    def missing_message(self) -> str:
        """One log line for a local build; empty when nothing is missing."""
        missing = self.missing()
        if not missing:
            return ""
        return ("Build settings not set: " + "; ".join(missing) + ". The site works without them "
                "(see README, 'Build settings'); a release build (make release, KE_RELEASE=1) refuses to build.")


def is_release(environ: dict[str, str]) -> bool:
    return environ.get(RELEASE_ENV, "").strip() not in ("", "0", "false", "no")
