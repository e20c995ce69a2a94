"""The site builds without the crawler's libraries: importing what the build runs loads none of them."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

CRAWLER_LIBRARIES = ("scrapy", "twisted", "trafilatura", "htmldate")

PROBE = """
import importlib.util, json, sys
import ke_finder.pipeline, ke_finder.__main__
spec = importlib.util.spec_from_file_location("ke_pages_probe", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_pipeline_and_hook_import_no_crawler_library() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, str(ROOT / "hooks" / "ke_pages.py")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "ke_finder" in loaded and "mkdocs" in loaded   # the probe did import the build's code
    assert not loaded & set(CRAWLER_LIBRARIES), sorted(loaded & set(CRAWLER_LIBRARIES))
