"""The words the scripts in docs/assets/ write into pages: one complete table per language of the site.

Each script that shows text keeps it in one `var TEXT = {nb: {...}, nn: {...}, en: {...}}` literal and picks the
table by the page's language. These tests read that literal out of the real file, evaluate it with Node (which the
project already needs for its npm tools) and check that every language has exactly the same keys, nested keys,
list lengths and function arities as bokmål, and that every function returns a real string. So a string added
in bokmål only fails here, instead of showing bokmål on a nynorsk page or `undefined` to a reader.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ke_finder.paths import LANGUAGES

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "docs" / "assets"
# Every script that writes words into a page. quiz.js takes its words from the page (data-text-*),
# map.js and search.js write none of their own.
WORDY = ("copy.js", "correction.js", "finder.js", "message.js", "services.js", "tables.js")
SITE_LANGUAGES = {"nb", "nn", "en"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")

# Evaluates one TEXT literal and describes it: {lang: shape}; a shape is {"fn": arity, "out": sample result},
# {"str": text}, {"list": [shapes]} or {"obj": {key: shape}}. Functions are called with sample arguments of the
# kinds the scripts pass (numbers for counts, strings for names, a list for lists of names).
NODE_DESCRIBE = r"""
const orList = (items, word) => items.join(" " + word + " ");  // finder.js's helper, outside its table
const text = eval("(" + require("fs").readFileSync(0, "utf8") + ")");
function sample(fn) {
  const names = /^\s*function\s*\(([^)]*)\)/.exec(fn.toString())[1].split(",").map(s => s.trim()).filter(Boolean);
  const args = names.map(n => /^(n|shown|all|known|total)$/.test(n) ? 2
                              : /labels|names|items/.test(n) ? ["Herøy", "Bø"] : "Bodø");
  return fn.apply(null, args);
}
function shape(v) {
  if (typeof v === "function") return { fn: v.length, out: sample(v) };
  if (typeof v === "string") return { str: v };
  if (Array.isArray(v)) return { list: v.map(shape) };
  if (v && typeof v === "object") {
    const o = {};
    Object.keys(v).sort().forEach(k => { o[k] = shape(v[k]); });
    return { obj: o };
  }
  return { other: String(v) };
}
const out = {};
Object.keys(text).forEach(lang => { out[lang] = shape(text[lang]); });
process.stdout.write(JSON.stringify(out));
"""


def text_literal(source: str) -> str:
    """The object literal after `var TEXT = `, found by matching braces outside strings and comments."""
    start = source.index("var TEXT = {") + len("var TEXT = ")
    depth, i, quote = 0, start, None
    while i < len(source):
        ch = source[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif source.startswith("//", i):
            i = source.index("\n", i)
            continue
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return source[start:i + 1]
        i += 1
    raise AssertionError("unbalanced TEXT literal")


def describe(path: Path) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed (scripts/install_browser_deps.sh requires it for npm)"
    literal = text_literal(path.read_text(encoding="utf-8"))
    run = subprocess.run([node, "-e", NODE_DESCRIBE], input=literal, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def differences(nb: dict, other: dict, where: str = "") -> list[str]:
    """Where `other` is not shaped like `nb`: a missing or extra key, another list length or arity, an empty string."""
    found: list[str] = []
    if nb.keys() != other.keys():
        return [f"{where or 'top'}: {sorted(nb)} vs {sorted(other)}"]
    if "obj" in nb:
        for key in sorted(set(nb["obj"]) | set(other["obj"])):
            if key not in other["obj"]:
                found.append(f"{where}.{key}: missing")
            elif key not in nb["obj"]:
                found.append(f"{where}.{key}: not in nb")
            else:
                found += differences(nb["obj"][key], other["obj"][key], f"{where}.{key}")
    elif "list" in nb:
        if len(nb["list"]) != len(other["list"]):
            found.append(f"{where}: {len(nb['list'])} items in nb, {len(other['list'])} here")
        for i, (a, b) in enumerate(zip(nb["list"], other["list"])):
            found += differences(a, b, f"{where}[{i}]")
    elif "fn" in nb:
        if nb["fn"] != other["fn"]:
            found.append(f"{where}: takes {other['fn']} arguments, nb's takes {nb['fn']}")
        out = other["out"]
        if not isinstance(out, str) or not out.strip() or "undefined" in out or "[object" in out:
            found.append(f"{where}: returns {out!r}")
    elif "str" in nb:
        if not other["str"].strip():
            found.append(f"{where}: empty")
        ours, theirs = (set(PLACEHOLDER.findall(shape["str"])) for shape in (nb, other))
        if ours != theirs:
            found.append(f"{where}: placeholders {sorted(theirs)}, nb has {sorted(ours)}")
    return found


@pytest.mark.parametrize("name", WORDY)
def test_every_language_has_a_complete_table(name: str) -> None:
    tables = describe(ASSETS / name)
    assert set(tables) == SITE_LANGUAGES
    assert set(LANGUAGES) <= set(tables), f"{name} lacks a language of ke_finder.paths.LANGUAGES"
    for lang in ("nn", "en"):
        problems = differences(tables["nb"], tables[lang])
        assert not problems, f"{name} {lang}: " + "; ".join(problems)


@pytest.mark.parametrize("name", WORDY)
def test_nynorsk_table_is_not_a_copy_of_bokmal(name: str) -> None:
    """The nn table is translated: most of its strings differ from nb's (a few, like "Telefon", are the same)."""
    tables = describe(ASSETS / name)

    def strings(shape: dict) -> list[str]:
        if "obj" in shape:
            return [s for key in sorted(shape["obj"]) for s in strings(shape["obj"][key])]
        if "list" in shape:
            return [s for item in shape["list"] for s in strings(item)]
        return [shape["out"] if "fn" in shape else shape["str"]]

    nb, nn = strings(tables["nb"]), strings(tables["nn"])
    same = [a for a, b in zip(nb, nn) if a == b and re.search(r"[a-zæøå]{3}", a)]
    assert len(same) <= max(1, len(nb) // 3), f"{name}: nn repeats nb in {same}"
    bokmål = re.compile(r"\b(ikke|hva|hvordan|hvor|hvem|tjenester|enhet|enheten|koordinerende|sykehus|også|velg|"
                        r"fra|noen|kommuner|opplysninger|ennå|bare|nå|hjem)\b", re.IGNORECASE)
    found = sorted({m.group(0) for text in nn for m in bokmål.finditer(text)})
    assert not found, f"{name}: bokmål words in the nn table: {found}"


def test_no_script_chooses_between_two_languages_only() -> None:
    """The old pattern `lang === "en" ? English : bokmål` would show bokmål on nynorsk pages."""
    for path in sorted(ASSETS.glob("*.js")):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"""lang\s*===?\s*["']en["']""", source), f"{path.name} still picks en or nb"
        assert not re.search(r"""\[\s*en\s*\?\s*["']en["']\s*:\s*["']nb["']\s*\]""", source), path.name
        assert "nb-NO" not in source or "nn-NO" in source, f"{path.name} formats dates for nb and not nn"


def test_describe_catches_a_string_missing_in_nynorsk(tmp_path: Path) -> None:
    """The check above can fail: a table whose nn lacks a key, or has a function of another arity, is reported."""
    fake = tmp_path / "fake.js"
    fake.write_text('(function () {\n  var TEXT = {\n'
                    '    nb: { a: "Hei {name}", b: function (n) { return n + " kommuner"; }, c: ["x", "y"] },\n'
                    '    nn: { a: "Hei", b: function () { return "kommunar"; }, c: ["x"] },\n'
                    '    en: { a: "Hi {name}", b: function (n) { return n + " municipalities"; }, c: ["x", "y"], d: "" }\n'
                    '  };\n})();\n', encoding="utf-8")
    tables = describe(fake)
    nn = "; ".join(differences(tables["nb"], tables["nn"]))
    assert ".a: placeholders" in nn and ".b: takes 0 arguments" in nn and ".c: 2 items in nb, 1 here" in nn
    assert ".d: not in nb" in "; ".join(differences(tables["nb"], tables["en"]))
