"""Issue 19 #5, as a reader meets it: a 6 MB paste into the citation lookup, sent by
Chromium to a running server, comes back as the page with its own message."""

import re

from playwright.sync_api import expect


def test_a_six_mb_paste_shows_the_pages_own_message(page, screenshot):
    page.goto("/verwijzingen/")
    text = "Zie Kamerstuk 33 694, nr. 12. " * (6 * 1024 * 1024 // 30)
    # fill() types nothing: it sets the value, as a paste does.
    page.get_by_label(re.compile(r"^Tekst")).fill(text)
    page.get_by_role("button", name="Verwijzingen zoeken").click()
    expect(page.get_by_role("alert")).to_have_text("De tekst is te lang: plak hoogstens 1 MB.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwijzingen opzoeken")
    screenshot("paste-too-long")
