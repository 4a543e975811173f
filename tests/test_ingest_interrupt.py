"""An ingest killed midway (kill -9, Ctrl-C) leaves no half-written document, and a re-run finishes the rest."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "dev"
N_DOCS = 120


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Distinct documents (each a dev text with its own first line) so every one is stored."""
    folder = tmp_path_factory.mktemp("archive")
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for k in range(N_DOCS):
        (folder / f"doc_{k:04d}.txt").write_text(f"Bản tin số {k}\n\n{texts[k % len(texts)]}", encoding="utf-8")
    return folder


def _default_sigint() -> None:
    """A job started in the background by a shell inherits SIGINT ignored, and Python then installs no
    KeyboardInterrupt handler: give the ingest the default, as a terminal's Ctrl-C finds it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _ingest(archive: Path, registry: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "ingest", str(archive), "--registry", str(registry)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_default_sigint)


def _stored(registry: Path) -> int:
    if not registry.exists():
        return 0
    try:
        with sqlite3.connect(registry, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for an init that may never reap it (in a container)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _interrupt_midway(archive: Path, registry: Path, sig: int) -> int:
    proc = _ingest(archive, registry)
    deadline = time.monotonic() + 120
    while _stored(registry) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be interrupted"
    workers = _children(proc.pid) if Path("/proc").is_dir() else []
    proc.send_signal(sig)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 20
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, workers)), "worker processes outlived the ingest"
    return _stored(registry)


def _assert_whole(registry: Path) -> int:
    """Every stored document has exactly the events, units and targets its JSON says."""
    with sqlite3.connect(registry) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT id, json FROM documents").fetchall()
        for doc_id, raw in rows:
            doc = json.loads(raw)
            n_targets = conn.execute("SELECT count(*) FROM targets WHERE document_id = ?", (doc_id,)).fetchone()[0]
            n_events = conn.execute("SELECT count(*) FROM events WHERE document_id = ?", (doc_id,)).fetchone()[0]
            n_units = conn.execute("SELECT count(*) FROM units WHERE document_id = ?", (doc_id,)).fetchone()[0]
            assert (n_targets, n_events) == (len(doc["targets"]), len(doc["events"])), doc_id
            assert n_units == sum(len(e["units"]) for e in doc["events"]), doc_id
        return len(rows)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_interrupted_ingest_is_whole_and_resumable(archive, tmp_path, sig):
    registry = tmp_path / "registry.sqlite"
    stored = _interrupt_midway(archive, registry, sig)
    assert 0 < stored < N_DOCS
    assert _assert_whole(registry) == stored

    rerun = _ingest(archive, registry)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    assert _assert_whole(registry) == N_DOCS
    with sqlite3.connect(registry) as conn:
        assert conn.execute("SELECT count(DISTINCT source) FROM documents").fetchone()[0] == N_DOCS
