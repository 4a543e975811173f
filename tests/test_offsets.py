"""Offsets are sacred: every evidence span equals the document text at its offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.normalise import build_view, fold_tone_marks
CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "dev"

DOCS = sorted(CORPUS.glob("*.txt"))


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_dev_evidence_spans_index_the_text(extract_text, path):
    text = path.read_text(encoding="utf-8")
    result = extract_text(text)
    assert result.targets or "thongke" in path.name  # dev_14 is a statistics report: no pledge
    for t in result.targets:
        assert text[t.evidence.start:t.evidence.end] == t.evidence.text


@pytest.mark.parametrize("variant", [
    lambda s: s.replace(" ", "  "),                       # double spaces
    lambda s: s.replace("hóa", "hoá").replace("thủy", "thuỷ").replace("Hóa", "Hoá"),  # old-style tone marks
    lambda s: s.replace("tai nạn giao thông", "TNGT").replace("trật tự xã hội", "TTXH"),  # abbreviations
    lambda s: s.replace(" ", "\u00a0"),                   # no-break spaces
], ids=["double-spaces", "old-tone-marks", "abbreviations", "nbsp"])
def test_evidence_survives_spelling_variants(extract_text, variant):
    text = variant((CORPUS / "dev_11_vanban_giaouoc_khoi3_nghean_2022.txt").read_text(encoding="utf-8"))
    result = extract_text(text)
    assert len([t for t in result.targets if t.value is not None]) == 14
    for t in result.targets:
        assert text[t.evidence.start:t.evidence.end] == t.evidence.text


@pytest.mark.parametrize(("written", "folded"), [
    ("Thanh Hoá", "Thanh Hóa"), ("thuỷ", "thủy"), ("Khánh Hoà", "Khánh Hòa"), ("khoẻ", "khỏe"),
    ("hoàn", "hoàn"), ("quý", "quý"), ("HOÁ", "HÓA"),
])
def test_tone_marks_fold_without_changing_length(written, folded):
    assert fold_tone_marks(written) == folded and len(written) == len(folded)


def test_view_maps_expansions_back_to_the_abbreviation():
    text = "Số người chết do  TNGT giảm – 7,5%"
    view = build_view(text, {"TNGT": "tai nạn giao thông"})
    assert view.text == "số người chết do tai nạn giao thông giảm - 7,5%"
    start = view.text.index("tai nạn")
    s, e = view.to_doc(start, start + len("tai nạn giao thông"))
    assert text[s:e] == "TNGT"
    s, e = view.to_doc(view.text.index("7,5%"), len(view.text))
    assert text[s:e] == "7,5%"
