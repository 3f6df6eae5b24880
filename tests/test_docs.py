"""The README and --help agree: the command reference is generated and checked."""

from __future__ import annotations

import re

import pytest

from claimtrack.cli.reference import command_names, help_text, splice
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_readme_command_reference_is_up_to_date():
    assert splice(README) == README, "run: python -m claimtrack.cli.reference --write"


@pytest.mark.parametrize("name", command_names())
def test_docs_every_command_has_help_and_an_example(name):
    text = help_text([name])
    assert re.search(r"^  \S", text, re.MULTILINE), "no description"
    assert "Example" in text and f"claimtrack {name}" in text


def test_docs_quick_start_is_two_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", section, re.DOTALL).group(1)
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert commands == ["pip install . && claimtrack extract seeds/", "pip install '.[test]' && pytest"]


def test_docs_ci_runs_the_readme_test_command():
    # In two steps, so that the linters and the type checker run between the install and the tests.
    lines = {line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()}
    assert {"pip install '.[test]'", "pytest"} <= lines


def test_docs_quick_tour_id_is_the_south_korean_claim_in_the_committed_store(tmp_path):
    import shutil

    from claimtrack.store import ClaimStore

    # A copy: reading a store writes its id index beside it, and a test leaves nothing in the repository.
    shutil.copy(ROOT / "data" / "claims.jsonl", tmp_path / "claims.jsonl")
    prefix = re.search(r"claimtrack show (\w+)", README).group(1)
    claim = ClaimStore(tmp_path / "claims.jsonl").get(prefix)
    assert claim.source.text == "South Korean intelligence officials"


def test_docs_version_is_written_once():
    from importlib.metadata import version

    import claimtrack

    assert version("claimtrack") == claimtrack.__version__
    assert "version =" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[project]", 1)[1].split("[", 1)[0]


def test_docs_images_the_readme_shows_are_committed_small_pngs():
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", README)
    assert "docs/render-seed.png" in images
    for image in images:
        data = (ROOT / image).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) < 300_000
        assert int.from_bytes(data[16:20], "big") <= 1400, "wider than the README needs"
