"""axe-core on every page type: no serious or critical accessibility violations; and
letter pages fit a phone screen without scrolling sideways."""

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOT_DIR, format_violations

# (what, address, expected HTTP status)
PUBLIC_PAGES = [
    ("home", "/", 200),
    ("search with a query and a facet", "/brieven/?q=missie&missie=minusma", 200),
    ("letter page", "/kamerstuk/33694/9/", 200),
    ("reference page", "/kamerstuk/33694/12/", 200),
    ("missions", "/missies/", 200),
    ("mission page", "/missies/minusma/", 200),
    ("recommendations", "/aanbevelingen/", 200),
    ("budget", "/begroting/", 200),
    ("dossier page", "/dossiers/33694/", 200),
    ("404 page", "/bestaat-niet/", 404),
    ("404 for an unknown Kamerstuk", "/kamerstuk/12345/6/", 404),
]
PHONE = {"width": 390, "height": 844}


def test_public_pages_have_no_serious_accessibility_violations(page, seed_letters, axe, screenshot):
    problems = []
    for what, address, status in PUBLIC_PAGES:
        response = page.goto(address)
        assert response.status == status, f"{what} ({address}) answered {response.status}"
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        blocking = axe.blocking(page)
        if blocking:
            screenshot(what.replace(" ", "-"))
            problems.append(f"== {what} ({address})\n{format_violations(blocking)}")
    assert not problems, "Serious/critical accessibility violations:\n" + "\n".join(problems)


def test_new_letter_admin_page_has_no_serious_accessibility_violations(page, log_in_editor, axe):
    log_in_editor(page)
    page.goto("/beheer/letters/letter/uit-tekst/")
    expect(page.get_by_label("Tekst van de brief")).to_be_visible()
    axe(page, "admin: Nieuwe brief uit tekst")


def test_letter_pages_fit_a_phone_screen(browser, live_server, seed_letters):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    too_wide = []
    try:
        phone = context.new_page()
        for seed, letter in seed_letters.items():
            phone.goto(letter.get_absolute_url())
            expect(phone.get_by_role("heading", level=1)).to_have_count(1)
            scroll_width, inner_width = phone.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll_width > inner_width:
                phone.screenshot(
                    path=str(SCREENSHOT_DIR / f"phone-seed-{seed}-too-wide.png"), full_page=True
                )
                too_wide.append(f"seed {seed}: {scroll_width}px wide on a {inner_width}px screen")
    finally:
        context.close()
    assert not too_wide, "Letter pages scroll sideways on a phone:\n" + "\n".join(too_wide)
