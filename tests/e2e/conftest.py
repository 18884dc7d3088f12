"""End-to-end tests: headless Chromium (Debian ``chromium`` + ``chromium-driver``) driven by selenium
against the mock served on a free port. Marked ``e2e`` (deselected by ``make test``; ``make e2e`` runs
them). Every test saves a screenshot under ``E2E_SCREENSHOTS`` (default ``build/e2e-screenshots/``)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", ROOT / "build" / "e2e-screenshots"))
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1440,1000",
)



def _binary(*names: str) -> str | None:
    return next((shutil.which(n) for n in names if shutil.which(n)), None)


@pytest.fixture(scope="session")
def browser():
    chrome, driver = _binary("chromium", "chromium-browser"), _binary("chromedriver")
    if not chrome or not driver:
        pytest.fail("chromium and chromium-driver are needed: `make e2e` installs them (apt-get)")
    profile = tempfile.mkdtemp(prefix="mockdialer-e2e-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    service = webdriver.ChromeService(executable_path=driver)
    drv = webdriver.Chrome(options=options, service=service)
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser, live, request):
    """The browser on a fresh mock (state, journal, faults and clock reset); a screenshot at the end."""
    browser.delete_all_cookies()
    yield browser
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / f"{request.node.name}.png"))


def wait_for(browser, condition, timeout: float = 10):
    """Until ``condition`` holds; an element htmx swapped out meanwhile is looked up again."""
    wait = WebDriverWait(
        browser, timeout, poll_frequency=0.2, ignored_exceptions=[StaleElementReferenceException]
    )
    return wait.until(condition)


def wait_text(browser, css: str, text: str, timeout: float = 10):
    """Until the element at ``css`` holds ``text``: the page updated itself (no reload)."""
    return wait_for(browser, EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text), timeout)
