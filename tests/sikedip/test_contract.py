"""schema/sikedip.openapi.yaml: valid OpenAPI 3.1, examples that obey it, and an
ItemPayload that cannot drift from schema/item.schema.json."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from pipeline.project import load_config
from pipeline.sikedip import receiver as receiver_module
from pipeline.sikedip.payload import FILE_KEYS, PAYLOAD_KEYS, load_payloads, payload_hash
from pipeline.sikedip.receiver import Contract

from .conftest import ROOT, TOKEN, InThread, make_payload

SCHEMA_DIR = ROOT / "schema"
OPENAPI = SCHEMA_DIR / "sikedip.openapi.yaml"
ITEM_REF = "./item.schema.json"
METHODS = ("get", "head", "put", "delete", "post", "patch", "options")


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract(SCHEMA_DIR)


@pytest.fixture(scope="module")
def item_schema() -> dict[str, Any]:
    return dict(json.loads((SCHEMA_DIR / "item.schema.json").read_text(encoding="utf-8")))


def component(contract: Contract, name: str) -> dict[str, Any]:
    return dict(contract.document["components"]["schemas"][name])


def test_the_document_is_valid_openapi_3_1() -> None:
    document = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.1")
    # base_uri: the validator follows ./item.schema.json from disk, so a broken reference
    # into the item schema fails here too.
    validate(document, base_uri=OPENAPI.as_uri(), cls=OpenAPIV31SpecValidator)


def test_the_validator_notices_a_broken_reference() -> None:
    """The check above does follow references into item.schema.json."""
    text = OPENAPI.read_text(encoding="utf-8").replace(
        f"'{ITEM_REF}#/properties/judul'", f"'{ITEM_REF}#/properties/tidak_ada'"
    )
    with pytest.raises(Exception, match="tidak_ada"):
        validate(yaml.safe_load(text), base_uri=OPENAPI.as_uri(), cls=OpenAPIV31SpecValidator)


def test_security_servers_and_every_operation(contract: Contract) -> None:
    document = contract.document
    assert document["components"]["securitySchemes"]["bearer"] == {
        **document["components"]["securitySchemes"]["bearer"],
        "type": "http",
        "scheme": "bearer",
    }
    assert document["security"] == [{"bearer": []}]
    assert [s["url"] for s in document["servers"]] == ["http://127.0.0.1:8765"]
    operations = {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in METHODS
    }
    assert operations == {
        ("GET", "/api/v1/opd/{opd}/items"),
        ("HEAD", "/api/v1/opd/{opd}/files/{sha256}"),
        ("PUT", "/api/v1/opd/{opd}/files/{sha256}"),
        ("PUT", "/api/v1/opd/{opd}/items/{id}"),
        ("DELETE", "/api/v1/opd/{opd}/items/{id}"),
        ("GET", "/healthz"),
        ("GET", "/"),
        ("GET", "/opd/{opd}/"),
        ("GET", "/berkas/{sha256}"),
    }
    public = {p for p, item in document["paths"].items() if not p.startswith("/api/")}
    for path in public:
        assert document["paths"][path]["get"]["security"] == []


# -- examples ----------------------------------------------------------------------------------


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _resolve(document: dict[str, Any], node: Any, pointer: str) -> tuple[Any, str]:
    """Follow a local $ref (OpenAPI objects other than schemas); return node and pointer."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        pointer = ref[1:]
        node = document
        for part in pointer.split("/")[1:]:
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node, pointer


def examples(document: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(where, JSON pointer of the schema, example value) for every example in the document."""

    def media(content: dict[str, Any], pointer: str, where: str) -> Iterator[tuple[str, str, Any]]:
        for kind, entry in content.items():
            at = f"{pointer}/content/{_escape(kind)}"
            for name, example in entry.get("examples", {}).items():
                value, _ = _resolve(document, example, f"{at}/examples/{name}")
                yield f"{where} {kind} {name}", f"{at}/schema", value["value"]

    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            base = f"/paths/{_escape(path)}/{method}"
            where = f"{method.upper()} {path}"
            if "requestBody" in operation:
                body, pointer = _resolve(document, operation["requestBody"], f"{base}/requestBody")
                yield from media(body["content"], pointer, f"{where} permintaan")
            for status, answer in operation["responses"].items():
                answer, pointer = _resolve(document, answer, f"{base}/responses/{status}")
                yield from media(answer.get("content", {}), pointer, f"{where} {status}")
                for header, spec in answer.get("headers", {}).items():
                    spec, at = _resolve(document, spec, f"{pointer}/headers/{header}")
                    if "example" in spec:
                        yield f"{where} {status} {header}", f"{at}/schema", spec["example"]
    components = document["components"]
    for name, parameter in components["parameters"].items():
        at = f"/components/parameters/{name}/schema"
        yield f"parameter {name}", at, parameter["example"]
    for name, schema in components["schemas"].items():
        for n, value in enumerate(schema.get("examples", [])):
            yield f"skema {name} contoh {n}", f"/components/schemas/{name}", value


def test_every_example_obeys_its_schema(contract: Contract) -> None:
    found = list(examples(contract.document))
    assert len(found) >= 40  # the walk really reaches the examples
    wrong = []
    for where, pointer, value in found:
        validator = contract.validator(pointer)
        errors = [e.message for e in validator.iter_errors(value)]
        if errors:
            wrong.append(f"{where}: {errors[:2]}")
    assert wrong == []


def test_an_example_that_breaks_its_schema_is_caught(contract: Contract) -> None:
    validator = contract.validator("/components/schemas/ItemResult")
    assert not validator.is_valid({"id": "dpa-2025", "hash": "x", "status": "terbit"})


def test_every_operation_has_examples(contract: Contract) -> None:
    covered = {where.split(" ")[0] + " " + where.split(" ")[1] for where, _, _ in
               examples(contract.document)}  # fmt: skip
    for path, item in contract.document["paths"].items():
        for method in item:
            if method in METHODS and method != "head":  # HEAD answers have no body
                assert f"{method.upper()} {path}" in covered


def test_the_example_item_is_a_real_payload(contract: Contract) -> None:
    example = contract.document["components"]["examples"]["ItemDpa2025"]["value"]
    assert payload_hash(example) == example["hash"]
    assert contract.validator("/components/schemas/ItemPayload").is_valid(example)


# -- ItemPayload against the content and the item schema ---------------------------------------


def test_every_sample_item_validates_against_item_payload(contract: Contract) -> None:
    loaded = load_payloads(load_config(ROOT), jobs=1)
    assert loaded.problems == []
    assert len(loaded.payloads) == loaded.items_checked > 0
    validator = contract.validator("/components/schemas/ItemPayload")
    wrong = {
        p["id"]: [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(p)]
        for p in loaded.payloads
        if not validator.is_valid(p)
    }
    assert wrong == {}
    assert {p["status"] for p in loaded.payloads} == {"terbit", "ditarik"}


def test_item_payload_properties_are_the_item_schema_plus_id_and_hash(
    contract: Contract, item_schema: dict[str, Any]
) -> None:
    payload = component(contract, "ItemPayload")
    assert payload["additionalProperties"] is False
    assert set(payload["properties"]) == set(item_schema["properties"]) | set(PAYLOAD_KEYS)
    assert set(payload["required"]) == set(item_schema["required"]) | set(PAYLOAD_KEYS)
    for name in item_schema["properties"]:
        if name != "lampiran":
            assert payload["properties"][name] == {"$ref": f"{ITEM_REF}#/properties/{name}"}


def test_item_payload_lampiran_is_the_item_schema_plus_file_keys(
    contract: Contract, item_schema: dict[str, Any]
) -> None:
    ours = component(contract, "ItemPayload")["properties"]["lampiran"]
    theirs = item_schema["properties"]["lampiran"]
    assert ours["type"] == theirs["type"] == "array"
    assert ours["maxItems"] == theirs["maxItems"]
    entry, their_entry = ours["items"], theirs["items"]
    assert entry["additionalProperties"] is False
    assert set(entry["properties"]) == set(their_entry["properties"]) | set(FILE_KEYS)
    assert set(entry["required"]) == set(their_entry["required"]) | set(FILE_KEYS)
    for name in their_entry["properties"]:
        ref = f"{ITEM_REF}#/properties/lampiran/items/properties/{name}"
        assert entry["properties"][name] == {"$ref": ref}


def test_item_payload_keeps_every_item_conditional(
    contract: Contract, item_schema: dict[str, Any]
) -> None:
    refs = [entry["$ref"] for entry in component(contract, "ItemPayload")["allOf"]]
    assert refs == [f"{ITEM_REF}#/allOf/{i}" for i in range(len(item_schema["allOf"]))]


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.pop("subkategori"),  # item allOf/0, through the reference
        lambda p: p.update(kategori="dikecualikan") or p.pop("subkategori"),  # allOf/3
        lambda p: p.update(judul="abc"),  # item properties, through the reference
        lambda p: p.update(tahun="2019"),
        lambda p: p.update(waktu_pembuatan="2019-09-30\n"),  # ECMA-262 `$`, as dip check
        lambda p: p.update(warna="merah"),
        lambda p: p.pop("hash"),
        lambda p: p["lampiran"][0].pop("sha256"),
        lambda p: p["lampiran"][0].update(size=-1),
        lambda p: p["lampiran"][0].update(sumber="fotokopi"),
        lambda p: p["lampiran"][0].update(catatan="tidak dikenal"),
    ],
)
def test_item_payload_refuses_what_the_item_schema_refuses(contract: Contract, change: Any) -> None:
    payload = make_payload("item-uji", files={"a.pdf": b"%PDF-1.4 uji"})
    validator = contract.validator("/components/schemas/ItemPayload")
    quick = contract.quick_check("/components/schemas/ItemPayload")
    assert validator.is_valid(payload) and quick(payload)
    change(payload)
    assert not validator.is_valid(payload)
    assert not quick(payload)  # the receiver's compiled fast path gives the same verdict


def test_the_fast_path_agrees_on_every_sample_item(contract: Contract) -> None:
    quick = contract.quick_check("/components/schemas/ItemPayload")
    validator = contract.validator("/components/schemas/ItemPayload")
    payloads = load_payloads(load_config(ROOT), jobs=1).payloads
    example = contract.document["components"]["examples"]["ItemDpa2025"]["value"]
    for payload in [*payloads, example, {**example, "tahun": 1900}, {**example, "id": "X"}]:
        assert quick(payload) == validator.is_valid(payload), payload.get("id")
    assert "$ref" not in json.dumps(contract.dereferenced("/components/schemas/ItemPayload"))


# -- the receiver follows the document ---------------------------------------------------------


def test_error_codes_in_the_receiver_are_the_documented_ones(contract: Contract) -> None:
    documented = set(component(contract, "Error")["properties"]["error"]["enum"])
    source = Path(receiver_module.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r'error\(\s*\d{3},\s*"([a-z_]+)"', source))
    used |= set(re.findall(r'"error": "([a-z_]+)"', source))
    used |= {code for code, _ in receiver_module._STATUS_ERRORS.values()}
    assert len(used) > 10
    assert used == documented


def test_path_patterns_in_the_receiver_are_the_documented_ones(contract: Contract) -> None:
    for name, pattern in (
        ("OpdId", receiver_module.OPD),
        ("ItemId", receiver_module.ITEM_ID),
        ("Sha256", receiver_module.SHA256),
        ("IdempotencyKey", receiver_module.IDEMPOTENCY_KEY),
    ):
        documented = component(contract, name)["pattern"]
        if name == "IdempotencyKey":
            schema = component(contract, name)
            counted = "{" + f"{schema['minLength']},{schema['maxLength']}" + "}"
            documented = documented.replace("+", counted)
        assert documented == f"^{pattern.pattern}$", name
    withdrawal = component(contract, "Withdrawal")["properties"]["alasan"]
    assert (withdrawal["minLength"], withdrawal["maxLength"]) == (1, 2000)


def test_every_documented_operation_is_served(receiver: InThread) -> None:
    document = Contract(SCHEMA_DIR).document
    values = {"{opd}": "disdukcapil-kalbar", "{id}": "dpa-2025", "{sha256}": "a" * 64}
    headers = {"Authorization": f"Bearer {TOKEN}", "Idempotency-Key": "k"}
    session = receiver.api.session
    for path, item in document["paths"].items():
        url = path
        for key, value in values.items():
            url = url.replace(key, value)
        for method in item:
            if method not in METHODS:
                continue
            resp = session.request(method, f"{receiver.url}{url}", headers=headers, timeout=5)
            assert resp.status_code != 405, (method, path)
            assert str(resp.status_code) in item[method]["responses"], (method, path, resp.text)
