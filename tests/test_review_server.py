"""The review server over HTTP: the token, Host, Origin and CSRF rules, and what a save does."""

from __future__ import annotations

from editions.pofile import load_catalog
from tests.review_support import Server, changed_lines


def _first_draft(server: Server) -> dict[str, object]:
    with server.client() as client:
        items = client.get("/api/queue").json()["items"]
    return next(i for i in items if i["state"] == "machine draft")


def test_every_request_needs_the_token_and_writes_need_origin_and_csrf(
    review_server: Server,
) -> None:
    import httpx

    po = review_server.project.po_path("zh_CN", "deepblue-quzhou")
    before = po.read_bytes()
    item = _first_draft(review_server)
    body = {**item, "msgstr": "被篡改", "approve": True}
    with httpx.Client(base_url=review_server.url) as anonymous:
        assert anonymous.get("/api/queue").status_code == 403
        assert anonymous.get("/").status_code == 403
        assert anonymous.post("/api/save", json=body).status_code == 403
    with review_server.client() as client:
        assert client.get("/api/queue").status_code == 200
        foreign = client.post("/api/save", json=body, headers={"origin": "http://evil.example"})
        assert foreign.status_code == 403
        no_csrf = client.post("/api/save", json=body, headers={"x-csrf-token": ""})
        assert no_csrf.status_code == 403
        rebinding = client.get(
            "/api/queue", headers={"host": f"evil.example:{client.base_url.port}"}
        )
        assert rebinding.status_code == 403
        page = client.get("/")
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert po.read_bytes() == before


def test_a_save_changes_only_its_entry_and_keeps_a_draft_a_draft(review_server: Server) -> None:
    item = _first_draft(review_server)
    with review_server.client() as client:
        saved = client.post("/api/save", json={**item, "msgstr": "人工修改的译文。"})
    assert saved.status_code == 200
    assert saved.json()["item"]["state"] == "fuzzy"  # edited, not approved
    changed = changed_lines(review_server.project.root)
    assert changed == [f'-msgstr "{item["msgstr"]}"', '+msgstr "人工修改的译文。"']


def test_a_stale_fingerprint_is_a_conflict_and_nothing_is_overwritten(
    review_server: Server,
) -> None:
    item = _first_draft(review_server)
    with review_server.client() as client:
        first = client.post("/api/save", json={**item, "msgstr": "第一个标签页。"})
        second = client.post("/api/save", json={**item, "msgstr": "第二个标签页。"})
    assert first.status_code == 200 and second.status_code == 409
    assert second.json()["theirs"]["msgstr"] == "第一个标签页。"
    assert second.json()["mine"] == "第二个标签页。"
    po = review_server.project.po_path("zh_CN", "deepblue-quzhou")
    msgstrs = [e.msgstr for e in load_catalog(po).entries]
    assert "第一个标签页。" in msgstrs and "第二个标签页。" not in msgstrs


def test_approval_is_refused_while_a_blocking_finding_stands_unless_suppressed(
    review_server: Server,
) -> None:
    items = review_server.client().get("/api/queue").json()["items"]
    item = next(i for i in items if "52,600" in i["msgid"])
    broken = {**item, "msgstr": "衢州有很多摄像头。", "approve": True}
    with review_server.client() as client:
        refused = client.post("/api/save", json=broken)
        assert refused.status_code == 422
        codes = {f["code"] for f in refused.json()["findings"] if f["blocking"]}
        assert "E-number-mismatch" in codes
        reasons = {code: "the figure is given in the headline" for code in codes}
        approved = client.post("/api/save", json={**broken, "suppress": reasons})
    assert approved.status_code == 200, approved.json()
    assert approved.json()["item"]["state"] == "reviewed"
    po = review_server.project.po_path("zh_CN", "deepblue-quzhou")
    entry = next(e for e in load_catalog(po).entries if "52,600" in e.msgid)
    assert any(
        c.startswith("editions-ignore: ") and "E-number-mismatch" in c
        for c in entry.translator_comments
    )
    assert (
        "editions-ignore-reason: E-number-mismatch: the figure is given in the headline"
        in entry.translator_comments
    )


def test_a_catalog_with_git_conflict_markers_is_refused(review_server: Server) -> None:
    item = _first_draft(review_server)
    po = review_server.project.po_path("zh_CN", "deepblue-quzhou")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "', '<<<<<<< HEAD\nmsgid "', 1), encoding="utf-8")
    before = po.read_bytes()
    with review_server.client() as client:
        answer = client.post("/api/save", json={**item, "msgstr": "新的。"})
        queue = client.get("/api/queue")
    assert answer.status_code == 409 and "git conflict markers" in answer.json()["error"]
    assert queue.status_code == 409
    assert po.read_bytes() == before
