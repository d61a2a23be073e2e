"""The wheel carries its templates and schema: build it, install it into a fresh virtual
environment, and render a report from outside the source tree."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return next(out.glob("kcdiff-*.whl"))


def test_wheel_contains_templates_and_schema(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.name for p in (ROOT / "templates").iterdir()}
    assert {f"kcdiff/templates/{name}" for name in templates} <= names
    assert "kcdiff/report-v1.schema.json" in names


def test_installed_wheel_renders_a_report(wheel, tmp_path, interim_path, annual_path):
    env_dir = tmp_path / "fresh"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The dependencies come from this environment (no network needed); kcdiff itself
    # comes only from the wheel, installed into the fresh environment's own site-packages.
    fresh_site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    (Path(fresh_site) / "outer-deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n" + sysconfig.get_paths()["platlib"] + "\n"
    )
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    located = subprocess.run(
        [python, "-c", "import kcdiff.render as r; print(r.__file__); print(r.template_dir())"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert all(path.startswith(str(env_dir)) for path in located), located
    result = subprocess.run(
        [env_dir / "bin" / "kcdiff", "diff", interim_path, annual_path, "-o", "report.html"],
        cwd=elsewhere, capture_output=True, text=True,
    )
    assert result.returncode == 1, result.stderr
    html = (elsewhere / "report.html").read_text(encoding="utf-8")
    assert "SCOPE OF WORK OF THE AUDITOR" in html and "</html>" in html
    schema = subprocess.run(
        [python, "-c", "import kcdiff, pathlib; print((pathlib.Path(kcdiff.__file__).parent"
         " / 'report-v1.schema.json').read_text())"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    ).stdout
    assert json.loads(schema)["$id"] == "kcdiff/report-v1"
