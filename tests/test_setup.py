"""setup.py: an install where the clustering modules cannot be compiled still installs them, as Python."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


def test_setup_a_machine_without_a_c_compiler_gets_the_clustering_modules_as_python(tmp_path):
    pytest.importorskip("mypyc")  # the build requirement, in the test extra too
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "claimtrack", source / "claimtrack", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    env = {**os.environ, "CC": "false", "CLAIMTRACK_COMPILE": "auto"}
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    assert "clustering not compiled (CompileError" in built.stdout + built.stderr
    (wheel,) = wheels.glob("claimtrack-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "claimtrack/clusters/matching.py" in names and "claimtrack/clusters/sidecar.py" in names
    assert not [name for name in names if name.endswith((".so", ".pyd"))]
