"""The Decap CMS configuration follows the item schema and the units, field by field.

`check_fields` walks the schema and the generated fields side by side: a schema change the
generator does not follow fails here (the last tests prove it can fail).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, TODAY

from pipeline.formulir.config import (
    ENUM_LABELS,
    FORM_NOTES,
    LOCAL_URL,
    SLUG_LENGTH,
    SLUG_SETTINGS,
    SLUG_TEMPLATE,
    UnsupportedField,
    config_yaml,
    decap_config,
    form_text,
    markdown_escape,
)
from pipeline.item import ITEM_ID
from pipeline.project import Config, ConfigError, Unit, load_config, load_units
from pipeline.schema import EcmaValidator, load_schema
from pipeline.yamlsafe import parse

REPO = "disdukcapil-kalbar/dip"


def _config(root: Path) -> tuple[Config, dict[str, Unit]]:
    config = load_config(root, today=TODAY)
    units, problems = load_units(config)
    assert not problems
    return config, units


def _schema(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (root / "schema" / "item.schema.json").read_text(encoding="utf-8")
    )
    return data


def _fields(generated: dict[str, Any]) -> list[dict[str, Any]]:
    (collection,) = generated["collections"]
    fields: list[dict[str, Any]] = collection["fields"]
    return fields


def _notes(schema: dict[str, Any]) -> dict[str, list[str]]:
    """What the allOf's `then` says about a property beyond its own description."""
    notes: dict[str, list[str]] = {name: [note] for name, note in FORM_NOTES.items()}
    for clause in schema.get("allOf", []):
        for name, rule in clause["then"].get("properties", {}).items():
            message = rule["x-pesan"].strip()
            notes.setdefault(name, []).append(message[0].upper() + message[1:] + ".")
    return notes


def check_fields(
    node: dict[str, Any],
    fields: list[dict[str, Any]],
    units: dict[str, Unit],
    notes: dict[str, list[str]],
    path: tuple[str, ...] = (),
    present: bool = True,
) -> None:
    """Every property of `node` is exactly one field, in order, saying what the schema says."""
    assert [f["name"] for f in fields] == list(node["properties"]), path
    required = set(node.get("required", []))
    for field, (name, sub) in zip(fields, node["properties"].items(), strict=True):
        where = ".".join((*path, name))
        assert field["label"] == sub["title"], where
        # Fields inside an optional object cannot be required (Decap validates them even
        # when the object is left empty); the checker enforces them on the pull request.
        assert field["required"] is (present and name in required), where
        extra = list(notes.get(where, []))
        if path and not present:
            extra.append(f"Wajib bila bagian {node['title']} diisi.")
        expected_hint = " ".join([form_text(sub["description"]), *extra])
        assert field["hint"] == markdown_escape(expected_hint), where
        kind = sub["type"]
        if kind == "string":
            check_string(field, sub, where, units)
        elif kind == "integer":
            assert field["widget"] == "number" and field["value_type"] == "int", where
            assert (field["min"], field["max"]) == (sub["minimum"], sub["maximum"]), where
        elif kind == "array" and "enum" in sub["items"]:
            assert field["widget"] == "select" and field["multiple"] is True, where
            assert [o["value"] for o in field["options"]] == sub["items"]["enum"], where
            assert set(ENUM_LABELS[where]) == set(sub["items"]["enum"]), where
            assert field.get("min") == sub.get("minItems"), where
            assert field.get("max") == sub.get("maxItems"), where
        elif kind == "array":
            assert field["widget"] == "list", where
            assert field.get("min") == sub.get("minItems"), where
            assert field.get("max") == sub.get("maxItems"), where
            check_fields(sub["items"], field["fields"], units, notes, (*path, name), True)
        elif kind == "object":
            assert field["widget"] == "object", where
            check_fields(sub, field["fields"], units, notes, (*path, name), field["required"])
        else:
            pytest.fail(f"{where}: schema type {kind} has no check")


def check_string(
    field: dict[str, Any], sub: dict[str, Any], where: str, units: dict[str, Unit]
) -> None:
    if where == "unit":
        assert field["widget"] == "select", where
        assert [o["value"] for o in field["options"]] == list(units)
        assert [o["label"] for o in field["options"]] == [u.nama for u in units.values()]
    elif "enum" in sub:
        assert field["widget"] == "select" and "multiple" not in field, where
        assert [o["value"] for o in field["options"]] == sub["enum"], where
        # Every value has an Indonesian label chosen by a person, not the raw key alone.
        assert set(ENUM_LABELS[where]) == set(sub["enum"]), where
        assert [o["label"] for o in field["options"]] == [
            ENUM_LABELS[where][v] for v in sub["enum"]
        ]
    elif where == "lampiran.berkas":
        assert field["widget"] == "file" and field["choose_url"] is False, where
    else:
        # A date as typed: Decap's datetime widget would rewrite it.
        assert field["widget"] in ("string", "text"), where
    if "pattern" in sub:
        assert field["pattern"][0] == sub["pattern"], where
    elif "minLength" in sub or "maxLength" in sub:
        check_length_pattern(field["pattern"][0], sub, where)
    else:
        assert "pattern" not in field, where
    if "pattern" in field:
        # A phrase inside the locale's "<label> tidak sesuai pola: <message>." sentence.
        message = field["pattern"][1]
        assert message.strip() and not message.endswith("."), where


def check_length_pattern(regex: str, sub: dict[str, Any], where: str) -> None:
    """The pattern standing in for minLength/maxLength agrees with them at the edges."""
    low, high = sub.get("minLength", 0), sub.get("maxLength")
    compiled = re.compile(regex.replace("$", r"\Z"))
    lengths = [max(low - 1, 0), low, low + 1] + ([high - 1, high, high + 1] if high else [600])
    for n in lengths:
        ok = n >= low and (high is None or n <= high)
        assert bool(compiled.search("é\n" * (n // 2) + "x" * (n % 2))) is ok, (where, n)


# --------------------------------------------------------------------------- the contract


def test_every_schema_property_is_a_field_saying_what_the_schema_says(project: Path) -> None:
    config, units = _config(project)
    schema = _schema(project)
    check_fields(schema, _fields(decap_config(config, units, local=True)), units, _notes(schema))


def test_the_project_itself_generates_the_same_form() -> None:
    """The repository's own schema and units, not only the test copy."""
    config, units = _config(ROOT)
    schema = _schema(ROOT)
    check_fields(schema, _fields(decap_config(config, units, local=True)), units, _notes(schema))


def test_unit_options_are_the_keys_of_units_yaml(project: Path) -> None:
    units_file = project / "content" / "units.yaml"
    units_file.write_text(
        units_file.read_text(encoding="utf-8")
        + "uptd_contoh:\n  nama: UPTD Contoh\n  pejabat: Kepala UPTD Contoh\n",
        encoding="utf-8",
    )
    config, units = _config(project)
    (unit,) = [f for f in _fields(decap_config(config, units, local=True)) if f["name"] == "unit"]
    assert [o["value"] for o in unit["options"]][-1] == "uptd_contoh"
    assert [o["value"] for o in unit["options"]] == list(units)


def test_conditional_fields_are_optional_with_a_hint(project: Path) -> None:
    config, units = _config(project)
    fields = {f["name"]: f for f in _fields(decap_config(config, units, local=True))}
    for name in ("subkategori", "arsip_fisik", "penarikan", "pengecualian"):
        assert fields[name]["required"] is False
        assert "Wajib" in fields[name]["hint"], name
    assert "dikecualikan" in fields["lampiran"]["hint"]
    assert "dikecualikan" in fields["tautan"]["hint"]
    assert all(f["required"] is False for f in fields["penarikan"]["fields"])


def test_backends(project: Path) -> None:
    config, units = _config(project)
    local = decap_config(config, units, local=True)
    assert local["backend"]["name"] == "proxy"
    assert local["backend"]["proxy_url"] == LOCAL_URL == "http://127.0.0.1:8081/api/v1"
    assert local["local_backend"] == {"url": LOCAL_URL}
    assert local["backend"]["branch"] == "main"

    github = decap_config(
        config, units, local=False, repo=REPO, branch="utama", base_url="https://oauth.example"
    )
    assert github["backend"]["name"] == "github"
    assert (github["backend"]["repo"], github["backend"]["branch"]) == (REPO, "utama")
    assert github["backend"]["base_url"] == "https://oauth.example"
    assert "local_backend" not in github
    assert "base_url" not in decap_config(config, units, local=False, repo=REPO)["backend"]
    for generated in (local, github):
        assert generated["publish_mode"] == "editorial_workflow"
        assert generated["locale"] == "id"
        (collection,) = generated["collections"]
        # Only the ketua publishes (by merging the reviewed pull request); nothing is deleted.
        assert collection["publish"] is False and collection["delete"] is False

    with pytest.raises(ConfigError, match="repositori"):
        decap_config(config, units, local=False)


def test_attachments_land_in_the_item_folder_as_bare_file_names(project: Path) -> None:
    config, units = _config(project)
    (collection,) = decap_config(config, units, local=True)["collections"]
    assert collection["folder"] == "content/dip"
    assert collection["path"] == "{{slug}}/item"
    assert (collection["extension"], collection["format"]) == ("yaml", "yaml")
    assert (collection["media_folder"], collection["public_folder"]) == ("", "")
    lampiran = next(f for f in collection["fields"] if f["name"] == "lampiran")
    berkas = next(f for f in lampiran["fields"] if f["name"] == "berkas")
    assert "media_folder" not in berkas and "public_folder" not in berkas


def test_yaml_is_deterministic_and_parses(project: Path) -> None:
    config, units = _config(project)
    first = config_yaml(config, units, local=False, repo=REPO)
    assert first == config_yaml(config, units, local=False, repo=REPO)
    assert first.startswith("# generated by dip — do not edit")
    assert yaml.safe_load(first) == decap_config(config, units, local=False, repo=REPO)
    # Date-like and numeric-looking strings must stay strings in Decap's YAML parser too.
    assert "path: '{{slug}}/item'" in first


def test_no_quote_advice_in_the_form(project: Path) -> None:
    config, units = _config(project)
    text = config_yaml(config, units, local=True)
    assert "tanda kutip" not in text


# --------------------------------------------------------------------------- drift


def _with_schema(project: Path, change: dict[str, Any]) -> dict[str, Any]:
    schema = _schema(project)
    new = copy.deepcopy(schema)
    new["properties"].update(change)
    (project / "schema" / "item.schema.json").write_text(json.dumps(new), encoding="utf-8")
    load_schema.cache_clear()  # read once per project root; this root's schema changed
    return new


def test_a_new_property_becomes_a_field(project: Path) -> None:
    config, units = _config(project)
    before = _fields(decap_config(config, units, local=True))
    schema = _with_schema(
        project,
        {
            "nomor_dokumen": {
                "title": "Nomor dokumen",
                "description": "Nomor surat atau keputusan, bila ada.",
                "type": "string",
                "maxLength": 100,
            }
        },
    )
    after = _fields(decap_config(config, units, local=True))
    assert after[-1]["name"] == "nomor_dokumen" and after[-1]["label"] == "Nomor dokumen"
    check_fields(schema, after, units, _notes(schema))
    # The walk fails on a form that lags behind the schema: the drift test can fail.
    with pytest.raises(AssertionError):
        check_fields(schema, before, units, _notes(schema))


def test_a_changed_title_fails_the_walk_on_the_old_form(project: Path) -> None:
    config, units = _config(project)
    before = _fields(decap_config(config, units, local=True))
    schema = _schema(project)
    schema["properties"]["judul"]["title"] = "Nama informasi"
    with pytest.raises(AssertionError):
        check_fields(schema, before, units, _notes(schema))


def test_an_unsupported_type_is_a_clear_error(project: Path) -> None:
    config, units = _config(project)
    _with_schema(project, {"rahasia": {"title": "Rahasia", "type": "boolean"}})
    with pytest.raises(UnsupportedField, match=r"'rahasia'.*boolean"):
        decap_config(config, units, local=True)


# --------------------------------------------------------------------------- JavaScript

JS_PATTERNS = """
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
// As Decap's Widget.validatePattern: RegExp(pattern).test(value), no flags.
console.log(JSON.stringify(cases.map(([pattern, samples]) => {
  const re = RegExp(pattern);
  new RegExp(pattern, 'u');  // also valid under JSON Schema's Unicode reading
  return samples.map(s => re.test(s));
})));
"""

SAMPLES = [
    "a",
    "abcd",
    "abcde",
    "x" * 301,
    "2019",
    "2019-09",
    "2019-09-30",
    "2019-09-30\n",
    "\n2019-09-30",
    "2019-9-30",
    "10 tahun",
    "permanen",
    "0 tahun",
    "10 tahun\n",
    "sekretariat",
    "Sekretariat",
    "UU 14/2008 Pasal 17 huruf h",
    "Pasal 17 huruf k",
    "Pasal 17 huruf hx",
    "Pasal 17 huruf h.",
    "renstra-2019-2023.pdf",
    "Renstra.pdf",
    "a~b.pdf",
    "https://dukcapil.kalbarprov.go.id/ppid",
    "https://a.b/c d",
    "http://a.b/",
    "Rencana Strategis 2019–2023",
    "ringkasan\ndua baris",
]


def _patterns(fields: list[dict[str, Any]], path: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    found = []
    for field in fields:
        where = (*path, field["name"])
        if "pattern" in field:
            found.append((".".join(where), field["pattern"][0]))
        found += _patterns(field.get("fields", []), where)
    return found


def _values(root: Path) -> list[str]:
    """Every string in the project's real items."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted((root / "content" / "dip").glob("*/item.yaml")):
        doc, _ = parse(path.read_text(encoding="utf-8"), str(path), 8)
        if doc is not None:
            walk(doc.data)
    return out


def test_every_pattern_means_the_same_in_javascript() -> None:
    """Node runs each pattern as Decap does; the verdicts equal the checker's (ECMA `$`,
    length limits) on real values and edge cases."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: run `sudo apt-get install nodejs`")
    config, units = _config(ROOT)
    schema = _schema(ROOT)
    patterns = _patterns(_fields(decap_config(config, units, local=True)))
    assert len(patterns) >= 10
    # Decap skips the pattern for an empty value, so empty strings are not compared.
    samples = [s for s in sorted(set(SAMPLES + _values(ROOT))) if s]
    proc = subprocess.run(
        [node, "-e", JS_PATTERNS],
        input=json.dumps([[p, samples] for _, p in patterns]),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    verdicts = json.loads(proc.stdout)
    for (where, _), js in zip(patterns, verdicts, strict=True):
        sub = _property(schema, where)
        rule = {k: sub[k] for k in ("pattern", "minLength", "maxLength") if k in sub}
        if "pattern" in rule:
            rule = {"pattern": rule["pattern"]}
        validator = EcmaValidator({"type": "string", **rule})
        python = [validator.is_valid(s) for s in samples]
        wrong = [s for s, a, b in zip(samples, js, python, strict=True) if a != b]
        assert not wrong, f"{where}: JavaScript and the checker disagree on {wrong[:5]}"


def _property(schema: dict[str, Any], where: str) -> dict[str, Any]:
    node = schema
    for part in where.split("."):
        node = node["properties"][part]
        if node.get("type") == "array" and "properties" in node.get("items", {}):
            node = node["items"]
    return node


# --------------------------------------------------------------------------- the item id

NODE_FORM = ROOT / "formulir" / "node_modules"
HOOKS = """
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (!specifier.endsWith('.js')) return next(specifier + '.js', context);
    throw err;
  }
}
export async function load(url, context, next) {
  if (!url.includes('/dist/esm/')) return next(url, context);
  return { ...(await next(url, { ...context, format: 'module' })), format: 'module' };
}
"""
# Decap's own slug code (decap-cms-core urlHelper, decap-cms-lib-widgets stringTemplate);
# prepareSlug and the two compile steps are formatters.ts `slugFormatter`, which cannot be
# imported without the whole application.
SLUG_JS = """
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
register('./hooks.mjs', import.meta.url);
const [nm, template, settings] = process.argv.slice(2);
const { sanitizeSlug } = await import(`${nm}/decap-cms-core/dist/esm/lib/urlHelper.js`);
const widgets = `${nm}/decap-cms-lib-widgets/dist/esm`;
const { compileStringTemplate } = await import(`${widgets}/stringTemplate.js`);
const { Map } = await import(`${nm}/immutable/dist/immutable.js`);
const prepare = s => s.trim().toLocaleLowerCase().replace(/[']/g, '').replace(/[.]/g, '-');
const processSegment = v => sanitizeSlug(prepare(String(v)), JSON.parse(settings));
const titles = JSON.parse(readFileSync(0, 'utf8'));
console.log(JSON.stringify(titles.map(judul =>
  compileStringTemplate(template, new Date(), judul, Map({ judul }), processSegment))));
"""


def test_decap_makes_valid_item_ids_from_titles() -> None:
    """Decap's real slug code, with our template and settings, on every title in the
    project and on long, accented and punctuated ones: ids the checker accepts."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: run `sudo apt-get install nodejs`")
    needed = [
        NODE_FORM / "decap-cms-core/dist/esm/lib/urlHelper.js",
        NODE_FORM / "decap-cms-lib-widgets/dist/esm/stringTemplate.js",
        NODE_FORM / "immutable/dist/immutable.js",
    ]
    if not all(path.is_file() for path in needed):
        # formulir/ is the web form's npm project (installed by scripts/siapkan.py).
        pytest.skip("Decap CMS is not installed in formulir/node_modules")
    titles = [
        str(doc.data["judul"])
        for path in sorted((ROOT / "content" / "dip").glob("*/item.yaml"))
        if (doc := parse(path.read_text(encoding="utf-8"), str(path), 8)[0]) is not None
    ]
    titles += [
        "Rencana Strategis Disdukcapil Provinsi Kalimantan Barat 2019–2023",
        "Laporan Penyelenggaraan Pemerintahan Daerah (LPPD) Tahun Anggaran 2025: "
        "Ringkasan Capaian Kinerja Urusan Administrasi Kependudukan dan Pencatatan Sipil",
        "Surat Keputusan Kepala Dinas No. 800/123/DUKCAPIL-A.2025 tentang PPID Pembantu",
        "Peraturan Gubernur Kalbar Nomor 149 Tahun 2021",
        "Daftar Informasi Publik — Édisi Révisi „Ketiga“ ...",
        "SOP Pelayanan Akta Kelahiran & Kematian?",
    ]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "hooks.mjs").write_text(HOOKS, encoding="utf-8")
        (Path(folder) / "slug.mjs").write_text(SLUG_JS, encoding="utf-8")
        proc = subprocess.run(
            [node, "slug.mjs", str(NODE_FORM), SLUG_TEMPLATE, json.dumps(SLUG_SETTINGS)],
            input=json.dumps(titles),
            capture_output=True,
            text=True,
            timeout=60,
            cwd=folder,
            check=False,
        )
    assert proc.returncode == 0, proc.stderr
    slugs = json.loads(proc.stdout)
    assert (
        slugs[len(titles) - 6]
        == "rencana-strategis-disdukcapil-provinsi-kalimantan-barat-2019-2023"
    )
    for title, slug in zip(titles, slugs, strict=True):
        assert ITEM_ID.fullmatch(slug), (title, slug)
        assert len(slug) <= SLUG_LENGTH + 3, (title, slug)


# Decap's own YAML format (decap-cms-core formats/yaml.js): an entry read and saved again.
ROUND_TRIP_JS = """
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
register('./hooks.mjs', import.meta.url);
const [nm, order] = process.argv.slice(2);
const { default: format } = await import(`${nm}/decap-cms-core/dist/esm/formats/yaml.js`);
const texts = JSON.parse(readFileSync(0, 'utf8'));
console.log(JSON.stringify(texts.map(text => {
  const data = format.fromFile(text);
  const types = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v]));
  return [format.toFile(data, JSON.parse(order)), types];
})));
"""


def test_an_item_saved_unchanged_by_decap_means_the_same() -> None:
    """Every real item read by Decap's YAML format and written back in the form's field
    order: dates stay text, `tahun` a number, and the checker reads the same data."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: run `sudo apt-get install nodejs`")
    needed = [NODE_FORM / "decap-cms-core/dist/esm/formats/yaml.js", NODE_FORM / "yaml"]
    if not all(path.exists() for path in needed):
        pytest.skip("Decap CMS is not installed in formulir/node_modules")
    config, units = _config(ROOT)
    schema = load_schema(ROOT)
    order = [f["name"] for f in _fields(decap_config(config, units, local=True))]
    paths = sorted((ROOT / "content" / "dip").glob("*/item.yaml"))
    texts = [path.read_text(encoding="utf-8") for path in paths]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "hooks.mjs").write_text(HOOKS, encoding="utf-8")
        (Path(folder) / "roundtrip.mjs").write_text(ROUND_TRIP_JS, encoding="utf-8")
        proc = subprocess.run(
            [node, "roundtrip.mjs", str(NODE_FORM), json.dumps(order)],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            timeout=60,
            cwd=folder,
            check=False,
        )
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    assert len(results) == len(paths) >= 10
    for path, text, (saved, types) in zip(paths, texts, results, strict=True):
        rel = str(path.relative_to(ROOT))
        for name, kind in types.items():
            wanted = schema.schema["properties"][name]["type"]
            expected = {"string": "string", "integer": "number"}.get(wanted, "object")
            assert kind == expected, (rel, name, kind)
        before, _ = parse(text, rel, 8)
        after, _ = parse(saved, rel, 8)
        assert before is not None and after is not None, rel
        schema.coerce(before.data)
        schema.coerce(after.data)
        assert after.data == before.data, rel
        assert list(after.data) == [name for name in order if name in after.data], rel
        assert not list(schema.problems(after, rel)), rel
