"""Issue 21, points 11 and 12, at a 390 px phone in every language: Tab never lands in the closed navigation
drawer, every stop shows its focus, the language menu does not cover the finder's label, and text wraps at
sensible places (web addresses and organisation numbers may break anywhere; words never inside the word)."""
from __future__ import annotations

import pytest

PREFIX = {"nb": "", "nn": "nn/", "en": "en/"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Every word (a run of two or more non-space characters) that wraps onto a new line anywhere but right after a
# hyphen or slash. Web and e-mail addresses, organisation numbers and code (file paths) are left out.
MID_WORD_BREAKS = r"""() => {
  // Words (runs of non-space) that wrap onto a new line anywhere but right after a hyphen or slash.
  // Web and e-mail addresses, organisation numbers and code (file paths) may break anywhere.
  const broken = [];
  const root = document.querySelector("article") || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const top = (node, i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                             const rects = Array.from(r.getClientRects()).filter(x => x.width > 0);
                             return rects.length ? Math.round(rects[0].top) : null; };
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || !el.getClientRects().length) continue;
    if (el.closest(".ke-url, .ke-orgnr, a[href^='http'], a[href^='mailto:'], code, .ke-print-only, [hidden], svg")) continue;
    const text = node.textContent;
    const re = /\S{2,}/g; let m;
    while ((m = re.exec(text))) {
      let last = top(node, m.index);
      for (let i = m.index + 1; i < m.index + m[0].length; i++) {
        const t = top(node, i);
        if (t !== null && last !== null && t > last + 2 && !/[-\/–]/.test(text[i - 1])) { broken.push(m[0]); break; }
        if (t !== null) last = t;
      }
    }
  }
  return broken;
}"""

FOCUSED = """() => { const e = document.activeElement; const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return { text: (e.textContent || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 40),
             inDrawer: !!e.closest('.md-sidebar--primary'), left: r.left, right: r.right, width: r.width,
             outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
             inMenu: !!e.closest('.md-select') , tag: e.tagName } }"""


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(**PHONE)
    yield context.new_page()
    context.close()


def _tab_stops(page, count: int) -> list[dict]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_keyboard_at_phone_width_never_loses_focus(phone, site_url: str, lang: str) -> None:
    page = phone
    for path in ("", "kommune/1804/"):
        page.goto(site_url + PREFIX[lang] + path)
        stops = _tab_stops(page, 25)
        assert not [s for s in stops if s["inDrawer"]], "Tab reached links in the closed navigation drawer"
        for stop in stops:
            assert stop["width"] > 0 and stop["left"] >= -1 and stop["right"] <= 391, stop
            assert stop["outline"] or stop["tag"] == "BODY", f"no visible focus on {stop}"
    # The language menu: its links show focus, and the open menu leaves the finder's label uncovered.
    page.goto(site_url + PREFIX[lang] + "kommune/1804/")
    for _ in range(10):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["inMenu"] and stop["tag"] == "A":
            break
    assert stop["inMenu"] and stop["outline"], stop
    menu = page.locator(".md-header .md-select__inner").bounding_box()
    label = page.locator(".ke-finder__label").bounding_box()
    assert menu["y"] + menu["height"] <= label["y"], (menu, label)
    # The drawer still works: opened, its links are there to reach.
    page.keyboard.press("Escape")
    page.locator(".md-header label[for=\"__drawer\"]").click()
    page.wait_for_timeout(400)
    assert page.locator(".md-sidebar--primary .md-nav__link").nth(1).is_visible()


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_text_at_phone_width_breaks_at_sensible_places(phone, site_url: str, lang: str) -> None:
    page = phone
    broken = {}
    for path in ("", "kommune/4204/", "kommune/0301/", "helseforetak/ous/", "fylke/42/", "dekning/", "tjeneste/",
                 "about/data/", "about/accessibility/", "guides/glossary/", "message-helper/"):
        page.goto(site_url + PREFIX[lang] + path)
        words = page.evaluate(MID_WORD_BREAKS)
        if words:
            broken[path] = words[:5]
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{path} scrolls sideways"
    assert not broken, broken


def test_displayed_addresses_may_break_after_dots_slashes_and_at() -> None:
    from ke_finder.site.templating import address_breaks
    assert address_breaks("www.bodo.kommune.no") == "www.<wbr>bodo.<wbr>kommune.<wbr>no"
    assert address_breaks("post@a-b.no/x?y=<z>") == "post@<wbr>a-b.<wbr>no/<wbr>x?y=&lt;z&gt;"
    assert address_breaks("no-dots") == "no-dots"
