"""The project's lint rules ([tool.ruff] in pyproject.toml: complexity at most 10,
annotated public functions, imports in order) hold on every commit, not only where
someone remembered to run ruff."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import ROOT


def test_ruff_passes():
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed (it is in the test extra)")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "kcdiff", "tests", "benchmarks"],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
