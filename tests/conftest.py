"""Shared fixtures.  Append new fixtures in their own section; keep others' intact."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from pipeline.extract import document_id
from pipeline.models import Document, DocumentResult, Event, Span, Target, Unit

# Property tests assert behaviour, never timing: a loaded CI machine must not fail them on Hypothesis's deadline.
settings.register_profile("pledge", deadline=None)
settings.load_profile("pledge")

# -- registry and review (tests/test_registry.py, tests/test_review_*.py) --------

SAMPLE_TEXT = (
    "Công an các tỉnh Bắc Trung Bộ ký kết giao ước thi đua năm 2023\n"
    "\n"
    "Ngày 28/2/2023, tại Công an tỉnh Thanh Hóa, Cụm thi đua số 5 tổ chức ký kết giao ước thi đua năm 2023. "
    "Các đơn vị giao ước kéo giảm ít nhất 5% số vụ phạm pháp hình sự so với năm 2022; "
    "tiếp nhận 100% tố giác, tin báo về tội phạm, kiến nghị khởi tố; "
    "tỷ lệ điều tra, khám phá án đạt trên 75%; không để xảy ra oan sai.\n"
    "Ghi chú của phóng viên: <script>alert(\"xss\")</script> & <b>đậm</b>; "
    "phấn đấu giảm 10% số vụ tai nạn giao thông.\n"
)

# The "pipeline v1" view of SAMPLE_TEXT: (evidence phrase, fields).
SAMPLE_TARGETS: list[tuple[str, dict]] = [
    ("kéo giảm ít nhất 5% số vụ phạm pháp hình sự so với năm 2022",
     dict(indicator="số vụ phạm pháp hình sự", indicator_key="crime.cases", direction="decrease", comparator=">=",
          value=5, unit="percent", baseline_year=2022, baseline="so với năm 2022", period_year=2023)),
    ("tiếp nhận 100% tố giác, tin báo về tội phạm, kiến nghị khởi tố",
     dict(indicator="tiếp nhận tố giác, tin báo về tội phạm, kiến nghị khởi tố", indicator_key="reports.intake",
          direction="reach", comparator=">=", value=100, unit="percent", period_year=2023)),
    ("tỷ lệ điều tra, khám phá án đạt trên 75%",
     dict(indicator="tỷ lệ điều tra, khám phá án", indicator_key="crime.clearance", direction="reach",
          comparator=">", value=57, unit="percent", period_year=2023)),  # 57: a wrong value to correct
    ("không để xảy ra oan sai",
     dict(indicator="oan sai", indicator_key="justice.wrongful", direction="zero", comparator="=", value=0,
          unit="count", period_year=2023)),
]

# The "pipeline v2" view: other ids and span boundaries, a fixed value, reordered,
# the oan-sai target lost (its review must be reported as orphaned).
SAMPLE_TARGETS_V2: list[tuple[str, dict]] = [
    ("tỷ lệ điều tra, khám phá án đạt trên 75%",
     dict(indicator="điều tra, khám phá án", indicator_key="crime.clearance", direction="reach",
          comparator=">", value=75, unit="percent", period_year=2023)),
    ("giảm ít nhất 5% số vụ phạm pháp hình sự",
     dict(indicator="số vụ phạm pháp hình sự", indicator_key="crime.cases", direction="decrease", comparator=">=",
          value=5, unit="percent", baseline_year=2022, baseline="so với năm 2022", period_year=2023)),
    ("tiếp nhận 100% tố giác, tin báo về tội phạm",
     dict(indicator="tiếp nhận tố giác, tin báo về tội phạm", indicator_key=None,
          direction="reach", comparator=">=", value=100, unit="percent", period_year=2023)),
]


def build_result(
    text: str = SAMPLE_TEXT, specs: list[tuple[str, dict]] | None = None, source: str = "sample.txt",
    salt: str = "v1", with_event: bool = True,
) -> DocumentResult:
    """A hand-made ``DocumentResult`` whose evidence offsets index ``text``."""
    specs = SAMPLE_TARGETS if specs is None else specs
    doc_id = document_id(text)
    events = []
    if with_event:
        units = [Unit(name="Công an tỉnh Thanh Hóa", kind="police", province="Thanh Hóa", province_code="38",
                      province_now="Thanh Hóa"),
                 Unit(name="Công an tỉnh Nghệ An", kind="police", province="Nghệ An", province_code="40",
                      province_now="Nghệ An")]
        events.append(Event(id="evt_" + doc_id[4:12], kind="pledge_signing", date="2023-02-28",
                            place="Công an tỉnh Thanh Hóa", groups=["Cụm thi đua số 5"], period_year=2023,
                            units=units))
    targets = []
    for phrase, fields in specs:
        start = text.index(phrase)
        end = start + len(phrase)
        tid = "tgt_" + hashlib.sha256(f"{salt}|{doc_id}|{start}|{end}|{fields['indicator']}".encode()).hexdigest()[:12]
        targets.append(Target(id=tid, event_id=events[0].id if events else None,
                              evidence=Span(start=start, end=end, text=phrase), confidence=0.9,
                              units=["Công an tỉnh Thanh Hóa"], **fields))
    document = Document(id=doc_id, source=source, sha256=hashlib.sha256(text.encode()).hexdigest(),
                        chars=len(text), text=text)
    return DocumentResult(document=document, events=events, targets=targets)


@pytest.fixture(autouse=True)
def _close_databases():
    """Every registry a test opened is closed after it, even when the test failed."""
    yield
    from pipeline.registry import close_all

    close_all()


@pytest.fixture
def make_result() -> Callable[..., DocumentResult]:
    return build_result


@pytest.fixture
def registry_path(tmp_path: Path) -> Path:
    return tmp_path / "outputs" / "registry.sqlite"


@pytest.fixture
def registry(registry_path: Path):
    from pipeline.registry import Registry

    reg = Registry(registry_path)
    yield reg
    reg.close()


@pytest.fixture
def stored(registry):
    """A registry holding the sample document as extracted by 'pipeline v1'."""
    result = build_result()
    registry.store(result, "v1")
    return registry, result.document.id


# -- extraction stages (tests/test_targets.py, test_events.py, test_offsets.py, …) --------

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "dev"


@pytest.fixture(scope="session")
def extractor():
    """One Extractor for the whole run: building it loads every pattern file once."""
    from pipeline.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def extract_text(extractor) -> Callable[[str], DocumentResult]:
    """Extract from a string, as a document of its own."""
    from pipeline.models import SourceDocument

    def run(text: str) -> DocumentResult:
        return extractor.extract(SourceDocument(source="test.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest()))

    return run


@pytest.fixture(scope="session")
def pledge_targets(extract_text) -> Callable[[str], list[Target]]:
    """Targets of one pledge sentence, placed after a signing headline for 2023."""
    def run(sentence: str) -> list[Target]:
        return extract_text("Hội nghị ký kết giao ước thi đua năm 2023.\n" + sentence).targets

    return run


@pytest.fixture
def review_app(stored, registry_path):
    """The review app over the sample registry; ``(client_factory, document id)``.

    ``client_factory(reviewer)`` gives a test client whose browser already
    answered the reviewer-name question (``None``: not yet).
    """
    from starlette.testclient import TestClient

    from pipeline.review.app import create_app

    _reg, doc = stored
    app = create_app(registry_path)
    clients = []

    def client(reviewer: str | None = "Lan") -> TestClient:
        c = TestClient(app)
        if reviewer:
            from urllib.parse import quote

            c.cookies.set("pledge_reviewer", quote(reviewer))
        clients.append(c)
        return c

    yield client, doc
    for c in clients:
        c.close()
