"""The extraction settings a stored document was extracted with, as one digest.

A document whose text and settings are both unchanged need not be parsed
again: that is what makes an interrupted run over a corpus resumable. The
settings are the spaCy pipeline (name and version) and the spaCy library's
version (its releases lemmatise some words differently), claimtrack's version,
the attribution model and lexicon files claimtrack ships, and the rules that
read a claim's numbers (claimtrack/quantities.py).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

_ATTRIBUTION = Path(__file__).resolve().parent / "attribution"
_QUANTITIES = Path(__file__).resolve().parent / "quantities.py"


def pipeline_identity(name: str | None = None, nlp: Language | None = None) -> str:
    """``"en_core_web_sm 3.8.0"``: the pipeline ``nlp`` is, or the one ``load_pipeline(name)`` would load, read
    from its meta.json without loading it."""
    if nlp is not None:
        return _identity(nlp.meta)
    from .nlp import candidate_pipelines

    for candidate in candidate_pipelines(name):
        meta = _meta_file(candidate)
        if meta is not None:
            return _identity(json.loads(meta.read_text(encoding="utf-8")))
    # Not found here: loading it says what to install, in the one place that knows.
    from .nlp import load_pipeline

    return _identity(load_pipeline(name).meta)


def _meta_file(name: str) -> Path | None:
    path = Path(name)
    if (path / "meta.json").is_file():
        return path / "meta.json"
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    meta = Path(spec.origin).parent / "meta.json"
    return meta if meta.is_file() else None


def _identity(meta: dict) -> str:
    return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}"


def settings_digest(pipeline: str) -> str:
    """sha256 of the pipeline identity, spaCy's and claimtrack's versions and claimtrack's attribution data files."""
    from . import __version__

    digest = hashlib.sha256(f"claimtrack {__version__}\npipeline {pipeline}\nspacy {spacy_version()}\n".encode())
    for path in sorted(_ATTRIBUTION.rglob("*.json")):
        digest.update(f"{path.relative_to(_ATTRIBUTION).as_posix()} {hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    digest.update(f"quantities.py {hashlib.sha256(_QUANTITIES.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def spacy_version() -> str:
    """The installed spaCy's version, read from its package metadata: spaCy itself is not imported."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spacy")
    except PackageNotFoundError:  # spaCy importable without its package metadata (vendored, say)
        return "unknown"
