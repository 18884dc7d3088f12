"""A CallFire operation's name is written in at most two modules of the package: its entry in the table
(``callfire/operations.py``) and at most one other (a schema's comment, say). Everything else (routes,
SOAP dispatch and codec, the OpenAPI document, the admin API's list) reads the name from the table, and
prose elsewhere says what an operation does rather than repeating its name. The vendor's own WSDL and
XSD files, served as they are, are not the package's modules and are not scanned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import mockdialer
from mockdialer.callfire.operations import OPERATIONS

PACKAGE = Path(mockdialer.__file__).resolve().parent
VENDOR_DEFINITIONS = {".wsdl", ".xsd"}
TEXT = {".py", ".html", ".js", ".css", ".txt", ".md", ".json", ".toml", ".cfg"}


def _modules() -> dict[str, str]:
    return {
        str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*"))
        if path.is_file() and path.suffix in TEXT and path.suffix not in VENDOR_DEFINITIONS
    }


MODULES = _modules()


def test_the_scan_sees_the_table_and_every_operation():
    assert "callfire/operations.py" in MODULES and len(MODULES) > 50
    assert len(OPERATIONS) >= 26


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_an_operation_name_is_written_in_at_most_two_modules(name):
    # a whole word: GetAgent is not found in GetAgents, nor CreateAgentGroup in CreateAgentGroupSchema
    word = re.compile(rf"(?<![A-Za-z]){name}(?![A-Za-z])")
    carriers = [module for module, text in MODULES.items() if word.search(text)]
    assert "callfire/operations.py" in carriers
    assert len(carriers) <= 2, f"{name} is written in {carriers}: name it through the table"
