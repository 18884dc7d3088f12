"""Swagger UI at /docs, served offline from the swagger-ui-bundle package: try an operation."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from .conftest import wait_for

pytestmark = pytest.mark.e2e  # make e2e runs them; make test deselects them

HEALTH = (By.XPATH, "//*[@id='operations-Admin-admin\\.health']")  # Swagger UI escapes the id's dot


def _in_block(css: str):
    def find(driver):
        found = driver.find_elements(*HEALTH)
        inner = found[0].find_elements(By.CSS_SELECTOR, css) if found else []
        return inner[0] if inner and inner[0].is_displayed() else False

    return find


def test_try_an_operation_in_swagger_ui(page, live):
    page.get(f"{live.url}/docs")
    wait_for(page, _in_block(".opblock-summary")).click()
    wait_for(page, _in_block(".try-out__btn")).click()
    wait_for(page, _in_block(".execute")).click()
    status = wait_for(page, _in_block(".live-responses-table tbody .response-col_status"))
    assert status.text.strip() == "200"
    assert '"status": "ok"' in wait_for(page, _in_block(".live-responses-table .microlight")).text
    page.execute_script("arguments[0].scrollIntoView()", page.find_element(*HEALTH))
    assert "CallFire SOAP WSDL" in page.find_element(By.CSS_SELECTOR, ".bar").text
