"""Inputs: folders, include/exclude globs, stdin, and a batch of bad files that must not stop anything."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import ByteSize, main
from pipeline.read import DEFAULT_MAX_BYTES, expand_paths, iter_documents, read_path

GOOD = "Cụm thi đua số 5 ký kết giao ước thi đua năm 2023, kéo giảm ít nhất 5% số vụ phạm pháp hình sự.\n"


def touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    for name in [
        "a.txt", "b.html", "sub/c.docx", "sub/deep/d.pdf", "sub/deep/e.txt", "drafts/y.txt", "feeds/f.jsonl",
        "a.gold.json", "README.md", "notes.json", ".hidden/x.txt", "sub/.z.txt",
    ]:
        touch(tmp_path / name)
    return tmp_path


def rel(paths, root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_folder_is_walked_recursively_in_sorted_order(tree: Path) -> None:
    assert rel(expand_paths([tree]), tree) == [
        "a.txt", "b.html", "drafts/y.txt", "feeds/f.jsonl", "sub/c.docx", "sub/deep/d.pdf", "sub/deep/e.txt",
    ]


@pytest.mark.parametrize(("include", "exclude", "expected"), [
    (["*.txt"], [], ["a.txt", "drafts/y.txt", "sub/deep/e.txt"]),
    ([], ["drafts"], ["a.txt", "b.html", "feeds/f.jsonl", "sub/c.docx", "sub/deep/d.pdf", "sub/deep/e.txt"]),
    ([], ["drafts/**", "*.html", "sub/deep"], ["a.txt", "feeds/f.jsonl", "sub/c.docx"]),
    (["sub/**/*.pdf", "*.jsonl"], [], ["feeds/f.jsonl", "sub/deep/d.pdf"]),
    (["**/e.txt"], [], ["sub/deep/e.txt"]),
    (["*.txt", "*.docx"], ["sub/**"], ["a.txt", "drafts/y.txt"]),
])
def test_include_and_exclude(tree: Path, include, exclude, expected) -> None:
    assert rel(expand_paths([tree], include, exclude), tree) == expected


def test_named_files_and_globs(tree: Path) -> None:
    # A named file is read whatever its extension, except an answer file; a glob follows the walk rules.
    named = list(expand_paths([tree / "README.md", tree / "a.gold.json", tree / "b.html"]))
    assert rel(named, tree) == ["README.md", "b.html"]
    assert rel(expand_paths([str(tree / "**" / "*.txt")]), tree) == ["a.txt", "drafts/y.txt", "sub/deep/e.txt"]
    assert rel(expand_paths([str(tree / "sub" / "*")], exclude=["*.docx"]), tree) == ["sub/deep/d.pdf", "sub/deep/e.txt"]
    missing = tree / "nothing-*.txt"
    assert list(expand_paths([missing, "-"])) == [missing, Path("-")]


def test_gold_files_never_become_documents(tmp_path: Path) -> None:
    touch(tmp_path / "x.txt", GOOD.encode())
    touch(tmp_path / "x.gold.json", b'{"source": "x.txt", "events": [], "targets": []}')
    docs = list(iter_documents([tmp_path, tmp_path / "x.gold.json"]))
    assert [Path(d.source).name for d in docs] == ["x.txt"]


def run_cli(args: list[str], input: bytes | str | None = None):
    result = CliRunner().invoke(main, args, input=input, catch_exceptions=False)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result, lines


def test_stdin_text_via_cli() -> None:
    result, lines = run_cli(["extract", "-", "--with-text"], input=GOOD.encode("utf-16"))
    assert result.exit_code == 0 and len(lines) == 1
    doc = lines[0]["document"]
    assert doc["source"] == "-" and doc["text"] == GOOD and doc["encoding"] == "utf-16-le"


def test_stdin_formats_are_sniffed() -> None:
    page = "<!DOCTYPE html><html><head><title>Tin</title></head><body><p>" + GOOD + "</p></body></html>"
    _, lines = run_cli(["extract", "-", "--with-text"], input=page)
    assert lines[0]["document"]["format_name"] == "html" and lines[0]["document"]["title"] == "Tin"
    feed = json.dumps({"url": "u1", "text": "một"}) + "\n" + json.dumps({"url": "u2", "text": "hai"}) + "\n"
    _, lines = run_cli(["extract", "-", "--with-text"], input=feed)
    assert [(d["document"]["source"], d["document"]["url"]) for d in lines] == [("-:1", "u1"), ("-:2", "u2")]


def test_include_exclude_and_max_bytes_options(tmp_path: Path) -> None:
    touch(tmp_path / "keep.txt", GOOD.encode())
    touch(tmp_path / "big.txt", GOOD.encode() * 100)
    touch(tmp_path / "skip" / "other.txt", GOOD.encode())
    touch(tmp_path / "page.html", b"<p>x</p>")
    result, lines = run_cli(["extract", str(tmp_path), "--include", "*.txt", "--exclude", "skip", "--max-bytes", "1k"])
    assert result.exit_code == 0
    got = {Path(d["document"]["source"]).name: [e["code"] for e in d["errors"]] for d in lines}
    assert got == {"big.txt": ["file_too_large"], "keep.txt": []}


def test_byte_sizes() -> None:
    size = ByteSize()
    assert [size.convert(v, None, None) for v in ("20MB", "20M", "512k", "1048576", "1.5G", "2 MiB")] == [
        20 << 20, 20 << 20, 512 << 10, 1 << 20, int(1.5 * (1 << 30)), 2 << 20,
    ]
    result = CliRunner().invoke(main, ["extract", "x.txt", "--max-bytes", "lots"])
    assert result.exit_code == 2 and "not a size" in result.output


def write_big_file(path: Path, megabytes: int = 50) -> Path:
    line = GOOD.encode() * 100
    with open(path, "wb") as f:
        for _ in range(megabytes * (1 << 20) // len(line) + 1):
            f.write(line)
    return path


def make_bad_batch(root: Path) -> list[str]:
    """A batch with every kind of bad input, good documents first and last."""
    touch(root / "01_good.txt", GOOD.encode())
    touch(root / "02_empty.txt", b"")
    touch(root / "03_binary.txt", bytes(range(256)) * 64)
    touch(root / "04_truncated.txt", GOOD.encode()[:-3] + "ị".encode()[:2])
    write_big_file(root / "05_huge.txt", 50)
    depth = 100_000
    touch(root / "06_deep.html", ("<div>" * depth + "<p>sâu</p>" + "</div>" * depth).encode())
    bomb = root / "07_bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("word/document.xml", "w") as f:
        for _ in range(64):  # 64 MiB of spaces in ~64 KiB
            f.write(b" " * (1 << 20))
    touch(root / "08_feed.jsonl", json.dumps({"url": "u", "text": GOOD}).encode() + b"\n{broken\n")
    touch(root / "09_locked.pdf", b"%PDF-1.4\n garbage")
    touch(root / "10_good.txt", GOOD.encode())
    return [str(root / "01_good.txt"), str(root), str(root / "missing.txt")]


EXPECTED_CODES = [
    ("01_good.txt", []),                           # named first
    ("01_good.txt", []),                           # then again inside the folder
    ("02_empty.txt", ["empty_document"]),
    ("03_binary.txt", ["binary_file"]),
    ("04_truncated.txt", ["decode_error"]),
    ("05_huge.txt", ["file_too_large"]),
    ("06_deep.html", ["html_too_deep"]),
    ("07_bomb.docx", ["zip_bomb"]),
    ("08_feed.jsonl:1", []),
    ("08_feed.jsonl:2", ["feed_line_invalid"]),
    ("09_locked.pdf", ["pdf_invalid"]),
    ("10_good.txt", []),
    ("missing.txt", ["read_error"]),
]


def test_bad_inputs_never_stop_the_batch(tmp_path: Path) -> None:
    args = make_bad_batch(tmp_path)
    result, lines = run_cli(["extract", *args])
    assert result.exit_code == 0
    got = [(Path(d["document"]["source"]).name, [e["code"] for e in d["errors"]]) for d in lines]
    assert got == EXPECTED_CODES
    for line in lines:
        if line["errors"] and line["errors"][0]["code"] != "decode_error":
            assert line["events"] == [] and line["targets"] == []
        assert all(e["message"] for e in line["errors"])


def test_too_large_file_is_never_held_in_memory(tmp_path: Path) -> None:
    big = write_big_file(tmp_path / "huge.txt", 50)
    tracemalloc.start()
    try:
        (doc,) = read_path(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert doc.errors[0].code == "file_too_large" and str(DEFAULT_MAX_BYTES) in doc.errors[0].message
    assert peak < 4 << 20  # hashed in 1 MiB chunks, never read whole


MEMORY_BOUND_MB = 600


def test_peak_memory_of_a_bad_batch(tmp_path: Path) -> None:
    """``pledge extract`` over the bad batch (with a 50 MB file and a zip bomb) stays under a fixed bound."""
    args = make_bad_batch(tmp_path)
    probe = textwrap.dedent(
        """
        import resource, subprocess, sys
        cli = [sys.executable, "-c", "from pipeline.cli import main; main()", "extract"]
        subprocess.run(cli + sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
        """
    )
    peak_mb = int(subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True,
                                 check=True).stdout.strip())
    print(f"peak RSS of pledge extract over the bad batch: {peak_mb} MB")
    assert peak_mb < MEMORY_BOUND_MB
