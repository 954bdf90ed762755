"""Issue 19 #14: every public page fits the screen at 1280, 1024 and 375 px: nothing
sticks out of the viewport or out of the box it sits in, except inside a box that
scrolls sideways on its own (wide tables), and that box itself fits."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOT_DIR

PAGES = [
    ("home", "/"),
    ("search", "/brieven/?q=missie&missie=minusma"),
    ("letter", "/kamerstuk/33694/9/"),
    ("kamerstuk", "/kamerstuk/33694/12/"),
    ("missions", "/missies/"),
    ("mission", "/missies/minusma/"),
    ("budget", "/begroting/"),
    ("recommendations", "/aanbevelingen/"),
    ("dossier", "/dossiers/33694/"),
]
WIDTHS = [1280, 1024, 375]
# From this width on a table fits its column; narrower, a table of many columns may
# scroll sideways inside its own box (and only there).
TABLES_FIT_FROM = 1024

# Elements whose right edge lies beyond the viewport, or beyond a box that clips
# them (an SVG chart, overflow: hidden), unless a box between them scrolls sideways
# on its own. Hidden helpers (1 px) and elements moved off screen on purpose (the
# skip link) are left alone.
OVERFLOWING = """
() => {
  const viewport = document.documentElement.clientWidth;
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || box.right <= 0) continue;
    let limit = viewport, inScroller = false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (scrolls(up)) { inScroller = true; break; }
      // A box that clips what sticks out (an SVG drawing, overflow: hidden) cuts it off.
      if (['hidden', 'clip'].includes(getComputedStyle(up).overflowX)) {
        limit = Math.min(limit, up.getBoundingClientRect().right);
      }
    }
    if (inScroller) continue;
    if (box.right > limit + 1) {
      found.push(`${name(el)} ends at ${Math.round(box.right)} px, beyond ${Math.round(limit)} px`);
    }
  }
  const page = document.documentElement.scrollWidth;
  if (page > viewport) found.unshift(`the page is ${page} px wide`);
  return found;
}
"""

SCROLLING_TABLES = """
() => [...document.querySelectorAll('table')]
  .map((table) => [table, table.parentElement])
  .filter(([table, box]) => box.scrollWidth > box.clientWidth + 1)
  .map(([table, box]) => `table "${table.caption ? table.caption.textContent.trim() : '?'}" is ` +
       `${box.scrollWidth} px wide in a box of ${box.clientWidth} px`)
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_fit_the_screen(browser, live_server, seed_letters, width):
    from tests.browser.layout_data import add_wide_budget_lines

    add_wide_budget_lines(seed_letters)
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    problems = []
    try:
        page = context.new_page()
        for what, address in PAGES:
            response = page.goto(address)
            assert response.status == 200, f"{what} ({address}) answered {response.status}"
            expect(page.get_by_role("heading", level=1)).to_have_count(1)
            found = page.evaluate(OVERFLOWING)
            if width >= TABLES_FIT_FROM:
                found += page.evaluate(SCROLLING_TABLES)
            if found:
                page.screenshot(path=str(SCREENSHOT_DIR / f"layout-{what}-{width}.png"), full_page=True)
                problems.append(f"{what} ({address}) at {width} px: " + "; ".join(found[:8]))
    finally:
        context.close()
    assert not problems, "Pages wider than the screen:\n" + "\n".join(problems)
