#!/usr/bin/env bash
# Run the test suite with the lowest release of each direct dependency that pyproject.toml allows.
#
# CI installs the newest releases, so it cannot see a lower bound that is too low: typer 0.27 and 0.28,
# which `typer>=0.12` allowed, ignored an option's own parser (`annotate --status false` recorded
# nothing). This installs claimtrack's dependencies in a throwaway virtualenv with uv's lowest-direct
# resolution (uv itself in another throwaway virtualenv), prints what it chose, and runs pytest there on
# this checkout's code. Run it after changing a dependency; it takes about 7 minutes on 2 cores.
#
#   bash scripts/check_lowest_versions.sh [PYTEST ARGS]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/uv"
"$work/uv/bin/pip" install --quiet uv
"$work/uv/bin/uv" venv --quiet --python "$(command -v python3)" "$work/venv"
VIRTUAL_ENV="$work/venv" "$work/uv/bin/uv" pip install --quiet --resolution lowest-direct '.[test]'
echo "lowest versions chosen:"
VIRTUAL_ENV="$work/venv" "$work/uv/bin/uv" pip list --quiet 2>/dev/null |
    grep -iE '^(spacy|typer|click|rich|pydantic|trafilatura|lxml.html.clean|markdown-it-py|pyyaml|python-dateutil|charset-normalizer|duckdb|rapidfuzz|wordllama|tokenizers|safetensors|numpy|threadpoolctl|pytest|hypothesis) '
# From the checkout, so the tests import its claimtrack with the dependencies installed above.
"$work/venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
