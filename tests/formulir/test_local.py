"""`dip formulir` in a real browser: Decap CMS against a throwaway git repository.

The command runs as a user runs it (a subprocess); Debian's chromium opens its /admin/
page. Screenshots go to $DIP_SCREENSHOTS when set (else a pytest tmp folder).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PDF, ROOT, TODAY, add_item, git, make_project

from pipeline.bench.search_cost import ARGS as BENCH_CHROMIUM_ARGS

CHROMIUM = os.environ.get("DIP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [*BENCH_CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
BUNDLE = ROOT / "formulir" / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"


def dip_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]


def dip_env() -> dict[str, str]:
    env = {**os.environ, "DIP_TODAY": TODAY.isoformat(), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    # decap-server commits through git: an identity even where none is configured (CI).
    for who in ("AUTHOR", "COMMITTER"):
        env.setdefault(f"GIT_{who}_NAME", "Petugas PPID")
        env.setdefault(f"GIT_{who}_EMAIL", "petugas@example.invalid")
    return env


# A real sample item (DESIGN §3): a quoted date, a flow list, a folded multi-line ringkasan,
# two attachments. The form fixture's repository holds it, to open and save unchanged.
SAMPLE = "laporan-keuangan-2024"
# The same item with values a YAML 1.1 or 1.2 writer could turn into something else:
# `no` (a boolean in YAML 1.1), `0612` (an octal or decimal int), `1e3` (a float), `12:30`
# (a sexagesimal int in YAML 1.1), `null`.
TRICKY = "laporan-keuangan-2024-uji-yaml"
TRICKY_VALUES = {
    "judul: Laporan Keuangan Dinas Tahun Anggaran 2024\n": (
        "judul: Laporan Keuangan Dinas Tahun Anggaran 2024 (uji YAML)\n"
    ),
    "tempat_pembuatan: Pontianak\n": 'tempat_pembuatan: "no"\n',
    "arsip_fisik: Lemari arsip keuangan Sekretariat, rak C-2\n": 'arsip_fisik: "0612"\n',
    "judul: Laporan Realisasi Anggaran 2024\n": 'judul: "1e3"\n',
    "judul: Pindaian Neraca per 31 Desember 2024\n": 'judul: "12:30"\n',
    "pejabat_penguasa: Sekretaris Dinas\n": 'pejabat_penguasa: "null"\n',
}


def add_tricky(root: Path) -> None:
    folder = root / "content" / "dip" / TRICKY
    shutil.copytree(ROOT / "content" / "dip" / SAMPLE, folder)
    text = (folder / "item.yaml").read_text("utf-8")
    for old, new in TRICKY_VALUES.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (folder / "item.yaml").write_text(text, encoding="utf-8")


def make_repo(target: Path, samples: tuple[str, ...] = ()) -> Path:
    """A project with one item (and copies of the sample items `samples`), committed on
    `main`."""
    root = make_project(target)
    add_item(root)
    for name in samples:
        if name == TRICKY:
            add_tricky(root)
        else:
            shutil.copytree(ROOT / "content" / "dip" / name, root / "content" / "dip" / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Isi awal")
    return root


@dataclass
class Form:
    root: Path
    url: str
    proc: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Form]:
    """`dip formulir --port 0` on a throwaway repository, until the module's tests end."""
    if not BUNDLE.is_file():
        pytest.fail(f"{BUNDLE} is missing: run `python3 scripts/siapkan.py --uji`", pytrace=False)
    base = tmp_path_factory.mktemp("formulir")
    root = make_repo(base / "proyek", samples=(SAMPLE, TRICKY))
    proc = subprocess.Popen(
        dip_command("formulir", "--port", "0"),
        cwd=root,
        env=dip_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    url = None
    for line in proc.stdout:
        lines.append(line)
        found = re.search(r"buka (http://127\.0\.0\.1:\d+/admin/)", line)
        if found:
            url = found.group(1)
            break
    if url is None:
        proc.wait(10)
        pytest.fail("dip formulir did not start:\n" + "".join(lines), pytrace=False)
    running = Form(root, url, proc, lines)
    # Keep reading so the pipe never fills.
    threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True).start()
    try:
        yield running
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install chromium`", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        return [
            u for u in self.requests if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))
        ]


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_page(viewport: dict[str, int]) -> Visit:
        context = browser.new_context(viewport=viewport, locale="id-ID")
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)
        page.on("request", lambda r: seen.requests.append(r.url))
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        return seen

    yield open_page
    for context in contexts:
        context.close()


def open_collection(seen: Visit, url: str) -> None:
    seen.page.goto(url, wait_until="load")
    # The local backend asks for one click to sign in (no account, no password).
    seen.page.get_by_role("button", name="Masuk").click()
    # The entry already in the repository, listed through decap-server.
    seen.page.get_by_text("Rencana Strategis Disdukcapil").first.wait_for()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["ponsel", "desktop"])
def test_collection_list_in_indonesian_from_our_origin_only(
    form: Form, visit: Any, screenshot_dir: Path, viewport: dict[str, int]
) -> None:
    seen = visit(viewport)
    open_collection(seen, form.url)
    page = seen.page
    body = page.inner_text("body")
    for phrase in ("Isi", "Alur persetujuan", "Daftar Informasi Publik", "Urutkan"):
        assert phrase in body, f"{phrase!r} missing from the page:\n{body[:2000]}"
    for english in ("Contents", "Workflow", "Collections", "Loading"):
        assert english not in body, f"English {english!r} on the page:\n{body[:2000]}"
    assert seen.foreign() == [], seen.foreign()
    assert seen.errors == []
    width = page.evaluate("document.documentElement.scrollWidth")
    name = "ponsel" if viewport == PHONE else "desktop"
    page.screenshot(path=str(screenshot_dir / f"formulir-daftar-{name}.png"), full_page=True)
    if viewport == PHONE:
        assert width <= viewport["width"], f"page is {width}px wide on a 390px phone"


def test_workflow_columns_are_the_sop_steps(form: Form, visit: Any, screenshot_dir: Path) -> None:
    seen = visit(DESKTOP)
    open_collection(seen, form.url)
    seen.page.get_by_text("Alur persetujuan").first.click()
    for column in ("Draf (dikumpulkan petugas)", "Diajukan ke Ketua", "Siap terbit"):
        seen.page.get_by_text(column).first.wait_for()
    seen.page.screenshot(path=str(screenshot_dir / "formulir-alur.png"))
    assert seen.foreign() == []


# ------------------------------------------------------------------ refusals (exit 2)


def run_formulir(root: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    return subprocess.run(
        dip_command("formulir", *args),
        cwd=root,
        env={**dip_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_a_folder_that_is_not_a_git_repository(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proyek")
    done = run_formulir(root, "--port", "0")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "bukan repositori git" in done.stderr


def test_refuses_a_repository_without_commits(tmp_path: Path) -> None:
    root = make_project(tmp_path / "proyek")
    git(root, "init", "-q", "-b", "main")
    done = run_formulir(root, "--port", "0")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "belum berisi commit" in done.stderr


def test_refuses_without_a_git_identity(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "proyek")
    env = {k: v for k, v in dip_env().items() if not k.startswith("GIT_")}
    env.update({"HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1", "EMAIL": ""})
    # No guessing user@hostname either (a host with a domain name would pass).
    env["GIT_CONFIG_COUNT"] = "1"
    env["GIT_CONFIG_KEY_0"] = "user.useConfigOnly"
    env["GIT_CONFIG_VALUE_0"] = "true"
    done = subprocess.run(
        dip_command("formulir", "--port", "0"),
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "git config --global user.email" in done.stderr


def test_refuses_uncommitted_changes(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "proyek")
    (root / "catatan.txt").write_text("belum di-commit\n")
    done = run_formulir(root, "--port", "0")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "catatan.txt" in done.stderr and "git commit" in done.stderr


def test_refuses_a_port_in_use(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "proyek")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_formulir(root, "--port", str(port))
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"port {port} sudah dipakai" in done.stderr


def test_without_node_names_the_set_up_command(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "proyek")
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "git").symlink_to(shutil.which("git") or "/usr/bin/git")
    done = run_formulir(root, "--port", "0", env={"PATH": str(bare)})
    assert done.returncode == 2, done.stdout + done.stderr
    assert "sudo apt-get install nodejs npm" in done.stderr
    assert "python3 scripts/siapkan.py" in done.stderr


def test_admin_folder_for_the_site(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "proyek")
    out = tmp_path / "admin"
    done = run_formulir(root, "--keluaran", str(out), "--repo", "contoh/dip")
    assert done.returncode == 0, done.stdout + done.stderr
    index = (out / "index.html").read_text("utf-8")
    assert 'name="viewport"' in index and "http" not in index.replace("http-equiv", "")
    assert {"decap-cms.js", "id.js", "config.yml"} <= {p.name for p in out.iterdir()}
    assert "repo: contoh/dip" in (out / "config.yml").read_text("utf-8")
    assert not list(out.glob("*.map"))


# ------------------------------------------------------------------ an entry through the form


def fill_text(page: Any, name: str, value: str) -> None:
    page.locator(f'[id^="{name}-field-"]').first.fill(value)


def choose(page: Any, name: str, option: str) -> None:
    page.locator(f'[id^="{name}-field-"]').first.click()
    page.get_by_role("option", name=option).first.click()


def fill_entry(page: Any, judul: str, ringkasan: str) -> None:
    """Every field the schema requires (the entry has no attachment)."""
    fill_text(page, "judul", judul)
    fill_text(page, "ringkasan", ringkasan)
    choose(
        page, "kategori", "berkala — Informasi yang Wajib Disediakan dan Diumumkan Secara Berkala"
    )
    choose(
        page, "subkategori", "laporan_akses_informasi — Ringkasan laporan akses Informasi Publik"
    )
    choose(page, "unit", "Sekretariat")
    fill_text(page, "pejabat_penguasa", "Sekretaris Dinas")
    fill_text(page, "penanggung_jawab", "Kepala Dinas")
    fill_text(page, "waktu_pembuatan", "2025-01-31")
    fill_text(page, "tempat_pembuatan", "Pontianak")
    choose(page, "bentuk", "softcopy (berkas elektronik)")
    fill_text(page, "retensi", "5 tahun")
    fill_text(page, "tahun", "2025")


def cms_branch(root: Path, item: str) -> str:
    """The editorial-workflow branch Decap made for the entry `item`."""
    branches = git(root, "branch", "--list", "cms/*", "--format=%(refname:short)").split()
    mine = [b for b in branches if b.startswith(f"cms/dip/{item}")]
    assert len(mine) == 1, branches
    return mine[0]


def new_entry(form: Form, visit: Any, judul: str, ringkasan: str) -> Visit:
    """A new entry opened on a phone with every required field filled (not saved yet)."""
    seen = visit(PHONE)
    open_collection(seen, form.url)
    page = seen.page
    page.goto(form.url + "#/collections/dip/new")
    page.get_by_text("Judul informasi").first.wait_for()
    fill_entry(page, judul, ringkasan)
    return seen


def save(seen: Visit) -> None:
    seen.page.get_by_role("button", name="Simpan").first.click()
    seen.page.get_by_text("Isian tersimpan").first.wait_for()
    assert seen.foreign() == [] and seen.errors == [], (seen.foreign(), seen.errors)


def check_branch(form: Form, branch: str, tmp_path: Path) -> Any:
    """The pull request's check as CI runs it (.github/workflows/validasi.yml): a clone with
    the branch checked out, `dip check --changed-since origin/main --format github`."""
    clone = tmp_path / "klon"
    subprocess.run(["git", "clone", "-q", str(form.root), str(clone)], check=True, timeout=60)
    git(clone, "checkout", "-q", branch)
    return subprocess.run(
        dip_command("check", "--changed-since", "origin/main", "--format", "github"),
        cwd=clone,
        env=dip_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_phone_entry_becomes_a_cms_branch(
    form: Form, visit: Any, screenshot_dir: Path, tmp_path: Path
) -> None:
    seen = visit(PHONE)
    open_collection(seen, form.url)
    page = seen.page
    page.goto(form.url + "#/collections/dip/new")
    page.get_by_text("Judul informasi").first.wait_for()
    # Decap's editor is 800px wide unless admin.py's style applies.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("button", name="Simpan").first.click()
    page.get_by_text("Ada kolom wajib yang belum diisi").first.wait_for()
    errors = page.locator("ul li").all_text_contents()
    assert any(e.lower() == "judul informasi wajib diisi." for e in errors), errors

    fill_entry(
        page,
        "Laporan Layanan Informasi Publik 2025",
        "Laporan tahunan layanan informasi publik PPID Pembantu.",
    )
    # An attachment through Decap's media library: stored next to item.yaml on the branch.
    upload = tmp_path / "laporan-2025.pdf"
    upload.write_bytes(PDF)
    page.get_by_role("button", name="Tambah lampiran").click()
    page.get_by_role("button", name="Pilih berkas").first.click()
    page.locator("input[type=file]").first.set_input_files(str(upload))
    page.get_by_text("laporan-2025.pdf").first.wait_for()
    page.get_by_role("button", name="Pakai yang dipilih").click()
    page.locator('[id^="judul-field-"]').nth(1).fill("Laporan 2025")
    choose(page, "sumber", "pindaian hardcopy")
    page.get_by_role("button", name="Simpan").first.click()
    page.get_by_text("Isian tersimpan").first.wait_for()
    page.get_by_text("Status: Draf").first.wait_for()
    page.screenshot(path=str(screenshot_dir / "formulir-tersimpan-ponsel.png"))
    assert seen.foreign() == [], seen.foreign()

    item = "laporan-layanan-informasi-publik-2025"
    branches = [cms_branch(form.root, item)]
    saved = git(form.root, "show", f"{branches[0]}:content/dip/{item}/item.yaml")
    assert "judul: Laporan Layanan Informasi Publik 2025" in saved
    assert "berkas: laporan-2025.pdf" in saved
    pdf = subprocess.run(
        ["git", "show", f"{branches[0]}:content/dip/{item}/laporan-2025.pdf"],
        cwd=form.root,
        capture_output=True,
        check=True,
    ).stdout
    assert pdf == PDF

    # SOP step 1 → 2: the staff submit the entry to the Ketua (Decap's pending_review).
    page.get_by_text("Status: Draf").first.click()
    page.get_by_text("Diajukan ke Ketua").first.click()
    page.get_by_text("Status isian diperbarui").first.wait_for()
    label = git(form.root, "config", f"branch.{branches[0]}.description").strip()
    assert label == "decap-cms/pending_review"
    page.goto(form.url + "#/workflow")
    page.get_by_text("Laporan Layanan Informasi Publik 2025").first.wait_for()
    headers = page.locator("h2").filter(has_text=re.compile("Draf|Diajukan|Siap"))
    assert headers.count() == 3
    clipped = headers.evaluate_all("hs => hs.filter(h => h.scrollWidth > h.clientWidth).length")
    assert clipped == 0, "a workflow column header is cut off on the phone"
    board = page.inner_text("body")
    assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", board), board  # not "November 25"
    page.screenshot(path=str(screenshot_dir / "formulir-alur-ponsel.png"))

    # The staff's work tree is left as it was: on main, nothing uncommitted.
    assert git(form.root, "status", "--porcelain") == ""
    assert git(form.root, "branch", "--show-current").strip() == "main"


def empties(value: Any, where: str = "") -> list[str]:
    """Where `value` holds "", None, [] or {} (0 and False are values)."""
    if value is None or value in ("", [], {}):
        return [where]
    if isinstance(value, dict):
        return [e for k, v in value.items() for e in empties(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [e for i, v in enumerate(value) for e in empties(v, f"{where}[{i}]")]
    return []


def test_cleared_optional_fields_are_not_saved(form: Form, visit: Any, tmp_path: Path) -> None:
    """A field typed in and then cleared is left out of item.yaml (Decap would save `""`,
    which the checker refuses); admin.py's preSave listener prunes it."""
    seen = new_entry(
        form, visit, "Daftar Arsip Dinamis 2025", "Daftar arsip dinamis Sekretariat tahun 2025."
    )
    page = seen.page
    for name in ("arsip_fisik", "catatan_perubahan"):
        fill_text(page, name, "sementara")
        fill_text(page, name, "")
    save(seen)
    item = "daftar-arsip-dinamis-2025"
    branch = cms_branch(form.root, item)
    saved = git(form.root, "show", f"{branch}:content/dip/{item}/item.yaml")
    assert "judul: Daftar Arsip Dinamis 2025" in saved
    assert "tahun: 2025" in saved
    for name in ("arsip_fisik", "catatan_perubahan"):
        assert f"{name}:" not in saved, saved
    assert empties(yaml.safe_load(saved)) == [], saved
    done = check_branch(form, branch, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_nik_in_ringkasan_fails_the_pull_request_check(
    form: Form, visit: Any, tmp_path: Path
) -> None:
    """The form cannot recognise a NIK (a pattern cannot express its rules): the entry
    saves, and the pull request's check refuses it without printing the number."""
    nik = "6171010506900001"  # structurally valid: Kota Pontianak, 5 June 1990 (test_pii.py)
    seen = new_entry(
        form, visit, "Data Pemohon Informasi 2025", f"Rekap pemohon, contoh NIK {nik} terlampir."
    )
    save(seen)
    item = "data-pemohon-informasi-2025"
    branch = cms_branch(form.root, item)
    assert nik in git(form.root, "show", f"{branch}:content/dip/{item}/item.yaml")
    done = check_branch(form, branch, tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "DIP-E501" in output and f"content/dip/{item}/item.yaml" in output, output
    assert nik not in output and "6171********0001" in output, output  # masked


def test_api_only_for_its_own_page(form: Form) -> None:
    """Another site open in the same browser cannot drive the repository: cross-origin,
    non-JSON and foreign-Host requests are refused; the server's own folder is not served."""
    import http.client

    host = form.url.split("/")[2]

    def post(headers: dict[str, str]) -> int:
        conn = http.client.HTTPConnection(host, timeout=10)
        conn.request("POST", "/api/v1", b'{"action":"info"}', headers)
        status = conn.getresponse().status
        conn.close()
        return status

    json = {"Content-Type": "application/json"}
    assert post({**json, "Origin": f"http://{host}"}) == 200
    assert post({**json, "Origin": "http://contoh.invalid"}) == 403
    assert post({**json, "Host": "contoh.invalid"}) == 403
    assert post({"Content-Type": "text/plain"}) == 415
    conn = http.client.HTTPConnection(host, timeout=10)
    conn.request("GET", "/decap-server.log")
    assert conn.getresponse().status == 404
    conn.close()


# Runs our locale file as the page does (window.CMS.registerLocale) and Decap's English
# phrases, and prints the keys each has that the other lacks.
LOCALE_KEYS = r"""
const fs = require('fs'), vm = require('vm');
const [ours, english] = process.argv.slice(1);
let id;
vm.runInNewContext(fs.readFileSync(ours, 'utf8'),
  { window: { CMS: { registerLocale: (name, phrases) => { id = phrases; } } } });
const source = fs.readFileSync(english, 'utf8');
const en = vm.runInNewContext(
  '(' + source.replace(/^const en =/, '').replace(/;\s*export default en;\s*$/, '') + ')');
const keys = (o, p = '') => Object.entries(o).flatMap(
  ([k, v]) => (typeof v === 'object' ? keys(v, p + k + '.') : [p + k]));
const a = new Set(keys(id)), b = new Set(keys(en));
console.log(JSON.stringify({
  untranslated: [...b].filter(k => !a.has(k)), unknown: [...a].filter(k => !b.has(k)) }));
"""


def test_locale_translates_every_phrase_of_the_installed_decap() -> None:
    """A Decap upgrade that adds phrases fails here, so they are translated (until then the
    page would show them in English)."""
    import json

    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: `apt-get install nodejs npm`", pytrace=False)
    english = ROOT / "formulir/node_modules/decap-cms-locales/dist/esm/en/index.js"
    ours = ROOT / "pipeline/formulir/assets/id.js"
    done = subprocess.run(
        [node, "-e", LOCALE_KEYS, str(ours), str(english)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert json.loads(done.stdout) == {"untranslated": [], "unknown": []}


# Runs admin.py's preSave listener under node with the Immutable that Decap bundles
# (formulir/node_modules/immutable, the version decap-cms-core depends on) and prints the
# data it returns.
PRUNE = r"""
const vm = require('vm');
const [script, immutablePath, data] = process.argv.slice(1);
const { fromJS, Map } = require(immutablePath);
let handler;
vm.runInNewContext(script, { CMS: { registerEventListener: (l) => { handler = l.handler; } } });
const out = handler({ entry: Map({ data: fromJS(JSON.parse(data)) }), author: {} });
console.log(JSON.stringify(Map.isMap(out) ? out.toJS() : 'not an Immutable Map'));
"""


def test_presave_listener_prunes_empty_values_at_every_depth() -> None:
    import json

    from pipeline.formulir.admin import PRUNE_EMPTY_JS

    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: `apt-get install nodejs npm`", pytrace=False)
    data = {
        "judul": "Judul",
        "subkategori": None,
        "arsip_fisik": "",
        "tahun": 0,
        "aktif": False,
        "bentuk": ["softcopy", ""],
        "tautan": [],
        "penarikan": {"tanggal": "", "alasan": None},
        "pengecualian": {},
        "lampiran": [{"berkas": "a.pdf", "judul": "", "halaman": 0}, {"judul": ""}],
    }
    done = subprocess.run(
        [
            node,
            "-e",
            PRUNE,
            PRUNE_EMPTY_JS,
            str(ROOT / "formulir/node_modules/immutable"),
            json.dumps(data),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert json.loads(done.stdout) == {
        "judul": "Judul",
        "tahun": 0,
        "aktif": False,
        "bentuk": ["softcopy"],
        "lampiran": [{"berkas": "a.pdf", "halaman": 0}],
    }


# ------------------------------------------------------------------ an existing item


def open_entry(form: Form, visit: Any, item: str) -> Visit:
    """The editor of an item already on `main` (desktop)."""
    seen = visit(DESKTOP)
    open_collection(seen, form.url)
    seen.page.goto(form.url + f"#/collections/dip/entries/{item}/item")
    seen.page.get_by_text("Judul informasi").first.wait_for()
    return seen


def yaml11_differences(old: Any, new: Any, where: str = "") -> list[str]:
    """Where a YAML 1.1 reader (PyYAML's safe_load, not ours) sees different values."""
    if isinstance(old, dict) and isinstance(new, dict) and old.keys() == new.keys():
        return [d for k in old for d in yaml11_differences(old[k], new[k], f"{where}.{k}")]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            d
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for d in yaml11_differences(a, b, f"{where}[{i}]")
        ]
    return [] if (type(old), old) == (type(new), new) else [f"{where}: {old!r} -> {new!r}"]


@pytest.mark.parametrize("item", [SAMPLE, TRICKY])
def test_existing_item_saved_unchanged_keeps_every_value(
    form: Form, visit: Any, tmp_path: Path, item: str
) -> None:
    """Decap rewrites the whole file (its own YAML style) but no value changes for our reader,
    which keeps every scalar a string (DESIGN §3)."""
    from pipeline.yamlsafe import load_bytes

    seen = open_entry(form, visit, item)
    page = seen.page
    assert (
        page.locator('[id^="ringkasan-field-"]')
        .first.input_value()
        .startswith("Laporan Realisasi Anggaran")
    )
    # Decap saves only an entry whose data differs from the stored one; a value typed back
    # does not count. An optional field the item lacks, typed in and cleared, is `""` in the
    # data (so Simpan is enabled) and admin.py's preSave listener leaves it out.
    fill_text(page, "catatan_perubahan", "sementara")
    fill_text(page, "catatan_perubahan", "")
    save(seen)
    branch = cms_branch(form.root, item)
    path = f"content/dip/{item}/item.yaml"
    diff = git(form.root, "diff", f"main..{branch}", "--", path)
    print(f"\ngit diff main..{branch} -- {path}\n{diff}")
    old_text = git(form.root, "show", f"main:{path}")
    new_text = git(form.root, "show", f"{branch}:{path}")
    old, old_problems = load_bytes(old_text.encode(), path)
    new, new_problems = load_bytes(new_text.encode(), path)
    assert old_problems == [] and new_problems == [], (old_problems, new_problems)
    assert old is not None and new is not None
    assert new.data == old.data  # every value, as our loader reads it
    # The attachments are not rewritten: item.yaml is the only file the save changed.
    changed = git(form.root, "diff", "--name-only", f"main..{branch}").split()
    assert changed == [path], changed
    # The churn measured with decap-cms 3.16.3 (a YAML 1.2 writer): the folded ringkasan
    # becomes a plain multi-line scalar (4 lines -> 3), the flow list `bentuk` a block list,
    # and quotes YAML 1.2 does not need are dropped: "2025-02-24", "no", "12:30" (but not
    # "0612", "1e3" or "null"). The sample: 6 lines removed, 7 added; TRICKY: 8 and 9.
    lines = [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(lines) <= (13 if item == SAMPLE else 17), lines
    assert "+waktu_pembuatan: 2025-02-24" in lines and "+  - hardcopy" in lines, lines
    # So a YAML 1.1 reader (PyYAML's safe_load; not ours) would read those three
    # differently after the save: the only changes in meaning, and none for our loader.
    yaml11 = [".waktu_pembuatan: '2025-02-24' -> datetime.date(2025, 2, 24)"]
    if item == TRICKY:
        yaml11 += [".tempat_pembuatan: 'no' -> False", ".lampiran[1].judul: '12:30' -> 750"]
    assert yaml11_differences(yaml.safe_load(old_text), yaml.safe_load(new_text)) == yaml11
    if item == TRICKY:
        assert new.data["tempat_pembuatan"] == "no" and new.data["arsip_fisik"] == "0612"
        assert [a["judul"] for a in new.data["lampiran"]] == ["1e3", "12:30"]
        assert new.data["pejabat_penguasa"] == "null"
    done = check_branch(form, branch, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_entry_sent_back_by_the_ketua_is_corrected_on_its_branch(
    form: Form, visit: Any, screenshot_dir: Path, tmp_path: Path
) -> None:
    """'Changes requested' (DESIGN §7): an entry already submitted to the Ketua is opened
    again from the workflow board, moved back to Draf, corrected and saved; the correction
    is a new commit on the same cms/ branch (the pull request's), not a new branch."""
    judul = "Rekapitulasi Permohonan Informasi 2025"
    seen = new_entry(form, visit, judul, "Rekapitulasi permohonan informasi tahun 2052.")
    page = seen.page
    save(seen)
    item = "rekapitulasi-permohonan-informasi-2025"
    branch = cms_branch(form.root, item)
    first = git(form.root, "rev-parse", branch).strip()
    page.get_by_text("Status: Draf").first.click()
    page.get_by_text("Diajukan ke Ketua").first.click()
    page.get_by_text("Status isian diperbarui").first.wait_for()
    assert git(form.root, "config", f"branch.{branch}.description").strip() == (
        "decap-cms/pending_review"
    )

    # Later, from the board (a fresh page, as when the staff come back to it).
    again = visit(DESKTOP)
    open_collection(again, form.url)
    page = again.page
    page.goto(form.url + "#/workflow")
    page.get_by_text(judul).first.click()
    ringkasan = page.locator('[id^="ringkasan-field-"]').first
    assert ringkasan.input_value() == "Rekapitulasi permohonan informasi tahun 2052."
    page.get_by_text("Status: Diajukan ke Ketua").first.click()
    page.get_by_text("Draf", exact=True).last.click()
    page.get_by_text("Status isian diperbarui").first.wait_for()
    assert git(form.root, "config", f"branch.{branch}.description").strip() == "decap-cms/draft"
    ringkasan.fill("Rekapitulasi permohonan informasi tahun 2025.")
    save(again)
    assert git(form.root, "config", f"branch.{branch}.description").strip() == "decap-cms/draft"
    # decap-cms 3.16.3 then shows the status the board loaded ("Diajukan ke Ketua") until the
    # page is reloaded; the branch is a draft, as the reloaded editor shows.
    page.reload()
    ringkasan.wait_for()
    page.get_by_text("Status: Draf").first.wait_for()
    page.screenshot(path=str(screenshot_dir / "formulir-koreksi.png"))

    assert cms_branch(form.root, item) == branch  # the same branch, no second one
    history = git(form.root, "rev-list", f"main..{branch}").split()
    assert len(history) == 2 and history[1] == first, history
    path = f"content/dip/{item}/item.yaml"
    assert "tahun 2052" in git(form.root, "show", f"{first}:{path}")
    corrected = git(form.root, "show", f"{branch}:{path}")
    assert "ringkasan: Rekapitulasi permohonan informasi tahun 2025." in corrected
    assert git(form.root, "diff", "--name-only", first, branch).split() == [path]
    done = check_branch(form, branch, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
