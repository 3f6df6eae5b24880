"""claimtrack's build: the package pyproject.toml declares, with the modules that cluster claims compiled.

Clustering runs typed Python for every claim an extract stores: its
signature, its candidates in the cluster index, the veto and the likeness
of each pair. mypyc (mypy's compiler; mypy and black ship compiled by it)
turns those modules into C extensions that run the same code with fewer of
the interpreter's steps: clustering's own CPU in the store step of
``benchmarks/cluster_speed.py`` is a fifth to a quarter less (README, "Benchmarks").
The ``.py`` files stay in the wheel beside them.

``CLAIMTRACK_COMPILE`` says whether to compile: ``auto`` (the default)
compiles where it can and otherwise builds the same modules as Python
(no C compiler, mypyc's check failing), which give the same clusters,
slower; ``1`` fails the build instead (CI); ``0`` never compiles. An
editable install (``pip install -e``) is never compiled: an extension
module is imported before the ``.py`` beside it, so edits to the source
would not be run.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The modules of claimtrack.clusters that an extract runs for every claim (ahead subclasses sidecar's index, and a
# compiled class takes no Python subclass). summary, which the clusters command runs once, stays Python.
COMPILED = [
    f"claimtrack/clusters/{name}.py" for name in ("ahead", "assign", "embedding", "matching", "merges", "sidecar", "signature")
]
# The commands that build a wheel or install one: pip's metadata step (dist_info, egg_info) and an sdist need
# no extension, and mypyc's check takes half a minute.
_BUILDS = {"bdist_wheel", "build", "build_ext", "install"}


def _mode() -> str:
    mode = os.environ.get("CLAIMTRACK_COMPILE", "auto").strip().lower() or "auto"
    if mode not in ("auto", "0", "1"):
        sys.exit(f"CLAIMTRACK_COMPILE must be auto, 0 or 1, not {mode!r}")
    return mode


def _say(message: str) -> None:
    print(f"claimtrack build: {message}", file=sys.stderr, flush=True)


def _as_python(error: BaseException) -> None:
    """Say that clustering stays Python, and why; raise ``error`` instead where compiling is required."""
    if _mode() == "1":
        raise error
    _say(f"clustering not compiled ({type(error).__name__}: {error}); it runs as Python")


def compiled_modules(mode: str) -> list:
    """The extensions mypyc makes of :data:`COMPILED`, or none when they are not to be built here."""
    if mode == "0" or "editable_wheel" in sys.argv or not _BUILDS & set(sys.argv):
        return []
    try:
        from mypyc.build import mypycify

        # pip builds in an environment of mypy alone, which may or may not see claimtrack's dependencies installed
        # beside it: their types are Any whether it does or not, so that the same code is made either way.
        options = ["--no-site-packages", "--ignore-missing-imports", "--no-warn-unused-ignores"]
        return mypycify([*COMPILED, *options], opt_level="3", group_name="claimtrack_clusters")
    except (Exception, SystemExit) as error:  # mypyc exits when its type check fails
        _as_python(error)
        return []


class OptionalBuildExt(build_ext):
    """build_ext that, unless compiling is required, leaves the modules as Python when a C compile fails."""

    def run(self) -> None:
        self._drop_stale()
        try:
            super().run()
        except Exception as error:
            _as_python(error)
            # Half a set of extensions would import and fail: none is kept.
            for extension in self.extensions:
                Path(self.get_ext_fullpath(extension.name)).unlink(missing_ok=True)

    def _drop_stale(self) -> None:
        """Remove the extensions an earlier build left that this one does not make: pip builds in the source tree
        and keeps its build folder, whose files the wheel takes in, and an extension is imported before the
        ``.py`` beside it (a module no longer compiled would run its old code)."""
        made = {Path(self.get_ext_fullpath(extension.name)).resolve() for extension in self.extensions}
        for suffix in EXTENSION_SUFFIXES:
            for path in Path(self.build_lib).rglob(f"*{suffix}"):
                if path.resolve() not in made:
                    path.unlink()


setup(ext_modules=compiled_modules(_mode()), cmdclass={"build_ext": OptionalBuildExt})
