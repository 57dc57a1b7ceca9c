"""The push plan and the payload hash: pure functions, no server."""

from __future__ import annotations

from pathlib import Path

from pipeline.sikedip.client import Remote
from pipeline.sikedip.payload import canonical_json, payload_hash
from pipeline.sikedip.plan import GONE_REASON, make_plan, needed_files


def payload(item_id: str, text: str = "a", status: str = "terbit", **extra: object) -> dict:
    data: dict = {"id": item_id, "judul": text, "status": status, **extra}
    if status == "ditarik":
        data["penarikan"] = {"tanggal": "2026-01-02", "alasan": "Diganti dokumen baru"}
    data["hash"] = payload_hash(data)
    return data


def test_canonical_json_is_sorted_compact_utf8() -> None:
    assert canonical_json({"b": [1, "é"], "a": {"d": 1, "c": 2}}) == (
        '{"a":{"c":2,"d":1},"b":[1,"é"]}'.encode()
    )


def test_hash_ignores_its_own_field_and_key_order() -> None:
    one = {"id": "abc", "judul": "x", "tahun": 2020}
    two = {"tahun": 2020, "judul": "x", "id": "abc", "hash": "whatever"}
    assert payload_hash(one) == payload_hash(two)
    assert payload_hash(one) != payload_hash({**one, "tahun": 2021})
    assert payload_hash(one) != payload_hash({**one, "tahun": "2020"})


def test_plan_classifies_every_case() -> None:
    same, changed, new = payload("sama-saja"), payload("berubah", "baru"), payload("item-baru")
    back = payload("kembali-terbit")
    withdrawn_there = payload("ditarik-lokal", status="ditarik")
    never_sent = payload("ditarik-tak-pernah", status="ditarik")
    remote = [
        Remote("sama-saja", same["hash"], "terbit"),
        Remote("berubah", payload("berubah", "lama")["hash"], "terbit"),
        Remote("kembali-terbit", back["hash"], "ditarik"),
        Remote("ditarik-lokal", "0" * 64, "terbit"),
        Remote("hilang-dari-konten", "1" * 64, "terbit"),
        Remote("sudah-ditarik-hilang", "2" * 64, "ditarik"),
    ]
    plan = make_plan([same, changed, new, back, withdrawn_there, never_sent], remote)
    kinds = {a.id: a.kind for a in plan.actions}
    assert kinds == {
        "berubah": "update",
        "item-baru": "create",
        "kembali-terbit": "update",
        "ditarik-lokal": "withdraw",
        "hilang-dari-konten": "withdraw",
    }
    assert plan.unchanged == 2  # sama-saja, ditarik-tak-pernah
    reasons = {a.id: a.alasan for a in plan.of("withdraw")}
    assert reasons == {"ditarik-lokal": "Diganti dokumen baru", "hilang-dari-konten": GONE_REASON}
    # Items before withdrawals, as the contract orders them.
    assert [a.kind for a in plan.actions][-2:] == ["withdraw", "withdraw"]
    assert plan.counts() == {"create": 1, "update": 2, "withdraw": 2, "unchanged": 2}


def test_needed_files_are_distinct_and_name_their_items(tmp_path: Path) -> None:
    entry = {"berkas": "a.pdf", "sha256": "a" * 64, "size": 3}
    one = payload("satu-item", lampiran=[entry])
    two = payload("dua-item", lampiran=[{**entry, "berkas": "salinan.pdf"}])
    plan = make_plan([one, two, payload("tiga-item")], [])
    needs = needed_files(plan, tmp_path)
    assert len(needs) == 1
    assert needs[0].items == ("dua-item", "satu-item")
    assert needs[0].size == 3
