"""`make audit`: the locked dependencies against published advisories, saying plainly what could not be checked.

Two sources, each asked through its own tool: pip-audit (the package index's vulnerability data for every pinned
version in requirements.txt) and `npm audit` (the npm registry's advisories for package-lock.json). A tool that
cannot reach its source, or a source that does not answer for a package, must not read as "no known
vulnerabilities": pip-audit itself prints that even when it skipped every package because the index answered
404. So each package is counted as checked, vulnerable or not checked, and the report and exit code say which.

Where the index does not answer for a pinned version, the project's own page is asked (``/pypi/<name>/json``):
its ``vulnerabilities`` are those of the newest release, so they count only when the pin is that release;
otherwise the package is reported as not checked, with the newer version (a hint to bump it).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

PYPI_URL = "https://pypi.org/pypi"


@dataclass
class SourceResult:
    """What one source said: None in `error` means it was reached."""
    name: str
    checked: int = 0
    vulnerable: list[str] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)
    error: str | None = None


def _latest(name: str, pypi_url: str, timeout: float) -> tuple[str, list[dict]] | str:
    """(newest version, its vulnerabilities) from the project's page, or why it could not be read."""
    try:
        with urllib.request.urlopen(f"{pypi_url}/{name}/json", timeout=timeout) as response:
            data = json.load(response)
        return data["info"]["version"], data.get("vulnerabilities") or []
    except (OSError, ValueError, KeyError) as exc:
        return f"{type(exc).__name__}: {exc}"[:200]


def python_audit(lock: Path, pypi_url: str = PYPI_URL, timeout: float = 15) -> SourceResult:
    """pip-audit over the hashed lock (no install, no resolution), then the project pages for what it skipped."""
    result = SourceResult("Python packages (" + lock.name + ", pip-audit)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        run = subprocess.run([sys.executable, "-m", "pip_audit", "--requirement", str(lock), "--disable-pip",
                              "--require-hashes", "--vulnerability-service", "pypi", "--timeout", str(int(timeout)),
                              "--progress-spinner", "off", "--format", "json", "--output", str(out)],
                             capture_output=True, text=True, timeout=600)
        try:
            report = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            last = (run.stderr.strip().splitlines() or ["no output"])[-1]
            result.error = f"pip-audit could not reach the vulnerability data (exit {run.returncode}): {last[:300]}"
            return result
    skipped = []
    for dep in report.get("dependencies", []):
        if dep.get("skip_reason"):
            skipped.append((dep["name"], dep.get("version") or _version_in_reason(dep["skip_reason"])))
        elif dep.get("vulns"):
            result.checked += 1
            result.vulnerable.append(f"{dep['name']} {dep['version']}: " + ", ".join(v["id"] for v in dep["vulns"]))
        else:
            result.checked += 1
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda item: _latest(item[0], pypi_url, timeout), skipped))
    unreachable = 0
    for (name, version), answer in zip(skipped, answers):
        if isinstance(answer, str):
            unreachable += 1
            result.not_checked.append(f"{name} {version}: no answer ({answer})")
        elif answer[0] != version:
            result.not_checked.append(f"{name} {version}: the index answers only for the newest release, {answer[0]}")
        else:
            result.checked += 1
            if answer[1]:
                result.vulnerable.append(f"{name} {version}: " + ", ".join(v.get("id", "?") for v in answer[1]))
    if skipped and unreachable == len(skipped):
        result.error = f"the package index could not be reached for any of the {len(skipped)} packages pip-audit skipped"
    return result


def _version_in_reason(reason: str) -> str:
    """pip-audit's skip reason ends with '(1.2.3)'."""
    return reason.rsplit("(", 1)[-1].rstrip(")") if reason.endswith(")") else "?"


def npm_audit(root: Path, registry: str | None = None) -> SourceResult:
    """`npm audit` over package-lock.json (no install)."""
    result = SourceResult("npm packages (package-lock.json, npm audit)")
    command = ["npm", "audit", "--json", "--package-lock-only"] + ([f"--registry={registry}"] if registry else [])
    try:
        run = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        result.error = f"npm audit did not run: {exc}"
        return result
    try:
        data = json.loads(run.stdout or "{}")
    except ValueError:
        data = {}
    if "vulnerabilities" not in data or "metadata" not in data:
        message = data.get("message") or (data.get("error") or {}).get("summary") or run.stderr.strip()[-300:]
        result.error = f"npm audit could not reach the advisories (exit {run.returncode}): {message or 'no answer'}"
        return result
    result.checked = int(data["metadata"].get("dependencies", {}).get("total", 0))
    result.vulnerable = [f"{name}: {v.get('severity')} ({v.get('range', '')})" for name, v in data["vulnerabilities"].items()]
    return result


def report(results: list[SourceResult]) -> tuple[str, int]:
    """The words and the exit code: 1 when a vulnerability is known, else 2 when anything could not be checked,
    else 0 (every package checked, nothing known)."""
    lines, code = [], 0
    for r in results:
        if r.error:
            lines.append(f"{r.name}: NOT CHECKED. {r.error}. This is not a clean result.")
            code = max(code, 2)
        elif r.not_checked:
            lines.append(f"{r.name}: {r.checked} checked, {len(r.not_checked)} NOT CHECKED (not a clean result):")
            code = max(code, 2)
        else:
            lines.append(f"{r.name}: {r.checked} checked, " + (f"{len(r.vulnerable)} with known vulnerabilities:"
                                                              if r.vulnerable else "no known vulnerabilities."))
        lines += [f"  not checked: {item}" for item in r.not_checked]
        lines += [f"  VULNERABLE: {item}" for item in r.vulnerable]
    if any(r.vulnerable for r in results):
        code = 1
    return "\n".join(lines), code


def main(root: Path, pypi_url: str, npm_registry: str | None, timeout: float) -> int:
    with ThreadPoolExecutor(max_workers=2) as pool:  # the two sources side by side
        python = pool.submit(python_audit, root / "requirements.txt", pypi_url, timeout)
        npm = pool.submit(npm_audit, root, npm_registry)
        results = [python.result(), npm.result()]
    text, code = report(results)
    print(text)
    return code

