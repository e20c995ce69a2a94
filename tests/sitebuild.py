"""Build the real site once per test session, into a temp dir, the way `make site` does."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides", "ke_finder")


def copy_project(target: Path) -> Path:
    """A throwaway copy of everything a build reads, so tests can break data safely."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, target / part)
    return target


# Deployment settings a real host would give; example.org values so tests can assert the links.
TEST_ENV = {
    "NO_MKDOCS_2_WARNING": "1",
    "PATH": "/usr/bin:/bin",
    "KE_EDITOR_EMAIL": "redaksjon@example.org",
    "KE_DATA_EDIT_URL": "https://example.org/ke-finder/edit/main/",
}


# The address a deployment would give (SITE_URL): with it, canonical and hreflang links are absolute.
TEST_SITE_URL = "https://example.org/ke/"
# The session's shared site is built with this hash seed; the determinism test builds again with another one.
SESSION_HASH_SEED = "1"


def mkdocs_build(project: Path, site_dir: Path, hash_seed: str | None = None, *, site_url: str | None = None,
                 generator: str = "mkdocs") -> subprocess.CompletedProcess:
    """`<generator> build` of project's mkdocs.yml (generator: "mkdocs", or "properdocs" which reads it as is).

    hash_seed sets PYTHONHASHSEED (set and dict order of str keys)."""
    env = {**TEST_ENV, **({"SITE_URL": site_url} if site_url else {}),
           **({"PYTHONHASHSEED": hash_seed} if hash_seed is not None else {})}
    return subprocess.run(
        [sys.executable, "-m", generator, "build", "--config-file", "mkdocs.yml", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env=env,
    )


def build_site(workdir: Path, hash_seed: str = SESSION_HASH_SEED, *, site_url: str | None = None,
               generator: str = "mkdocs") -> Path:
    """Build the real data into workdir/site and return that folder (fails loudly)."""
    project = copy_project(workdir / "project")
    site = workdir / "site"
    result = mkdocs_build(project, site, hash_seed, site_url=site_url, generator=generator)
    if result.returncode != 0:
        raise RuntimeError(f"{generator} build failed:\n{result.stdout}\n{result.stderr}")
    return site
