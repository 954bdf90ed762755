"""Browser journeys in real Chromium (Debian's /usr/bin/chromium) through Playwright,
against pytest-django's live server.

Every test in this directory is marked ``browser`` and runs with transactional
database access: the live server reads what the test writes, so there is no wrapping
transaction, and each test ends with a flush of all tables. That flush also empties
what the data migrations loaded (missions, the editors group), so every test loads it
again first, through the same functions the migration uses.

Not serialized rollback: while Playwright's sync API runs, asgiref sees an event loop
in this thread and hands out other connection objects than the one Django serialized
the database on, so the restore silently does nothing from the second test on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_DIR = Path(__file__).parent
SCREENSHOT_DIR = BROWSER_DIR.parent.parent / "test-artifacts" / "screenshots"
# Fail a step within seconds rather than Playwright's default 30 s: the suite must stay fast.
STEP_TIMEOUT_MS = 10_000
BLOCKING_IMPACTS = ("serious", "critical")


@pytest.hookimpl(tryfirst=True)  # before pytest-django orders the tests by their db marker
def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium) "
        "to run the browser journeys"
    )
    for item in items:
        if BROWSER_DIR not in Path(str(item.path)).parents:
            continue
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.django_db(transaction=True))
        if not CHROMIUM.exists():
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item, so the page fixture knows whether the
    # test failed and a screenshot of the failure is worth saving.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


# Package scope: the browser (and the environment variable below) end with this
# directory's tests, so the rest of the suite runs with Django's async checks on.
@pytest.fixture(scope="package")
def browser() -> Iterator:
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as steps do (the default 5 s is tight on a busy CI machine).
    expect.set_options(timeout=STEP_TIMEOUT_MS)

    # Playwright's sync API keeps an asyncio loop in the main thread; Django would then
    # refuse the tests' own ORM calls ("SynchronousOnlyOperation"). Those calls are plain
    # synchronous code, so the check does not apply while the browser runs.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@pytest.fixture(autouse=True)
def _reference_data(transactional_db) -> None:
    """What migration 0002 loads: missions with aliases, ministries, dossiers, reports,
    and the editors group with its permissions (idempotent, so harmless when present)."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    from letters.permissions import ensure_editor_group
    from letters.reference import MODEL_NAMES, load_reference_data

    load_reference_data({name: apps.get_model("letters", name) for name in MODEL_NAMES})
    ensure_editor_group(Group, Permission)


def _artefact_name(request: pytest.FixtureRequest) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)


@pytest.fixture(autouse=True)
def _fresh_screenshots(request: pytest.FixtureRequest) -> None:
    """Drop this test's screenshots from an earlier run (only its own: other runs may
    share the directory), so every file there belongs to the latest run of its test."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOT_DIR.glob(f"{_artefact_name(request)}-*.png"):
        old.unlink(missing_ok=True)


@pytest.fixture
def page(browser, live_server, request: pytest.FixtureRequest) -> Iterator:
    """A fresh context and page per test; relative URLs go to the live server.
    Dutch locale: the admin follows the browser's language, as it would for an editor."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(STEP_TIMEOUT_MS)
    new_page = context.new_page()
    yield new_page
    call_report = getattr(request.node, "report_call", None)
    if call_report is not None and call_report.failed:
        new_page.screenshot(path=str(SCREENSHOT_DIR / f"{_artefact_name(request)}-failure.png"))
    context.close()


@pytest.fixture
def screenshot(page, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """``screenshot("review")`` saves test-artifacts/screenshots/<test>-review.png: what
    is in the viewport (a full-page shot of a long letter takes seconds)."""

    def take(step: str, *, full_page: bool = False) -> Path:
        path = SCREENSHOT_DIR / f"{_artefact_name(request)}-{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node.get("target", []))
            lines.append(f"    at {target}")
            lines.append(f"       {node.get('html', '')[:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


class AxeCheck:
    """``axe(page)`` runs axe-core on the page as it is now and fails on any violation
    of impact serious or critical, listing each one with the offending elements;
    ``axe.blocking(page)`` returns those violations without failing."""

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe

        self._axe = Axe()

    def blocking(self, page) -> list[dict]:
        results = self._axe.run(page)
        return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]

    def __call__(self, page, label: str = "") -> None:
        blocking = self.blocking(page)
        assert not blocking, (
            f"axe-core found {len(blocking)} serious/critical accessibility violation(s) on "
            f"{label or page.url}:\n{format_violations(blocking)}"
        )


@pytest.fixture(scope="session")
def axe() -> AxeCheck:
    return AxeCheck()


EDITOR_PASSWORD = "zeer-geheim-wachtwoord-42"


@pytest.fixture
def log_in_editor(django_user_model) -> Callable:
    """``log_in_editor(page)``: create a staff user in the editors group and log in
    through the real admin login form; returns the user."""
    from django.contrib.auth.models import Group

    from letters.permissions import EDITORS_GROUP

    def log_in(page):
        user = django_user_model.objects.create_user(
            username="redacteur-browser", password=EDITOR_PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        page.goto("/beheer/")
        page.wait_for_url(re.compile(r"/beheer/login/"))  # the admin asks who you are
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill(EDITOR_PASSWORD)
        page.get_by_role("button", name="Aanmelden").click()
        page.wait_for_url(re.compile(r"/beheer/$"))
        return user

    return log_in


@pytest.fixture
def seed_letters(live_server) -> dict:
    """The five seed letters, imported through the real import path, by file prefix
    ("001" is the letter in fixtures/seeds/001_*.txt)."""
    from tests.factories import SEEDS_DIR, import_seed_letters

    letters = import_seed_letters()
    prefixes = [path.name[:3] for path in sorted(SEEDS_DIR.glob("*.txt"))]
    return dict(zip(prefixes, letters, strict=True))
