"""Property-based: extraction never raises on arbitrary text, and every evidence span is exact."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "dev"
PIECES = [line for p in sorted(CORPUS.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
NOISE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
WORDS = ["không để xảy ra", "giảm", "ít nhất", "%", "trên", "từ", "đến", "trở lên", "so với năm", "trong đó", "riêng",
         "Công an tỉnh", "Cụm thi đua số", ",", ";", ".", "\n", "  ", "\u00a0", "TNGT", "hoá", "1.150", "7,5", "2023", "-"]


def _check(extract_text, text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    result = extract_text(text)
    assert not [e for e in result.errors if e.code == "extraction_error"], result.errors
    for t in result.targets:
        assert 0 <= t.evidence.start <= t.evidence.end <= len(text)
        assert text[t.evidence.start:t.evidence.end] == t.evidence.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_arbitrary_text(extract_text, text):
    _check(extract_text, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(WORDS), NOISE), min_size=1, max_size=12))
def test_shuffled_pledge_language(extract_text, parts):
    _check(extract_text, " ".join(parts))
