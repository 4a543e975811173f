"""Review web app through Starlette's test client: actions, validation, CSRF, conflicts, escaping."""

from __future__ import annotations

import re


from conftest import SAMPLE_TARGETS_V2, SAMPLE_TEXT, build_result
from pipeline.registry import Registry
from pipeline.review.app import create_app
from pipeline.review.highlight import Mark, segments


def token(client, path="/") -> str:
    html = client.get(path).text
    m = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
    assert m, html[:500]
    return m.group(1)


def keys(html: str) -> list[str]:
    return re.findall(r'<tr class="target[^"]*"\s+id="row-([^"]+)"', html)


def target(registry_path, doc, key):
    with Registry(registry_path) as reg:
        return reg.review_target(doc, key)


def post(client, url, data, path=None):
    data = {"csrf_token": token(client, path or url.rsplit("/targets/", 1)[0]), **data}
    return client.post(url, data=data, follow_redirects=False)


# -- reviewer name ---------------------------------------------------------------

def test_reviewer_name_is_asked_once_and_kept(review_app):
    make, doc = review_app
    c = make(None)
    r = c.get(f"/documents/{doc}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/reviewer?next=")
    tok = token(c, "/reviewer")
    r = c.post("/reviewer", data={"csrf_token": tok, "reviewer": "Trần Minh", "next": f"/documents/{doc}"},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/documents/{doc}"
    page = c.get(f"/documents/{doc}")
    assert page.status_code == 200 and "Trần Minh" in page.text


def test_next_cannot_leave_the_app(review_app):
    make, _doc = review_app
    c = make(None)
    r = c.post("/reviewer", data={"csrf_token": token(c, "/reviewer"), "reviewer": "x", "next": "//evil.example"},
               follow_redirects=False)
    assert r.headers["location"] == "/"


# -- actions -----------------------------------------------------------------------

def test_approve_reject_note_and_undo(review_app, registry_path):
    make, doc = review_app
    c = make("Lan")
    k = keys(c.get(f"/documents/{doc}").text)
    assert len(k) == 4
    r = post(c, f"/documents/{doc}/targets/{k[0]}/approve", {"version": "0"})
    assert r.status_code == 303 and f"sel={k[0]}" in r.headers["location"]
    rt = target(registry_path, doc, k[0])
    assert rt.status == "approved" and rt.corrections[-1].reviewer == "Lan" and rt.corrections[-1].via == "web"
    post(c, f"/documents/{doc}/targets/{k[3]}/reject", {"version": "0", "note": "a past result"})
    assert target(registry_path, doc, k[3]).status == "rejected"
    post(c, f"/documents/{doc}/targets/{k[3]}/note", {"version": "1", "note": "checked twice"})
    rt = target(registry_path, doc, k[3])
    assert [x.note for x in rt.corrections] == ["a past result", "checked twice"]
    page = c.get(f"/documents/{doc}").text
    batch = re.search(rf'targets/{k[0]}/undo".*?name="batch" value="(\d+)"', page, re.S).group(1)
    post(c, f"/documents/{doc}/targets/{k[0]}/undo", {"version": "1", "batch": batch})
    assert target(registry_path, doc, k[0]).status == "extracted"
    hist = c.get(f"/documents/{doc}/targets/{k[0]}/history").text
    assert "approved" in hist and "undo of action" in hist and "Lan" in hist


def test_edit_form_corrects_and_can_approve_in_one_step(review_app, registry_path):
    make, doc = review_app
    c = make("Lan")
    k = keys(c.get(f"/documents/{doc}").text)[2]
    form = c.get(f"/documents/{doc}/targets/{k}/edit").text
    assert 'name="value" id="f-value" value="57"' in form
    r = post(c, f"/documents/{doc}/targets/{k}",
             {"version": "0", "value": "75", "comparator": ">", "indicator": "tỷ lệ điều tra, khám phá án",
              "direction": "reach", "unit": "percent", "then": "approve", "note": "read the text"})
    assert r.status_code == 303
    rt = target(registry_path, doc, k)
    assert (rt.status, rt.target["value"]) == ("approved", 75)
    assert [(x.action, x.field) for x in rt.corrections] == [("correct", "value"), ("approve", None)]


def test_add_a_missed_target_from_a_selection(review_app, registry_path):
    make, doc = review_app
    c = make("Lan")
    phrase = "giảm 10% số vụ tai nạn giao thông"
    start = SAMPLE_TEXT.index(phrase)
    # offsets a little off (as a browser could send): the selected text wins
    page = c.get(f"/documents/{doc}/add", params={"start": start + 2, "end": start + 2 + len(phrase), "sel": phrase})
    assert page.status_code == 200 and f'name="start" value="{start}"' in page.text
    r = post(c, f"/documents/{doc}/add", {"start": str(start), "end": str(start + len(phrase)),
                                          "indicator": "số vụ tai nạn giao thông", "indicator_key": "traffic.accidents",
                                          "direction": "decrease", "comparator": ">=", "value": "10",
                                          "unit": "percent"}, path=f"/documents/{doc}")
    assert r.status_code == 303
    key = re.search(r"sel=([^#&]+)", r.headers["location"]).group(1)
    rt = target(registry_path, doc, key)
    assert rt.origin == "added" and rt.target["evidence"]["text"] == phrase and rt.target["value"] == 10
    assert key in keys(c.get(f"/documents/{doc}").text)


# -- validation ----------------------------------------------------------------------

def test_wrong_values_get_clear_messages_and_nothing_is_saved(review_app, registry_path):
    make, doc = review_app
    c = make("Lan")
    k = keys(c.get(f"/documents/{doc}").text)[2]
    r = post(c, f"/documents/{doc}/targets/{k}", {"version": "0", "value": "bảy lăm", "period_year": "23",
                                                   "indicator": "x", "direction": "reach", "comparator": ">",
                                                   "unit": "percent"})
    assert r.status_code == 422
    assert "is not a number" in r.text and "is not a year" in r.text
    assert 'value="bảy lăm"' in r.text  # what the reviewer typed is kept
    r = post(c, f"/documents/{doc}/targets/{k}", {"version": "0", "comparator": "between", "indicator": "x",
                                                   "direction": "reach", "unit": "percent"})
    assert r.status_code == 422 and "comparator &#39;between&#39; needs value_max" in r.text
    r = post(c, f"/documents/{doc}/targets/{k}", {"version": "0", "direction": "sideways", "indicator": "x",
                                                   "comparator": ">", "unit": "percent"})
    assert r.status_code == 422 and "decrease" in r.text
    r = post(c, f"/documents/{doc}/targets/{k}", {"version": "0", "indicator": "", "direction": "reach",
                                                   "comparator": ">", "unit": "percent"})
    assert r.status_code == 422 and "is required" in r.text
    assert target(registry_path, doc, k).version == 0


# -- safety ----------------------------------------------------------------------------

def test_posts_without_a_valid_csrf_token_are_refused(review_app, registry_path):
    make, doc = review_app
    c = make("Lan")
    k = keys(c.get(f"/documents/{doc}").text)[0]
    url = f"/documents/{doc}/targets/{k}/approve"
    assert c.post(url, data={"version": "0"}).status_code == 403
    assert c.post(url, data={"version": "0", "csrf_token": "0" * 64}).status_code == 403
    other = make("Eve")
    foreign = token(other, f"/documents/{doc}")  # a token minted for another browser's cookie
    assert c.post(url, data={"version": "0", "csrf_token": foreign}).status_code == 403
    assert target(registry_path, doc, k).version == 0
    assert c.get(url).status_code == 405  # no state change over GET


def test_the_later_of_two_edits_gets_a_conflict_and_sees_the_other_change(review_app, registry_path):
    make, doc = review_app
    lan, minh = make("Lan"), make("Minh")
    k = keys(lan.get(f"/documents/{doc}").text)[2]
    lan_form, minh_form = (c.get(f"/documents/{doc}/targets/{k}/edit").text for c in (lan, minh))
    assert 'name="version" value="0"' in lan_form and 'name="version" value="0"' in minh_form
    fields = {"indicator": "tỷ lệ điều tra, khám phá án", "direction": "reach", "comparator": ">", "unit": "percent"}
    assert post(lan, f"/documents/{doc}/targets/{k}", {"version": "0", "value": "75", **fields}).status_code == 303
    r = post(minh, f"/documents/{doc}/targets/{k}", {"version": "0", "value": "76", **fields})
    assert r.status_code == 409
    assert "Not saved" in r.text and "Lan" in r.text and "value: 57 → 75" in r.text
    assert 'name="value" id="f-value" value="75"' in r.text and 'name="version" value="1"' in r.text
    assert target(registry_path, doc, k).target["value"] == 75
    # approving on the stale page is a conflict too
    r = post(minh, f"/documents/{doc}/targets/{k}/approve", {"version": "0"})
    assert r.status_code == 409 and target(registry_path, doc, k).status == "corrected"


def test_document_text_and_values_are_escaped(review_app, registry_path):
    make, doc = review_app
    c = make('<img src=x onerror="alert(1)">')
    k = keys(c.get(f"/documents/{doc}").text)[0]
    post(c, f"/documents/{doc}/targets/{k}", {"version": "0", "indicator": "<script>alert('i')</script>",
                                               "direction": "decrease", "comparator": ">=", "unit": "percent"})
    for path in (f"/documents/{doc}", f"/documents/{doc}/targets/{k}/edit", f"/documents/{doc}/targets/{k}/history",
                 "/"):
        r = c.get(path)
        assert r.status_code == 200
        assert "<script>alert" not in r.text and "<img src=x" not in r.text and "<b>đậm" not in r.text
        assert "script-src 'self'" in r.headers["content-security-policy"]
    page = c.get(f"/documents/{doc}").text
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(&#39;i&#39;)&lt;/script&gt;" in page


def test_unknown_hosts_are_refused_when_a_host_list_is_given(registry_path, stored):
    from starlette.testclient import TestClient

    app = create_app(registry_path, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1") as ok, TestClient(app, base_url="http://evil.example") as bad:
        assert ok.get("/reviewer").status_code == 200
        assert bad.get("/reviewer").status_code == 400


# -- views ---------------------------------------------------------------------------

def test_documents_list_filters_and_counts(review_app, registry_path):
    make, doc = review_app
    c = make("Lan")
    page = c.get("/").text
    assert f"/documents/{doc}" in page and "4 to review" in page
    assert f"/documents/{doc}" in c.get("/", params={"q": "thanh hoa"}).text  # accents optional
    assert f"/documents/{doc}" not in c.get("/", params={"q": "Đà Nẵng"}).text
    assert f"/documents/{doc}" in c.get("/", params={"province": "Nghệ An"}).text
    assert f"/documents/{doc}" not in c.get("/", params={"province": "Huế"}).text
    assert f"/documents/{doc}" not in c.get("/", params={"status": "approved"}).text
    k = keys(c.get(f"/documents/{doc}").text)[0]
    post(c, f"/documents/{doc}/targets/{k}/approve", {"version": "0"})
    assert f"/documents/{doc}" in c.get("/", params={"status": "approved"}).text


def test_document_view_highlights_every_evidence_span_with_its_status(review_app):
    make, doc = review_app
    c = make("Lan")
    html = c.get(f"/documents/{doc}").text
    k = keys(html)
    post(c, f"/documents/{doc}/targets/{k[1]}/approve", {"version": "0"})
    html = c.get(f"/documents/{doc}").text
    for key in k:
        assert f'id="ev-{key}"' in html
    assert re.search(rf'<mark class="ev st-approved" data-start="\d+" data-keys="{k[1]}">', html)
    assert "Cụm thi đua số 5" in html and "Công an tỉnh Nghệ An" in html  # events and units


def test_orphaned_reviews_are_listed_with_their_old_evidence(review_app, registry_path):
    make, doc = review_app
    c = make("Lan")
    k = keys(c.get(f"/documents/{doc}").text)
    post(c, f"/documents/{doc}/targets/{k[3]}/approve", {"version": "0"})
    with Registry(registry_path) as reg:
        reg.store(build_result(specs=SAMPLE_TARGETS_V2, salt="v2"), "v2")
    page = c.get("/orphans").text
    assert "Orphaned reviews (1)" in page and "không để xảy ra oan sai" in page and "Old evidence" in page
    sub = re.search(r'id="orphan-([^"]+)"', page).group(1)
    # re-attach it by hand to a current target
    with Registry(registry_path) as reg:
        tid = reg.extracted_targets(doc)[0]["id"]
    r = post(c, f"/documents/{doc}/targets/{sub}/attach", {"target_id": tid}, path="/orphans")
    assert r.status_code == 303
    assert "Orphaned reviews (0)" in c.get("/orphans").text


def test_overlapping_spans_become_flat_segments():
    text = "abcdefghij\r\nkl"
    segs = segments(text, [Mark(1, 6, "a", "approved"), Mark(3, 9, "b", "extracted"), Mark(3, 5, "c", "rejected")])
    assert "".join(s.text for s in segs) == text
    assert [(s.start, s.end, s.keys) for s in segs[:5]] == [
        (0, 1, ()), (1, 3, ("a",)), (3, 5, ("a", "b", "c")), (5, 6, ("a", "b")), (6, 9, ("b",))]
    assert segs[2].status == "extracted" and segs[2].anchors == ("b", "c")  # outer span first
    assert any(s.text == "\r" for s in segs)  # CR isolated so browser offsets stay exact
