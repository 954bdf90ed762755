"""Journey 1: a staffer browses by mission, from the home page to a letter about MINUSMA."""

import re

from playwright.sync_api import expect

SEED_004_TITLE = "Voorziene besluitvorming over toekomstige Nederlandse militaire bijdragen"


def count_in(text: str) -> int:
    """The number in "(3 brieven)" or "3 brieven"."""
    match = re.search(r"(\d+)", text)
    assert match, f"no count in {text!r}"
    return int(match.group(1))


def test_staffer_follows_minusma_from_home_to_its_letters(page, seed_letters, screenshot):
    page.goto("/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Missies").click()
    expect(page).to_have_url(re.compile(r"/missies/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Missies")
    screenshot("missions")

    page.get_by_role("link", name="MINUSMA", exact=True).click()
    expect(page).to_have_url(re.compile(r"/missies/minusma/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("MINUSMA")
    meta = page.locator("dl.letter-meta")
    expect(meta).to_contain_text("Verenigde Naties")
    expect(meta).to_contain_text("25 april 2013")
    expect(meta).to_contain_text("31 december 2023")

    timeline = page.get_by_role("region", name="Tijdlijn")
    entry = timeline.get_by_role("listitem").filter(has_text=SEED_004_TITLE)
    expect(entry).to_have_count(1)
    # The letter says the contribution ends per 1 May 2019: its decision is shown with it.
    expect(entry).to_contain_text("Beëindiging")
    expect(entry.get_by_role("link", name=re.compile(SEED_004_TITLE))).to_be_visible()
    screenshot("mission-timeline")

    page.get_by_role("link", name="Alle brieven over MINUSMA doorzoeken").click()
    expect(page).to_have_url(re.compile(r"/brieven/\?missie=minusma$"))
    chips = page.get_by_role("list", name="Gekozen filters")
    expect(chips.get_by_role("link", name=re.compile(r"Missie: MINUSMA"))).to_be_visible()
    minusma_box = page.get_by_role("group", name="Missie").get_by_role(
        "checkbox", name=re.compile(r"^MINUSMA\b")
    )
    expect(minusma_box).to_be_checked()
    facet_count = count_in(
        page.locator(f"label[for='{minusma_box.get_attribute('id')}'] .count").inner_text()
    )
    results_heading = page.locator("#resultaten-kop")
    assert count_in(results_heading.inner_text()) == facet_count
    hits = page.locator("ol.hits > li")
    expect(hits).to_have_count(facet_count)  # five seed letters: one page
    expect(hits.filter(has_text=SEED_004_TITLE)).to_have_count(1)
    screenshot("search-minusma")

    hits.filter(has_text=SEED_004_TITLE).get_by_role("heading").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(SEED_004_TITLE)
    missions = page.get_by_role("region", name="Missies in deze brief")
    expect(missions.get_by_role("link", name="MINUSMA", exact=True)).to_be_visible()
    screenshot("letter")


def test_facets_work_with_the_keyboard(page, seed_letters, screenshot):
    page.goto("/brieven/?missie=minusma")
    year_group = page.get_by_role("group", name="Jaar")
    target = year_group.get_by_role("checkbox").first
    target_id = target.get_attribute("id")
    year = target.get_attribute("value")
    year_count = count_in(page.locator(f"label[for='{target_id}'] .count").inner_text())
    expect(target).not_to_be_checked()

    # Start in the search box and Tab forward, as a keyboard user would, to the checkbox.
    page.locator("#q").focus()
    for _ in range(80):
        if page.evaluate("document.activeElement.id") == target_id:
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError(f"Tab never reached the year checkbox #{target_id}")
    page.keyboard.press("Space")
    expect(target).to_be_checked()
    screenshot("year-checked")

    # On to the "Filters toepassen" button, then submit with Enter.
    for _ in range(80):
        if page.evaluate("document.activeElement.textContent.trim()") == "Filters toepassen":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never reached the 'Filters toepassen' button")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(rf"jaar={year}"))
    assert "missie=minusma" in page.url
    chips = page.get_by_role("list", name="Gekozen filters")
    expect(chips.get_by_role("link", name=re.compile(rf"Jaar: {year}"))).to_be_visible()
    expect(chips.get_by_role("link", name=re.compile(r"Missie: MINUSMA"))).to_be_visible()
    assert count_in(page.locator("#resultaten-kop").inner_text()) == year_count
    screenshot("year-applied")
