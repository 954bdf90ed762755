"""Journey 2: an editor adds a new letter in the admin ("Nieuwe brief uit tekst") and
sees it on the public site, linked both ways with the letter it cites."""

import re

from playwright.sync_api import expect

NEW_TITLE = "Stand van zaken Nederlandse bijdrage aan de VN-missie in Mali"
SEED_001_TITLE = "Samenhang tussen de Nederlandse bijdragen aan internationale veiligheid"
# A word that is in no seed letter, so a search for it can only find the new letter.
DISTINCTIVE_WORD = "Timboektoe"

LETTER_TEXT = """\
Hierbij informeer ik uw Kamer, mede namens de Minister van Buitenlandse Zaken, over de
stand van zaken van de Nederlandse bijdrage aan de VN-missie in Mali.

In de brief over de samenhang tussen de Nederlandse bijdragen aan internationale
veiligheid (Kamerstuk 33 694, nr. 9) heeft het kabinet uiteengezet hoe bijdragen in VN-,
NAVO- en EU-verband elkaar versterken. Sindsdien is de veiligheidssituatie rond
Timboektoe verder verslechterd, zoals eerder gemeld in Kamerstuk 29 521, nr. 360.

Het kabinet stelt voor de verlenging van de inzet 30 miljoen euro beschikbaar uit het
Budget Internationale Veiligheid. Over de verdere invulling wordt uw Kamer voor de zomer
geïnformeerd.

De Minister van Defensie,
A.Th.B. Bijleveld-Schouten
"""


def open_new_letter_form(page) -> None:
    """From the admin home, where logging in lands: "Nieuwe brief uit tekst" comes first
    there, and the "Brieven" row offers it too."""
    expect(page).to_have_url(re.compile(r"/beheer/$"))
    letters_row = page.locator("tr.model-letter")
    expect(letters_row.get_by_role("link", name="Nieuwe brief uit tekst")).to_be_visible()
    page.get_by_role("link", name="Nieuwe brief uit tekst").first.click()
    expect(page).to_have_url(re.compile(r"/beheer/letters/letter/uit-tekst/$"))
    expect(page.get_by_role("heading", name="Nieuwe brief uit tekst")).to_be_visible()


def review_section(page, heading: str):
    """The review page's fieldset for one kind of found item ("Missies", "Bedragen"…)."""
    return page.locator("fieldset").filter(
        has=page.get_by_role("heading", name=re.compile(rf"^{heading}"))
    )


def test_editor_adds_a_letter_from_text_and_sees_it_on_the_site(
    page, seed_letters, log_in_editor, screenshot
):
    log_in_editor(page)
    open_new_letter_form(page)
    page.get_by_label("Tekst van de brief").fill(LETTER_TEXT)
    screenshot("pasted")
    page.get_by_role("button", name="Tekst analyseren").click()

    # The review page shows what the pipeline found, each with a checkbox.
    expect(page.get_by_role("button", name="Brief opslaan")).to_be_visible()
    for found in ("Kamerstuk 33 694, nr. 9", "Kamerstuk 29 521, nr. 360"):
        expect(page.get_by_role("checkbox", name=found)).to_be_checked()
    missions = review_section(page, "Missies")
    expect(missions).to_contain_text("VN-missie in Mali")
    expect(missions.get_by_role("checkbox")).to_be_checked()
    amounts = review_section(page, "Bedragen")
    expect(amounts).to_contain_text("30 miljoen euro")
    amount = amounts.get_by_role("checkbox")
    expect(amount).to_be_checked()
    screenshot("review")

    # The amount is not a budget decision of this letter: leave it out; fix the metadata.
    amount.uncheck()
    page.get_by_label("Titel", exact=True).fill(NEW_TITLE)
    page.get_by_label("Hoofddossier").fill("33694")
    page.get_by_label("Ondernummer").fill("99")
    page.get_by_role("button", name="Brief opslaan").click()

    expect(page).to_have_url(re.compile(r"/beheer/letters/letter/\d+/change/$"))
    expect(page.locator(".messagelist .success")).to_contain_text(NEW_TITLE)
    expect(page.locator(".messagelist .success")).to_contain_text("opgeslagen")
    # The admin's own labels end in a colon ("Titel:").
    expect(page.get_by_role("textbox", name=re.compile(r"^Titel:?$"))).to_have_value(NEW_TITLE)
    screenshot("saved")

    page.goto("/kamerstuk/33694/99/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    text = page.locator(".letter-text")
    expect(text.locator("a[href='/kamerstuk/33694/9/']")).to_have_count(1)
    expect(text.locator("a[href='/kamerstuk/29521/360/']")).to_have_count(1)
    aside = page.get_by_role("complementary", name="Bij deze brief")
    expect(aside.get_by_role("region", name="Missies in deze brief")).to_contain_text("MINUSMA")
    # The unchecked amount did not become a budget line.
    expect(aside.get_by_role("region", name="Bedragen in deze brief")).to_have_count(0)
    screenshot("public-page")

    text.locator("a[href='/kamerstuk/33694/9/']").click()
    expect(page).to_have_url(re.compile(r"/kamerstuk/33694/9/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(SEED_001_TITLE)
    cited_by = page.get_by_role("region", name="Geciteerd door")
    expect(cited_by.get_by_role("link", name=NEW_TITLE)).to_be_visible()
    screenshot("cited-by")

    page.goto(f"/brieven/?q={DISTINCTIVE_WORD}")
    hits = page.locator("ol.hits > li")
    expect(hits).to_have_count(1)
    hits.get_by_role("heading").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/kamerstuk/33694/99/$"))


def test_editor_uploads_a_text_file_and_gets_a_clear_error_for_a_broken_pdf(
    page, log_in_editor, screenshot
):
    log_in_editor(page)
    open_new_letter_form(page)
    upload = page.get_by_label("Of een bestand (.txt, .pdf of .docx)")
    upload.set_input_files(
        {"name": "brief-mali.txt", "mimeType": "text/plain", "buffer": LETTER_TEXT.encode("utf-8")}
    )
    page.get_by_role("button", name="Tekst analyseren").click()
    expect(page.get_by_role("button", name="Brief opslaan")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Kamerstuk 33 694, nr. 9")).to_be_checked()
    screenshot("review-from-upload")

    page.goto("/beheer/letters/letter/uit-tekst/")
    page.get_by_label("Of een bestand (.txt, .pdf of .docx)").set_input_files(
        {
            "name": "kapot.pdf",
            "mimeType": "application/pdf",
            "buffer": b"%PDF-1.4\nniet echt\n%%EOF",
        }
    )
    page.get_by_role("button", name="Tekst analyseren").click()
    alert = page.get_by_role("alert")
    # The file's name and what is wrong with it, in words an editor understands.
    expect(alert).to_contain_text(re.compile(r"kapot\.pdf: .*PDF-bestand"))
    expect(page.get_by_role("button", name="Brief opslaan")).to_have_count(0)
    screenshot("broken-pdf")


def test_a_file_or_text_over_the_limits_is_refused_before_it_is_sent(
    page, log_in_editor, settings, screenshot
):
    """Issue 19 #4: what the archive cannot take is said at once, not after an upload."""
    settings.LETTER_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    settings.LETTER_TEXT_MAX_CHARS = 2000
    log_in_editor(page)
    open_new_letter_form(page)
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)

    page.get_by_label("Of een bestand (.txt, .pdf of .docx)").set_input_files(
        {"name": "groot.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)}
    )
    page.get_by_role("button", name="Tekst analyseren").click()
    expect(page.get_by_role("alert")).to_have_text("Het bestand is te groot: het maximum is 2 MB.")
    screenshot("file-too-big")

    page.get_by_label("Of een bestand (.txt, .pdf of .docx)").set_input_files([])
    page.get_by_label("Tekst van de brief").fill(LETTER_TEXT * 5)
    page.get_by_role("button", name="Tekst analyseren").click()
    expect(page.get_by_role("alert")).to_contain_text("hoogstens 2.000 tekens")
    assert posts == []
    expect(page).to_have_url(re.compile(r"/beheer/letters/letter/uit-tekst/$"))

    # Within the limits the form is sent as before.
    page.get_by_label("Tekst van de brief").fill(LETTER_TEXT)
    page.get_by_role("button", name="Tekst analyseren").click()
    expect(page.get_by_role("button", name="Brief opslaan")).to_be_visible()
