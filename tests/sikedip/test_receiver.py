"""The reference receiver, over real HTTP on 127.0.0.1, as the contract says it behaves."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from pipeline.project import ConfigError
from pipeline.sikedip.payload import payload_hash
from pipeline.sikedip.server import start_in_thread
from pipeline.sikedip.store import Store

from .conftest import (
    OPD,
    ROOT,
    TOKEN,
    Api,
    InThread,
    ReceiverProcess,
    make_payload,
    pdf,
    sha,
)

JSON = "application/json; charset=utf-8"


def assert_error(resp: requests.Response, status: int, code: str) -> dict[str, Any]:
    """A JSON error of the contract's one shape, with an Indonesian message."""
    assert resp.status_code == status, resp.text
    assert resp.headers["Content-Type"] == JSON
    body = resp.json()
    assert body["error"] == code, body
    assert isinstance(body["message"], str) and body["message"]
    assert "Traceback" not in resp.text
    return dict(body)


def raw_request(url: str, data: bytes, timeout: float = 5) -> http.client.HTTPResponse:
    """Send bytes as they are (for what `requests` refuses to send) and parse the answer."""
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    sock.sendall(data)
    resp = http.client.HTTPResponse(sock)
    resp.begin()
    return resp


def auth_header() -> str:
    return f"Authorization: Bearer {TOKEN}\r\n"


# -- health and authentication ---------------------------------------------------------------


def test_healthz_needs_no_token(receiver: InThread) -> None:
    resp = requests.get(f"{receiver.url}/healthz", timeout=5)
    assert resp.status_code == 200 and resp.json() == {"status": "ok"}
    assert resp.headers["Content-Type"] == JSON


@pytest.mark.parametrize(
    "authorization",
    [None, f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", f"Basic {TOKEN}", TOKEN, "Bearer "],
)
def test_every_api_call_without_the_right_token_is_401(
    receiver: InThread, authorization: str | None
) -> None:
    api = Api(receiver.url, token=None)
    if authorization is not None:
        api.session.headers["Authorization"] = authorization
    data = pdf("rahasia")
    payload = make_payload("item-uji")
    for resp in (
        api.list(),
        api.put_file(data),
        api.put_item(payload),
        api.delete("item-uji", "alasan"),
        api.session.get(f"{receiver.url}/api/v1/tidak-ada", timeout=5),
    ):
        body = assert_error(resp, 401, "tidak_berwenang")
        assert resp.headers["WWW-Authenticate"].startswith("Bearer")
        assert TOKEN not in json.dumps(body)
    head = api.head_file(sha(data))
    assert head.status_code == 401
    # Nothing was written.
    assert receiver.running.store.items(OPD) == {}
    assert receiver.running.store.file_size(sha(data)) is None


def test_the_token_never_appears_in_answers_or_in_the_log(receiver_proc: ReceiverProcess) -> None:
    good, bad = receiver_proc.api(), receiver_proc.api(token=TOKEN + "salah")
    data = pdf("token")
    payload = make_payload("item-token", files={"a.pdf": data})
    answers = [
        bad.list(),
        bad.put_file(data),
        good.put_item(payload),  # 409: file missing
        good.put_file(data),
        good.put_file(pdf("lain"), sha256=sha(data)),  # 422
        good.put_item(payload),
        good.put_item({**payload, "judul": "x"}),  # 422
        good.delete("item-token", "alasan penarikan"),
        good.list(),
        good.session.get(f"{receiver_proc.url}/api/v1/salah", timeout=5),
        requests.get(f"{receiver_proc.url}/opd/{OPD}/", timeout=5),
        requests.get(f"{receiver_proc.url}/", timeout=5),
    ]
    statuses = [a.status_code for a in answers]
    assert statuses == [401, 401, 409, 201, 422, 201, 422, 200, 200, 404, 200, 200]
    for answer in answers:
        assert TOKEN not in answer.text
        assert TOKEN not in json.dumps(dict(answer.headers))
    assert receiver_proc.stop() == 0
    log = receiver_proc.log
    assert "PUT /api/v1/opd/uji/items/item-token" in log  # one line per request
    assert TOKEN not in log


def test_the_log_shows_no_raw_control_characters(receiver: InThread) -> None:
    resp = raw_request(receiver.url, b"GET /\x1b[31mmerah HTTP/1.1\r\nHost: uji\r\n\r\n")
    assert resp.status == 404
    log = receiver.log.getvalue()
    assert "\\x1b[31mmerah" in log and "\x1b" not in log


# -- listing -----------------------------------------------------------------------------------


def test_unknown_opd_lists_nothing(receiver: InThread) -> None:
    resp = Api(receiver.url, opd="opd-baru").list()
    assert resp.status_code == 200 and resp.json() == {"items": []}


def test_list_is_sorted_by_id_and_keeps_withdrawn_items(receiver: InThread) -> None:
    api = receiver.api
    for item_id in ("zeta-item", "alpha-item", "mid-item"):
        assert api.put_item(make_payload(item_id)).status_code == 201
    withdrawn = make_payload("mid-item")
    assert api.delete("mid-item", "Sudah tidak berlaku").status_code == 200
    items = api.list().json()["items"]
    assert [i["id"] for i in items] == ["alpha-item", "mid-item", "zeta-item"]
    assert items[1] == {"id": "mid-item", "hash": withdrawn["hash"], "status": "ditarik"}
    assert {i["status"] for i in (items[0], items[2])} == {"terbit"}


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/api/v1/opd/UJI/items", "alamat_tidak_sah"),
        ("/api/v1/opd/u/items", "alamat_tidak_sah"),
        ("/api/v1/opd/uji/items/Bad_Id", "alamat_tidak_sah"),
        ("/api/v1/opd/uji/files/ABC", "alamat_tidak_sah"),
        ("/api/v2/opd/uji/items", "tidak_ada"),
    ],
)
def test_bad_api_paths_are_refused(receiver: InThread, path: str, code: str) -> None:
    resp = receiver.api.session.put(f"{receiver.url}{path}", data=b"{}", timeout=5)
    assert_error(resp, 404 if code == "tidak_ada" else 400, code)


def test_wrong_method_is_405_with_allow(receiver: InThread) -> None:
    resp = receiver.api.session.post(f"{receiver.api.base}/items", data=b"", timeout=5)
    assert_error(resp, 405, "metode_tidak_diizinkan")
    assert resp.headers["Allow"] == "GET, HEAD"
    resp = receiver.api.session.get(f"{receiver.api.base}/files/{'a' * 64}", timeout=5)
    assert resp.status_code == 405 and resp.headers["Allow"] == "HEAD, PUT"


# -- files -------------------------------------------------------------------------------------


def test_file_upload_is_content_addressed_and_idempotent(receiver: InThread) -> None:
    api, data = receiver.api, pdf("renstra")
    digest = sha(data)
    assert api.head_file(digest).status_code == 404
    first = api.put_file(data)
    assert first.status_code == 201
    assert first.json() == {"sha256": digest, "size": len(data)}
    again = api.put_file(data)
    assert again.status_code == 200 and again.json() == first.json()
    head = api.head_file(digest)
    assert head.status_code == 200 and head.headers["Content-Length"] == str(len(data))
    assert head.content == b""
    stored = receiver.running.store.file_path(digest)
    assert stored == receiver.data / "files" / digest[:2] / digest
    assert stored.read_bytes() == data
    assert list((receiver.data / "tmp").iterdir()) == []
    # An Idempotency-Key is accepted on files, and checked when present.
    with_key = api.session.put(
        f"{api.base}/files/{digest}", data=data, headers={"Idempotency-Key": "k-1"}, timeout=5
    )
    assert with_key.status_code == 200
    bad_key = api.session.put(
        f"{api.base}/files/{digest}", data=data, headers={"Idempotency-Key": "é" * 3}, timeout=5
    )
    assert_error(bad_key, 400, "kunci_idempotensi_tidak_sah")


def test_bytes_that_do_not_hash_to_the_name_are_refused(receiver: InThread) -> None:
    api = receiver.api
    resp = api.put_file(pdf("isi sebenarnya"), sha256=sha(pdf("isi lain")))
    assert_error(resp, 422, "hash_tidak_cocok")
    assert api.head_file(sha(pdf("isi lain"))).status_code == 404
    assert list((receiver.data / "tmp").iterdir()) == []
    assert [p for p in (receiver.data / "files").rglob("*") if p.is_file()] == []


def test_a_body_shorter_than_content_length_is_refused(receiver: InThread) -> None:
    data = pdf("terpotong")
    head = (
        f"PUT /api/v1/opd/{OPD}/files/{sha(data)} HTTP/1.1\r\nHost: uji\r\n{auth_header()}"
        f"Content-Length: {len(data) + 50}\r\n\r\n"
    ).encode()
    parts = urlsplit(receiver.url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=5)
    sock.sendall(head + data)
    sock.shutdown(socket.SHUT_WR)  # the client gives up before sending everything
    resp = http.client.HTTPResponse(sock)
    resp.begin()
    body = json.loads(resp.read())
    assert resp.status == 422 and body["error"] == "hash_tidak_cocok"
    assert receiver.api.head_file(sha(data)).status_code == 404
    assert list((receiver.data / "tmp").iterdir()) == []


def test_upload_without_content_length_is_411(receiver: InThread) -> None:
    data = pdf("tanpa panjang")
    resp = raw_request(
        receiver.url,
        f"PUT /api/v1/opd/{OPD}/files/{sha(data)} HTTP/1.1\r\nHost: uji\r\n{auth_header()}\r\n"
        .encode(),
    )  # fmt: skip
    assert resp.status == 411
    assert json.loads(resp.read())["error"] == "panjang_wajib"


def test_chunked_upload_is_411(receiver: InThread) -> None:
    data = pdf("chunked")
    resp = receiver.api.session.put(
        f"{receiver.api.base}/files/{sha(data)}", data=iter([data[:10], data[10:]]), timeout=5
    )
    assert resp.request.headers.get("Transfer-Encoding") == "chunked"
    assert_error(resp, 411, "panjang_wajib")
    assert receiver.api.head_file(sha(data)).status_code == 404
    # The refused connection was closed; the session carries on with a new one.
    assert receiver.api.list().status_code == 200


def test_oversized_upload_is_413_without_reading_the_body(receiver: InThread) -> None:
    # The limit is 1 MB in this fixture; 50 MB are announced and none are sent. Were the
    # receiver to read the body, it would wait for it and this answer would never come.
    resp = raw_request(
        receiver.url,
        (
            f"PUT /api/v1/opd/{OPD}/files/{'b' * 64} HTTP/1.1\r\nHost: uji\r\n{auth_header()}"
            "Content-Length: 50000000\r\n\r\n"
        ).encode(),
        timeout=1.5,
    )
    assert resp.status == 413
    assert resp.getheader("Connection") == "close"
    assert json.loads(resp.read())["error"] == "terlalu_besar"


def test_oversized_upload_sent_in_full_still_gets_its_413(receiver: InThread) -> None:
    big = b"0" * 3_000_000  # over the 1 MB limit; the client sends it all before reading
    resp = receiver.api.put_file(big)
    assert_error(resp, 413, "terlalu_besar")


def test_a_file_on_disk_without_its_row_is_recorded_again(receiver: InThread) -> None:
    """What a kill between the rename and the database write leaves behind."""
    data = pdf("yatim")
    digest = sha(data)
    orphan = receiver.running.store.file_path(digest)
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(data)
    assert receiver.api.head_file(digest).status_code == 404
    assert receiver.api.put_file(data).status_code == 201
    assert receiver.api.head_file(digest).headers["Content-Length"] == str(len(data))


# -- items -------------------------------------------------------------------------------------


def test_item_is_created_updated_and_versioned(receiver: InThread) -> None:
    api, data = receiver.api, pdf("v1")
    first = make_payload("renstra-2019-2023", files={"renstra.pdf": data})
    created = api.publish(first, {"renstra.pdf": data})
    assert created.status_code == 201
    assert created.json() == {
        "id": "renstra-2019-2023",
        "hash": first["hash"],
        "status": "terbit",
        "version": 1,
    }
    same = api.put_item(first)
    assert same.status_code == 200 and same.json()["version"] == 1
    second = make_payload("renstra-2019-2023", files={"renstra.pdf": data}, judul="Renstra 2019")
    updated = api.put_item(second)
    assert updated.status_code == 200 and updated.json()["version"] == 2
    store = receiver.running.store
    held = store.items(OPD)["renstra-2019-2023"]
    assert held["hash"] == second["hash"] and held["payload"] == second
    assert [(h["version"], h["hash"], h["status"]) for h in store.history(OPD, second["id"])] == [
        (1, first["hash"], "terbit"),
        (2, second["hash"], "terbit"),
    ]


def test_item_with_missing_files_is_409_and_names_them(receiver: InThread) -> None:
    api = receiver.api
    present, absent = pdf("ada"), pdf("belum")
    payload = make_payload("item-berkas", files={"ada.pdf": present, "belum.pdf": absent})
    api.put_file(present)
    body = assert_error(api.put_item(payload), 409, "berkas_belum_ada")
    assert body["missing"] == [sha(absent)]
    assert receiver.running.store.items(OPD) == {}
    # A stored file with another size than the payload states does not count.
    wrong_size = make_payload("item-berkas", files={"ada.pdf": present})
    wrong_size["lampiran"][0]["size"] += 1
    wrong_size["hash"] = payload_hash(wrong_size)
    body = assert_error(api.put_item(wrong_size), 409, "berkas_belum_ada")
    assert body["missing"] == [sha(present)]


@pytest.mark.parametrize(
    ("change", "status", "code", "words"),
    [
        (lambda p: p.update(judul="abc"), 422, "payload_tidak_sah", "$.judul"),
        (lambda p: p.update(warna="merah"), 422, "payload_tidak_sah", "'warna'"),
        (lambda p: p.pop("unit"), 422, "payload_tidak_sah", "'unit'"),
        (lambda p: p.pop("subkategori"), 422, "payload_tidak_sah", "subkategori wajib"),
        (lambda p: p.update(tahun="2019"), 422, "payload_tidak_sah", "$.tahun"),
        (lambda p: p.update(waktu_pembuatan="2019-09-30\n"), 422, "payload_tidak_sah", "pola"),
        (lambda p: p.update(id="item-lain"), 422, "id_tidak_cocok", "item-lain"),
        (lambda p: p.update(hash="0" * 64), 422, "hash_tidak_cocok", "hash"),
        (
            lambda p: p.update(
                status="ditarik", penarikan={"tanggal": "2026-01-02", "alasan": "Sudah diganti"}
            ),
            422,
            "status_bukan_terbit",
            "DELETE",
        ),
    ],
)
def test_invalid_items_are_refused_with_the_reason(
    receiver: InThread, change: Any, status: int, code: str, words: str
) -> None:
    payload = make_payload("item-uji")
    change(payload)
    if code != "hash_tidak_cocok":
        payload["hash"] = payload_hash(payload)
    body = assert_error(receiver.api.put_item(payload, item_id="item-uji"), status, code)
    assert words in body["message"]
    assert receiver.running.store.items(OPD) == {}


def test_payload_errors_name_the_first_few_json_paths(receiver: InThread) -> None:
    payload = make_payload("item-uji", judul="abc", ringkasan="pendek", tahun=1800)
    body = assert_error(receiver.api.put_item(payload), 422, "payload_tidak_sah")
    for path in ("$.judul", "$.ringkasan", "$.tahun"):
        assert path in body["message"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"{bukan json", "baris 1"),
        (b'{"a": 1, "a": 2}', "ganda"),
        (b'{"tahun": NaN}', "NaN"),
        (b"\xff\xfe", "UTF-8"),
        (b"[" * 100_000, "JSON"),
    ],
)
def test_unparsable_json_is_400(receiver: InThread, body: bytes, words: str) -> None:
    resp = receiver.api.session.put(
        f"{receiver.api.base}/items/item-uji",
        data=body,
        headers={"Content-Type": "application/json", "Idempotency-Key": "k"},
        timeout=5,
    )
    assert words in assert_error(resp, 400, "json_tidak_sah")["message"]


def test_item_requests_need_a_valid_idempotency_key(receiver: InThread) -> None:
    api, payload = receiver.api, make_payload("item-uji")
    url = f"{api.base}/items/item-uji"
    plain = api.session.put(url, json=payload, timeout=5)
    assert_error(plain, 400, "kunci_idempotensi_wajib")
    for key in ("k" * 201, "kunci\tdengan tab"):
        resp = api.session.put(url, json=payload, headers={"Idempotency-Key": key}, timeout=5)
        assert_error(resp, 400, "kunci_idempotensi_tidak_sah")
    assert api.put_item(payload, key="k" * 200).status_code == 201
    delete = api.session.delete(url, json={"alasan": "x"}, timeout=5)
    assert_error(delete, 400, "kunci_idempotensi_wajib")


def test_item_body_must_be_json_and_at_most_1_mib(receiver: InThread) -> None:
    api = receiver.api
    url = f"{api.base}/items/item-uji"
    text = api.session.put(
        url, data=b"{}", headers={"Content-Type": "text/plain", "Idempotency-Key": "k"}, timeout=5
    )
    assert_error(text, 415, "jenis_konten_tidak_sah")
    huge = make_payload("item-uji", catatan_perubahan="x" * (1024 * 1024))
    assert_error(api.put_item(huge), 413, "terlalu_besar")
    assert api.list().json() == {"items": []}  # the connection carried on


# -- idempotency -------------------------------------------------------------------------------


def test_replaying_a_key_returns_the_stored_answer_and_changes_nothing(receiver: InThread) -> None:
    api, store = receiver.api, receiver.running.store
    first = make_payload("item-uji")
    created = api.put_item(first, key="kunci-1")
    assert created.status_code == 201 and "Idempotent-Replayed" not in created.headers
    second = make_payload("item-uji", judul="Judul yang diperbaiki")
    assert api.put_item(second, key="kunci-2").json()["version"] == 2
    replay = api.put_item(first, key="kunci-1")  # an old retry arriving late
    assert replay.status_code == 201
    assert replay.content == created.content
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert store.items(OPD)["item-uji"]["hash"] == second["hash"]  # not rolled back
    assert len(store.history(OPD, "item-uji")) == 2
    withdrawn = api.delete("item-uji", "Ditarik untuk uji", key="kunci-3")
    again = api.delete("item-uji", "Ditarik untuk uji", key="kunci-3")
    assert (again.status_code, again.content) == (withdrawn.status_code, withdrawn.content)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(store.history(OPD, "item-uji")) == 3


def test_a_key_reused_for_another_request_is_a_conflict(receiver: InThread) -> None:
    api = receiver.api
    assert api.put_item(make_payload("item-uji"), key="kunci-sama").status_code == 201
    other = make_payload("item-uji", judul="Judul lain sama sekali")
    assert_error(api.put_item(other, key="kunci-sama"), 422, "kunci_idempotensi_bentrok")
    assert_error(
        api.delete("item-uji", "alasan", key="kunci-sama"), 422, "kunci_idempotensi_bentrok"
    )
    assert receiver.running.store.items(OPD)["item-uji"]["status"] == "terbit"
    # Keys belong to one OPD: another OPD may use the same one.
    elsewhere = Api(receiver.url, opd="opd-lain").put_item(other, key="kunci-sama")
    assert elsewhere.status_code == 201


def test_failed_requests_do_not_use_up_their_key(receiver: InThread) -> None:
    api, data = receiver.api, pdf("nanti")
    payload = make_payload("item-uji", files={"nanti.pdf": data})
    assert api.put_item(payload, key="kunci-ulang").status_code == 409
    api.put_file(data)
    retried = api.put_item(payload, key="kunci-ulang")
    assert retried.status_code == 201 and "Idempotent-Replayed" not in retried.headers


def test_concurrent_requests_with_one_key_write_once(receiver: InThread) -> None:
    payloads = [make_payload("item-uji", judul=f"Judul berbeda nomor {n}") for n in range(8)]
    same = make_payload("item-uji")
    answers: list[requests.Response] = []

    def send(payload: dict[str, Any]) -> None:
        answers.append(Api(receiver.url).put_item(payload, key="kunci-balapan"))

    threads = [threading.Thread(target=send, args=(p,)) for p in [same] * 4 + payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ok = [a for a in answers if a.status_code == 201]
    assert len({a.content for a in ok}) == 1  # every 201 is the one stored answer
    assert all(a.status_code in (201, 422) for a in answers)
    assert len(receiver.running.store.history(OPD, "item-uji")) == 1


# -- withdrawal --------------------------------------------------------------------------------


def test_withdrawal_keeps_the_item_and_its_history(receiver: InThread) -> None:
    api, store = receiver.api, receiver.running.store
    payload = make_payload("renja-2025-rancangan")
    assert api.put_item(payload).status_code == 201
    gone = api.delete("renja-2025-rancangan", "Digantikan oleh Renja 2025 yang ditetapkan")
    assert gone.status_code == 200
    assert gone.json() == {
        "id": "renja-2025-rancangan",
        "hash": payload["hash"],
        "status": "ditarik",
        "version": 2,
    }
    twice = api.delete("renja-2025-rancangan", "Alasan kedua")
    assert twice.status_code == 200 and twice.json()["version"] == 2
    held = store.items(OPD)["renja-2025-rancangan"]
    assert held["status"] == "ditarik" and held["alasan"].startswith("Digantikan")
    back = api.put_item(payload)  # published again: a new version
    assert back.status_code == 200 and back.json()["version"] == 3
    history = store.history(OPD, "renja-2025-rancangan")
    assert [(h["version"], h["status"], h["alasan"]) for h in history] == [
        (1, "terbit", None),
        (2, "ditarik", "Digantikan oleh Renja 2025 yang ditetapkan"),
        (3, "terbit", None),
    ]


def test_withdrawing_an_unknown_item_is_404(receiver: InThread) -> None:
    assert_error(receiver.api.delete("tidak-pernah-ada", "alasan"), 404, "tidak_ada")


@pytest.mark.parametrize("body", [{}, {"alasan": ""}, {"alasan": "   "}, {"alasan": "x" * 2001},
                                  {"alasan": "ok", "lain": 1}, {"alasan": 5}])  # fmt: skip
def test_withdrawal_needs_a_reason(receiver: InThread, body: dict[str, Any]) -> None:
    api = receiver.api
    api.put_item(make_payload("item-uji"))
    resp = api.session.delete(
        f"{api.base}/items/item-uji", json=body, headers={"Idempotency-Key": "k"}, timeout=5
    )
    assert "$" in assert_error(resp, 422, "payload_tidak_sah")["message"]
    assert receiver.running.store.items(OPD)["item-uji"]["status"] == "terbit"


# -- HTTP behaviour ----------------------------------------------------------------------------


def test_keep_alive_with_a_content_length_on_every_answer(receiver: InThread) -> None:
    parts = urlsplit(receiver.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    requests_made = [
        ("GET", "/healthz", None, {}),
        ("GET", f"/api/v1/opd/{OPD}/items", None, headers),
        ("GET", f"/api/v1/opd/{OPD}/items", None, {}),  # 401
        ("HEAD", f"/api/v1/opd/{OPD}/files/{'c' * 64}", None, headers),  # 404, no body
        ("PUT", f"/api/v1/opd/{OPD}/items/item-uji", b"{}", {**headers, "Idempotency-Key": "k",
                                                            "Content-Type": "application/json"}),
        ("GET", "/", None, {}),
        ("GET", "/tidak-ada", None, {}),
    ]  # fmt: skip
    sock = None
    statuses = []
    for method, path, body, extra in requests_made:
        conn.request(method, path, body=body, headers=extra)
        resp = conn.getresponse()
        content = resp.read()
        statuses.append(resp.status)
        assert resp.getheader("Content-Length") is not None
        if method != "HEAD":
            assert int(resp.getheader("Content-Length", "-1")) == len(content)
        assert sock is None or conn.sock is sock, f"connection closed after {method} {path}"
        sock = conn.sock
    assert statuses == [200, 200, 401, 404, 422, 200, 404]
    conn.close()


def test_malformed_requests_get_an_indonesian_json_answer(receiver: InThread) -> None:
    for data, status in (
        (b"GET / lebih HTTP/1.1\r\n\r\n", 400),
        (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % n for n in range(120)) + b"\r\n", 431),
        (b"BREW / HTTP/1.1\r\nHost: uji\r\n\r\n", 501),
    ):
        resp = raw_request(receiver.url, data)
        assert resp.status == status
        assert resp.getheader("Content-Type") == JSON
        body = json.loads(resp.read())
        assert set(body) == {"error", "message"} and "Traceback" not in body["message"]


def test_an_internal_error_is_a_json_500_and_is_logged(
    receiver: InThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(opd: str) -> list[tuple[str, str, str]]:
        raise RuntimeError("kerusakan-dalam-uji")

    monkeypatch.setattr(receiver.running.store, "item_states", broken)
    resp = receiver.api.list()
    assert_error(resp, 500, "galat_internal")
    assert "kerusakan-dalam-uji" not in resp.text
    assert "RuntimeError: kerusakan-dalam-uji" in receiver.log.getvalue()
    monkeypatch.undo()
    assert requests.get(f"{receiver.url}/healthz", timeout=5).status_code == 200


def test_a_stalled_client_is_disconnected(receiver: InThread) -> None:
    parts = urlsplit(receiver.url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=20)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: ")  # ...and nothing more
    assert sock.recv(100) == b""  # the receiver (socket timeout 2 s here) hung up
    sock.close()


# -- HTML pages --------------------------------------------------------------------------------


def test_pages_list_opds_items_and_withdrawals_escaped(receiver: InThread) -> None:
    api = receiver.api
    data = pdf("lampiran publik")
    hostile = make_payload(
        "item-jahat",
        files={"laporan.pdf": data},
        judul='<script>alert("x")</script> & Laporan',
        ringkasan='Ringkasan dengan <b>tag</b> & tanda kutip "ganda".',
    )
    assert api.publish(hostile, {"laporan.pdf": data}).status_code == 201
    assert api.put_item(make_payload("item-lama", judul="Informasi yang sudah lama")).ok
    assert api.delete("item-lama", "Diganti <i>versi</i> baru").ok
    home = requests.get(f"{receiver.url}/", timeout=5)
    assert home.status_code == 200 and home.headers["Content-Type"].startswith("text/html")
    assert 'href="opd/uji/"' in home.text and '>1</td><td data-label="Ditarik">1</td>' in home.text
    assert 'lang="id"' in home.text and "WIB" in home.text
    page = requests.get(f"{receiver.url}/opd/{OPD}/", timeout=5)
    assert page.status_code == 200
    html = page.text
    assert "<script>" not in html and "<b>tag</b>" not in html and "<i>versi</i>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Laporan" in html
    assert f'href="../../berkas/{sha(data)}"' in html
    assert "Informasi yang ditarik (1)" in html
    assert "Diganti &lt;i&gt;versi&lt;/i&gt; baru" in html
    assert "http://" not in html and "https://" not in html  # no external request
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]


def test_download_serves_only_files_of_published_items(receiver: InThread) -> None:
    api = receiver.api
    public, withdrawn = pdf("publik"), pdf("ditarik")
    assert api.publish(
        make_payload("item-publik", files={"publik.pdf": public}), {"publik.pdf": public}
    ).ok
    assert api.publish(
        make_payload("item-ditarik", files={"ditarik.pdf": withdrawn}), {"ditarik.pdf": withdrawn}
    ).ok
    assert api.delete("item-ditarik", "Memuat data yang tidak boleh diumumkan").ok
    api.put_file(pdf("tanpa item"))
    got = requests.get(f"{receiver.url}/berkas/{sha(public)}", timeout=5)
    assert got.status_code == 200 and got.content == public
    assert got.headers["Content-Type"] == "application/pdf"
    assert got.headers["Content-Disposition"] == 'attachment; filename="publik.pdf"'
    head = requests.head(f"{receiver.url}/berkas/{sha(public)}", timeout=5)
    assert head.headers["Content-Length"] == str(len(public)) and head.content == b""
    for data in (withdrawn, pdf("tanpa item"), pdf("tidak pernah diunggah")):
        missing = requests.get(f"{receiver.url}/berkas/{sha(data)}", timeout=5)
        assert missing.status_code == 404 and "tidak ditemukan" in missing.text


def test_unknown_pages_are_404_in_indonesian(receiver: InThread) -> None:
    for path in ("/tidak-ada", "/opd/opd-kosong/", "/berkas/zz"):
        resp = requests.get(f"{receiver.url}{path}", timeout=5)
        assert resp.status_code == 404
        assert "Halaman tidak ditemukan" in resp.text
    moved = requests.get(f"{receiver.url}/opd/{OPD}", allow_redirects=False, timeout=5)
    assert moved.status_code == 308 and moved.headers["Location"] == f"/opd/{OPD}/"
    post = requests.post(f"{receiver.url}/", timeout=5)
    assert post.status_code == 405


# -- the store survives ------------------------------------------------------------------------


def test_restart_keeps_data_and_removes_unfinished_uploads(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with start_in_thread(data_dir, TOKEN, ROOT / "schema") as first:
        assert Api(first.url).put_item(make_payload("item-uji")).status_code == 201
    leftover = data_dir / "tmp" / "unggah-sisa"
    leftover.write_bytes(b"setengah")
    with start_in_thread(data_dir, TOKEN, ROOT / "schema") as second:
        assert not leftover.exists()
        assert [i["id"] for i in Api(second.url).list().json()["items"]] == ["item-uji"]


def test_idempotency_keys_are_forgotten_after_30_days(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    payload = make_payload("item-uji")
    with start_in_thread(data_dir, TOKEN, ROOT / "schema") as first:
        api = Api(first.url)
        assert api.put_item(payload, key="kunci-lama").status_code == 201
        assert api.put_item(payload, key="kunci-baru").status_code == 200
    with sqlite3.connect(data_dir / "receiver.sqlite3") as db:
        db.execute("UPDATE idempotency SET created_at = '2020-01-01T00:00:00Z' WHERE key = ?",
                   ("kunci-lama",))  # fmt: skip
    with start_in_thread(data_dir, TOKEN, ROOT / "schema") as second:
        api = Api(second.url)
        fresh = api.put_item(payload, key="kunci-lama")  # forgotten: answered anew
        assert fresh.status_code == 200 and "Idempotent-Replayed" not in fresh.headers
        kept = api.put_item(payload, key="kunci-baru")
        assert kept.headers["Idempotent-Replayed"] == "true"


def test_one_data_folder_serves_one_receiver(receiver: InThread) -> None:
    with pytest.raises(ConfigError, match="sedang dipakai"):
        start_in_thread(receiver.data, TOKEN, ROOT / "schema")
    # Reading the store from elsewhere (tests, tools) is fine meanwhile.
    assert Store(receiver.data).items(OPD) == {}


def test_sigkill_during_uploads_leaves_a_consistent_store(receiver_proc: ReceiverProcess) -> None:
    api = receiver_proc.api()
    items = []
    for n in range(4):
        data = pdf(f"besar {n}", size=400_000)
        items.append((make_payload(f"item-{n:02d}", files={f"berkas-{n}.pdf": data}), data))
    for payload, data in items:
        assert api.publish(payload, {"x": data}).status_code == 201
    # An updater rewrites items as fast as it can while we kill the receiver.
    acked: dict[str, list[str]] = {}
    sent: dict[str, list[str]] = {}
    stop = threading.Event()

    def updater() -> None:
        """New file, then the item pointing at it, as fast as it goes."""
        own = Api(receiver_proc.url)
        for n in range(10_000):
            if stop.is_set():
                return
            data = pdf(f"versi {n}", size=30_000)
            payload = make_payload(
                f"item-{n % 4:02d}", files={f"berkas-{n % 4}.pdf": data}, judul=f"Judul versi {n}"
            )
            sent.setdefault(payload["id"], []).append(payload["hash"])
            try:
                if (
                    own.put_file(data).status_code != 201
                    or own.put_item(payload).status_code != 200
                ):
                    return
            except requests.RequestException:
                return
            acked.setdefault(payload["id"], []).append(payload["hash"])

    thread = threading.Thread(target=updater)
    thread.start()
    # A file upload stalls halfway, so a temporary file exists when the kill lands.
    partial = pdf("setengah", size=800_000)
    parts = urlsplit(receiver_proc.url)
    stalled = socket.create_connection((parts.hostname, parts.port), timeout=10)
    stalled.sendall(
        (
            f"PUT /api/v1/opd/{OPD}/files/{sha(partial)} HTTP/1.1\r\nHost: uji\r\n"
            f"{auth_header()}Content-Length: {len(partial)}\r\n\r\n"
        ).encode()
        + partial[:400_000]
    )
    tmp_dir = receiver_proc.data / "tmp"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (
        sum(len(v) for v in acked.values()) < 20
        or not any(p.stat().st_size > 0 for p in tmp_dir.iterdir())
    ):
        time.sleep(0.01)
    receiver_proc.kill()
    stop.set()
    thread.join(timeout=20)
    stalled.close()
    assert any(tmp_dir.iterdir()), "the kill was meant to land during an upload"

    with sqlite3.connect(receiver_proc.data / "receiver.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    receiver_proc.restart()
    assert list(tmp_dir.iterdir()) == []
    store = Store(receiver_proc.data)
    assert store.check() == "ok"
    held = store.items(OPD)
    assert sorted(held) == [p["id"] for p, _ in items]
    for item_id, there in held.items():
        hashes = sent.get(item_id, [])
        done = acked.get(item_id, [])
        # The last acknowledged write survived, or the one in flight at the kill committed.
        allowed = {done[-1]} if done else {p["hash"] for p, _ in items if p["id"] == item_id}
        if len(hashes) > len(done):
            allowed.add(hashes[len(done)])
        assert there["hash"] in allowed, item_id
        history = store.history(OPD, item_id)
        assert [h["version"] for h in history] == list(range(1, len(history) + 1))
        for entry in there["payload"]["lampiran"]:
            stored = store.file_path(entry["sha256"])
            assert hashlib.sha256(stored.read_bytes()).hexdigest() == entry["sha256"]
    # After the restart everything still works: the stalled upload can be completed.
    assert receiver_proc.api().head_file(sha(partial)).status_code == 404
    assert receiver_proc.api().put_file(partial).status_code == 201
    assert receiver_proc.stop() == 0


# -- dip sikedip serve -------------------------------------------------------------------------


def test_serve_refuses_to_start_without_a_token(dip: Any, sikedip_project: Path) -> None:
    out = dip("sikedip", "serve", "--port", "0", cwd=sikedip_project, env={"SIKEDIP_TOKEN": ""})
    assert out.returncode == 2
    assert "SIKEDIP_TOKEN" in out.stderr and "--dev" in out.stderr
    assert "Traceback" not in out.stderr


def test_dev_mode_is_only_for_loopback(dip: Any, sikedip_project: Path) -> None:
    out = dip("sikedip", "serve", "--dev", "--host", "0.0.0.0", "--port", "0", cwd=sikedip_project)
    assert out.returncode == 2 and "loopback" in out.stderr


def test_dev_mode_on_loopback_needs_no_token(sikedip_project: Path, tmp_path: Path) -> None:
    proc = ReceiverProcess(sikedip_project, tmp_path / "dev", tmp_path / "dev.log", token="")
    proc.start("--dev")
    try:
        assert any("tidak memerlukan token" in line for line in _settled(proc.lines))
        assert Api(proc.url, token=None).list().json() == {"items": []}
    finally:
        assert proc.stop(signal.SIGINT) == 0  # Ctrl+C stops cleanly too


def _settled(lines: list[str]) -> list[str]:
    time.sleep(0.2)  # stdout after the first line is read by a background thread
    return lines


def test_serve_stops_cleanly_on_sigterm(receiver_proc: ReceiverProcess) -> None:
    assert receiver_proc.api().list().status_code == 200
    assert receiver_proc.stop(signal.SIGTERM) == 0
    assert "Penerima Sikedip berhenti." in "".join(_settled(receiver_proc.lines))
    assert any(str(receiver_proc.data) in line for line in receiver_proc.lines)


def test_serve_on_a_port_in_use_explains_it(dip: Any, sikedip_project: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = str(taken.getsockname()[1])
    try:
        out = dip("sikedip", "serve", "--port", port, cwd=sikedip_project,
                  env={"SIKEDIP_TOKEN": TOKEN})  # fmt: skip
    finally:
        taken.close()
    assert out.returncode == 2 and "sudah dipakai" in out.stderr


def test_serve_refuses_a_data_folder_in_use(
    receiver_proc: ReceiverProcess, dip: Any, sikedip_project: Path
) -> None:
    out = dip("sikedip", "serve", "--port", "0", "--data", str(receiver_proc.data),
              cwd=sikedip_project, env={"SIKEDIP_TOKEN": TOKEN})  # fmt: skip
    assert out.returncode == 2 and "sedang dipakai" in out.stderr


def test_serve_without_the_contract_file_explains_it(dip: Any, sikedip_project: Path) -> None:
    (sikedip_project / "schema" / "sikedip.openapi.yaml").unlink()
    out = dip("sikedip", "serve", "--port", "0", cwd=sikedip_project, env={"SIKEDIP_TOKEN": TOKEN})
    assert out.returncode == 2 and "sikedip.openapi.yaml" in out.stderr
    assert "Traceback" not in out.stderr


def test_serve_default_data_folder_is_in_the_project(sikedip_project: Path) -> None:
    env = {**os.environ, "SIKEDIP_TOKEN": TOKEN}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "--proyek", str(sikedip_project), "sikedip",
         "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert proc.stdout is not None
    lines = [proc.stdout.readline(), proc.stdout.readline()]
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=15)
    assert proc.returncode == 0
    default = sikedip_project.resolve() / ".dip" / "sikedip"
    assert lines[1].strip() == f"Data disimpan di {default}"
    assert (default / "receiver.sqlite3").is_file()


def test_serve_help_is_in_indonesian(dip: Any, sikedip_project: Path) -> None:
    out = dip("sikedip", "serve", "--help", cwd=sikedip_project)
    assert out.returncode == 0
    assert "Penggunaan: dip sikedip serve [OPSI]" in out.stdout
    assert "SIKEDIP_TOKEN" in out.stdout and "--dev" in out.stdout
    for english in ("Usage", "Options", "Show this message", "default:"):
        assert english not in out.stdout
