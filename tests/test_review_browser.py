"""End to end in a real browser: Playwright driving Debian's Chromium (no browser download).

Open a document, correct a value, approve another target (keyboard), reload and
see both kept, add a missed target from a text selection, then `pledge export`
and find the corrected value.  Saves the screenshot used in the README.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLE_TEXT
from pipeline.cli import main
from pipeline.models import DocumentResult

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "review-document.png"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


@pytest.fixture
def server(stored, registry_path):
    import uvicorn

    from pipeline.review.app import LOOPBACK_HOSTS, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(registry_path, allowed_hosts=LOOPBACK_HOSTS)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert time.monotonic() < deadline, "the review server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", stored[1]
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def page():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        # the test harness evaluates expressions in the page; the app's CSP (checked in test_review_app) forbids eval
        context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
        pg = context.new_page()
        pg.set_default_timeout(10_000)
        yield pg
        context.close()
        browser.close()


def row(page, n):
    return page.locator("tr.target").nth(n)


def test_review_in_the_browser(server, page, registry_path):
    base, doc = server
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # the reviewer name is asked once
    page.goto(f"{base}/documents/{doc}")
    page.fill("#reviewer-name", "Nguyễn Lan")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(rf"/documents/{doc}"))
    assert "Nguyễn Lan" in page.inner_text("header")
    assert page.locator("tr.target").count() == 4
    assert "<script>alert" in page.inner_text("#doctext")  # shown as text, not run

    # clicking a target selects it and marks its evidence
    row(page, 2).click()
    assert "selected" in (row(page, 2).get_attribute("class") or "")
    assert page.locator("mark.ev.focus").count() >= 1

    # e opens the editor of the selected target; correct its value 57 -> 75
    page.keyboard.press("e")
    page.wait_for_url(re.compile(r"/edit$"))
    page.fill("#f-value", "75")
    page.fill("#f-note", "the text says 75%")
    page.click("button[name=then][value='']")
    page.wait_for_url(re.compile(rf"/documents/{doc}\?sel="))
    assert "Saved" in page.inner_text(".flash")

    # j/k move the selection; a approves the first target, r rejects the last
    page.keyboard.press("k")
    page.keyboard.press("k")
    assert "selected" in (row(page, 0).get_attribute("class") or "")
    page.keyboard.press("a")
    page.wait_for_selector(".flash")
    page.wait_for_function("document.querySelector('tr.target') && "
                           "document.querySelector('tr.target').classList.contains('st-approved')")
    row(page, 3).click()
    page.keyboard.press("r")
    page.wait_for_function("document.querySelectorAll('tr.target')[3].classList.contains('st-rejected')")

    # reload: both reviews kept
    page.reload()
    assert "st-approved" in row(page, 0).get_attribute("class")
    assert "st-corrected" in row(page, 2).get_attribute("class")
    assert "reach > 75 percent" in " ".join(row(page, 2).inner_text().split())
    assert page.locator("mark.ev.st-approved").count() >= 1 and page.locator("mark.ev.st-corrected").count() >= 1
    row(page, 2).click()
    page.screenshot(path=str(SCREENSHOT), full_page=False)

    # add a missed target from a text selection
    phrase = "giảm 10% số vụ tai nạn giao thông"
    page.evaluate(
        """(phrase) => {
            const spans = Array.from(document.querySelectorAll('#doctext [data-start]'));
            const seg = spans.find(s => s.textContent.includes(phrase));
            const node = seg.firstChild, i = node.data.indexOf(phrase);
            const range = document.createRange();
            range.setStart(node, i); range.setEnd(node, i + phrase.length);
            const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        }""", phrase)
    page.wait_for_selector("#add-selection:not([hidden])")
    page.click("#add-selection")
    page.wait_for_url(re.compile(r"/add\?"))
    start = SAMPLE_TEXT.index(phrase)
    assert page.input_value("input[name=start]") == str(start)
    assert page.inner_text("blockquote.context mark") == phrase
    page.fill("#f-indicator", "số vụ tai nạn giao thông")
    page.select_option("#f-direction", "decrease")
    page.fill("#f-value", "10")
    page.click("text=Add target")
    page.wait_for_url(re.compile(rf"/documents/{doc}\?sel="))
    assert page.locator("tr.target").count() == 5
    assert errors == []

    # export: the corrected value is there
    out = CliRunner().invoke(main, ["export", "--registry", str(registry_path)], catch_exceptions=False).stdout
    result = DocumentResult.model_validate_json(out.splitlines()[0])
    by_text = {t.evidence.text: t for t in result.targets}
    corrected = by_text["tỷ lệ điều tra, khám phá án đạt trên 75%"]
    assert (corrected.value, corrected.status) == (75, "corrected")
    assert by_text["kéo giảm ít nhất 5% số vụ phạm pháp hình sự so với năm 2022"].status == "approved"
    assert by_text["không để xảy ra oan sai"].status == "rejected"
    assert by_text[phrase].value == 10 and by_text[phrase].status == "corrected"
