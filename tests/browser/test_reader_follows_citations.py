"""Journey 3: a public reader follows citation links between letters, to a Kamerstuk
that is not in the archive and back, and through footnotes and paragraph anchors."""

import json
import re

from playwright.sync_api import expect

SEED_001_TITLE = "Samenhang tussen de Nederlandse bijdragen aan internationale veiligheid"
SEED_003_TITLE = "Voortgangsrapportage Geïntegreerde Buitenland- en Veiligheidsstrategie (GBVS)"
SEED_004_TITLE = "Voorziene besluitvorming over toekomstige Nederlandse militaire bijdragen"
GBVS_CITATION = re.compile(r"Kamerstuk 33\s694, nr\.\s*12")
OFFICIAL_33694_12 = "https://zoek.officielebekendmakingen.nl/kst-33694-12.html"

EXTRA_TITLE = "Antwoord op vragen over de samenhang van de bijdragen aan missies"
EXTRA_TEXT = """\
Hierbij beantwoord ik de vragen van de vaste commissie over de samenhang tussen de
Nederlandse bijdragen aan internationale veiligheid.

De uitgangspunten staan in de brief van het kabinet over deze samenhang (Kamerstuk 33 694,
nr. 9). Het kabinet ziet geen aanleiding die uitgangspunten te herzien.

De Minister van Buitenlandse Zaken,
A.G. Koenders
"""


def letter_text(page):
    return page.locator(".letter-text")


def test_reader_follows_a_citation_to_a_kamerstuk_outside_the_archive(
    page, seed_letters, screenshot
):
    page.goto("/")
    page.get_by_label("Zoek in de brieven").first.fill("Voortgangsrapportage")
    page.get_by_label("Zoek in de brieven").first.press("Enter")
    page.get_by_role("link", name=SEED_003_TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_003_TITLE)
    screenshot("seed-003")

    letter_text(page).get_by_role("link", name=GBVS_CITATION).first.click()
    expect(page).to_have_url(re.compile(r"/kamerstuk/33694/12/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kamerstuk 33 694, nr. 12")
    expect(page.get_by_text("staat (nog) niet in het archief")).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile(r"officielebekendmakingen\.nl \(kst-33694-12\)"))
    ).to_have_attribute("href", OFFICIAL_33694_12)
    citing = page.get_by_role("region", name="Geciteerd door").locator("ol.citing-letters > li")
    expect(citing).to_have_count(2)
    # Each citing letter with the whole sentence around its citation, so a reader sees
    # why it is cited: from its start to its end, not cut off at an abbreviation ("nr.").
    sentences = {
        SEED_003_TITLE: (
            "Het kabinet presenteerde in maart 2018",
            "(Bijlage bij Kamerstuk 34 700, nr. 34)",
        ),
        SEED_004_TITLE: (
            "De Geïntegreerde Buitenland en Veiligheidsstrategie",
            "18 mei jl. reeds toe",
        ),
    }
    for title, (sentence_start, sentence_end) in sentences.items():
        entry = citing.filter(has=page.get_by_role("link", name=re.compile(re.escape(title))))
        expect(entry).to_have_count(1)
        context = entry.locator("blockquote").first
        expect(context).to_contain_text("Kamerstuk 33 694, nr. 12")
        expect(context).to_contain_text(sentence_start)
        expect(context).to_contain_text(sentence_end)
    screenshot("reference-page")

    page.get_by_role("link", name=re.compile(re.escape(SEED_004_TITLE))).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(re.escape(SEED_004_TITLE)))

    # A paragraph anchor: the pilcrow after a paragraph links to it (#pN).
    pilcrow = page.get_by_role("link", name="Link naar alinea 8", exact=True)
    pilcrow.click()
    expect(page).to_have_url(re.compile(r"#p8$"))
    expect(page.locator("#p8")).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target').id") == "p8"
    screenshot("paragraph-anchor")

    # Back to the reference page through 004's own citation, and on to 003's footnotes.
    letter_text(page).get_by_role("link", name=GBVS_CITATION).first.click()
    expect(page).to_have_url(re.compile(r"/kamerstuk/33694/12/$"))
    page.get_by_role("region", name="Geciteerd door").get_by_role(
        "link", name=SEED_003_TITLE
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SEED_003_TITLE)
    follow_first_footnote_and_back(page, screenshot)


def follow_first_footnote_and_back(page, screenshot) -> None:
    marker = letter_text(page).locator("sup a[href^='#fn']").first
    note_href = marker.get_attribute("href")
    marker_id = marker.get_attribute("id")
    label = marker.inner_text().strip()
    marker.click()
    expect(page).to_have_url(re.compile(re.escape(note_href) + "$"))
    note = page.locator(note_href)
    expect(note).to_be_in_viewport()
    screenshot("footnote")

    footnote = page.locator("li.footnote").filter(has=note)
    footnote.get_by_role("link", name=f"Terug naar voetnootverwijzing {label} in de tekst").click()
    expect(page).to_have_url(re.compile(f"#{re.escape(marker_id)}$"))
    expect(page.locator(f"[id='{marker_id}']")).to_be_in_viewport()


def test_cited_by_links_both_ways(page, seed_letters, tmp_path, screenshot):
    from letters.services import import_letter_file

    source = tmp_path / "antwoord-samenhang.txt"
    source.write_text(EXTRA_TEXT, encoding="utf-8")
    (tmp_path / "antwoord-samenhang.json").write_text(
        json.dumps({"title": EXTRA_TITLE, "date": "2016-06-01", "kind": "beantwoording"}),
        encoding="utf-8",
    )
    import_letter_file(source)

    page.goto("/kamerstuk/33694/9/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(SEED_001_TITLE)
    cited_by = page.get_by_role("region", name="Geciteerd door")
    expect(cited_by).to_contain_text("1 brief verwijst hiernaar")
    entry = cited_by.locator("ol.citing-letters > li")
    expect(entry.locator("blockquote")).to_contain_text("Kamerstuk 33 694")
    screenshot("seed-001-cited-by")

    cited_by.get_by_role("link", name=EXTRA_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EXTRA_TITLE)
    screenshot("citing-letter")

    letter_text(page).locator("a[href='/kamerstuk/33694/9/']").click()
    expect(page).to_have_url(re.compile(r"/kamerstuk/33694/9/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(SEED_001_TITLE)

    # Seed 001 has footnotes too: its markers work the same way.
    follow_first_footnote_and_back(page, screenshot)
