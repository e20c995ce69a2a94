"""The whole build of the data layer, as two steps any site generator can call.

    stage(project)            data/ -> validated model -> generated Markdown pages in docs/
    extras(project, site_dir) model -> exports (api/v1, finder index, schemas) and the search index in site_dir

stage is load + render + write; extras is exports + search. Each step is a function of its own so that
`scripts/bench.py` can time them one by one through this module.

The MkDocs hook, `python -m ke_finder`, the benchmark and the tests all call these, so there is one
pipeline and no copy of it. Nothing here imports MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .editor.correction_form import write_correction_files
from .exports import write_exports
from .model import Directory
from .site.embed import write_embed_cards
from .site.search_index import build_search_index
from .site.writer import render_site_pages, write_pages
from .source.errors import DataError
from .source.load import data_warnings, load_directory
from .source.rules import write_rules_json


@dataclass(frozen=True)
class Project:
    """Where a project's parts are: data/ is read, docs/ gets the generated pages."""

    root: Path
    docs: Path | None = None   # the generator's docs folder, when not <root>/docs

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def docs_dir(self) -> Path:
        return self.docs if self.docs is not None else self.root / "docs"


def load(project: Project) -> Directory:
    """The validated model; raises DataInvalid with every error of the run (and its warnings)."""
    return load_directory(project.data_dir)


def warnings(project: Project) -> list[DataError]:
    """Files in data/ that the build does not read and that are not errors (notes, editors' backups):
    the same warnings a load reports, for a caller whose load succeeded."""
    return data_warnings(project.data_dir)


def render(project: Project, directory: Directory) -> dict[str, str]:
    """Every generated page: path under docs/ -> Markdown text."""
    return render_site_pages(directory, project.data_dir)


def stage(project: Project, directory: Directory | None = None,
          rendered: dict[str, str] | None = None) -> tuple[int, int]:
    """Write the generated pages into docs/ (only those that changed); returns (written, removed)."""
    directory = directory if directory is not None else load(project)
    rendered = rendered if rendered is not None else render(project, directory)
    return write_pages(project.docs_dir, rendered)


def extras(project: Project, site_dir: Path, directory: Directory | None = None, search: bool = True) -> None:
    """Everything a built site needs besides its pages: open data, the finder index, schemas, the correction form's
    files, the embeddable KE cards, search index."""
    directory = directory if directory is not None else load(project)
    write_exports(directory, site_dir, project.data_dir)
    write_correction_files(directory, site_dir, project.data_dir)
    write_embed_cards(directory, site_dir)  # small standalone pages, not MkDocs pages: see site/embed.py
    write_rules_json(site_dir / "schemas")  # the data rules, for a browser form that checks as the build does
    if search:
        search_index(site_dir)


def search_index(site_dir: Path) -> None:
    """The full-text search index (Pagefind) over every built HTML page of every language."""
    build_search_index(site_dir)
