"""The installed package carries its patterns: `pip install .` works as well as `pip install -e .`."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_every_pattern_file(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("pledge_registry-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"pipeline/patterns/{p.relative_to(ROOT / 'patterns').as_posix()}"
                for p in (ROOT / "patterns").rglob("*.json")}
    assert expected and expected <= names


def test_patterns_option_points_at_another_copy(tmp_path):
    import shutil

    from pipeline.extract import Extractor

    copy = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", copy)
    default, other = Extractor(), Extractor(copy)
    assert other.patterns.dir == copy and default.version == other.version
    (copy / "lexicon.json").write_text((copy / "lexicon.json").read_text(encoding="utf-8").replace('"kéo giảm"', '"kéo giảm mạnh"'),
                                       encoding="utf-8")
    assert Extractor(copy).version != default.version
