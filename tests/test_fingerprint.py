"""Extraction settings: what makes a stored document need extracting again."""

import subprocess
import sys

import spacy

from claimtrack import fingerprint


def test_settings_change_with_the_spacy_release(monkeypatch):
    # spaCy releases lemmatise some words differently ("hopes": hope in 3.8.7, hop in 3.8.18), so a store
    # extracted with one is extracted again with another rather than mixing the two.
    before = fingerprint.settings_digest("en_core_web_sm 3.8.0")
    monkeypatch.setattr(fingerprint, "spacy_version", lambda: "3.8.18")
    assert fingerprint.settings_digest("en_core_web_sm 3.8.0") != before


def test_settings_are_the_same_for_the_same_installation():
    assert fingerprint.settings_digest("en_core_web_sm 3.8.0") == fingerprint.settings_digest("en_core_web_sm 3.8.0")
    assert fingerprint.settings_digest("en_core_web_sm 3.8.0") != fingerprint.settings_digest("en_core_web_sm 3.7.1")


def test_spacy_version_is_read_without_importing_spacy():
    assert fingerprint.spacy_version() == spacy.__version__
    code = "import sys; from claimtrack import fingerprint; fingerprint.spacy_version(); print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
