"""The pipeline command (`python -m ke_finder validate|stage|extras`): the one entry point the MkDocs hook,
scripts/bench.py and these tests share."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, edit
from ke_finder import pipeline


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ke_finder", "--project", str(project), *args],
                          capture_output=True, text=True, timeout=120)


def test_stage_then_extras_through_the_command(data_dir: Path, tmp_path: Path) -> None:
    project = data_dir.parent
    staged = run(project, "stage")
    assert staged.returncode == 0, staged.stderr
    docs = project / "docs"
    assert (docs / "kommune" / "1804.md").is_file() and (docs / "kommune" / "1804.en.md").is_file()
    assert "wrote" in staged.stderr
    again = run(project, "stage")
    assert "wrote 0 and removed 0" in again.stderr  # unchanged pages are not rewritten (mkdocs serve loops)

    site = tmp_path / "site"
    extras = run(project, "extras", str(site), "--no-search")
    assert extras.returncode == 0, extras.stderr
    municipalities = json.loads((site / "api/v1/municipalities.json").read_text(encoding="utf-8"))
    assert municipalities  # the same exports the hook writes after a build
    assert (site / "assets/finder-index.json").is_file() and (site / "schemas").is_dir()


def test_the_command_and_the_module_render_the_same_pages(data_dir: Path) -> None:
    project = pipeline.Project(data_dir.parent)
    rendered = pipeline.render(project, pipeline.load(project))
    assert run(project.root, "stage").returncode == 0
    on_disk = {str(p.relative_to(project.docs_dir)): p.read_text(encoding="utf-8")
               for p in project.docs_dir.rglob("*.md")}
    assert on_disk == rendered


def test_bad_data_stops_stage_with_every_error(data_dir: Path) -> None:
    edit(data_dir / "municipalities/1804-bodo.yaml", "number: '1804'", "number: 1804")
    result = run(data_dir.parent, "stage")
    assert result.returncode == 1
    assert "1804-bodo.yaml:" in result.stderr and "read by YAML as a number" in result.stderr
    assert not (data_dir.parent / "docs").exists()  # nothing half-written


# stage + extras in one process (the data is loaded once), as the MkDocs hook runs them.
STAGE_AND_EXTRAS = """
import sys
from pathlib import Path
from ke_finder import pipeline
project = pipeline.Project(Path(sys.argv[1]))
directory = pipeline.load(project)
pipeline.stage(project, directory)
pipeline.extras(project, project.root / "site", directory, search=False)
"""


def test_pages_and_exports_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """The real data through stage and extras in two processes with different PYTHONHASHSEED values: any output
    that follows set or dict order of strings would differ. (The site tier repeats this for the whole build.)"""
    projects, runs = [], []
    for seed in ("1", "2"):
        project = tmp_path / f"seed-{seed}"
        project.mkdir()
        shutil.copytree(ROOT / "data", project / "data")  # a copy: data_file paths are relative to the project
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs.append(subprocess.Popen([sys.executable, "-c", STAGE_AND_EXTRAS, str(project)], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        projects.append(project)
    for run_ in runs:  # both seeds at once: one per core
        _, stderr = run_.communicate(timeout=300)
        assert run_.returncode == 0, stderr
    first, second = ({str(p.relative_to(project)): p.read_bytes()
                      for folder in ("docs", "site") for p in sorted((project / folder).rglob("*")) if p.is_file()}
                     for project in projects)
    assert len(first) > 800 and sorted(first) == sorted(second)
    assert [rel for rel in first if first[rel] != second[rel]] == []
