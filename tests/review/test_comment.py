"""`dip review komentar`: the ketua's pull-request comment, on real git repositories made
here (a base commit on main, a branch that changes items, the comparison)."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import GOOD_ITEM, ROOT, TODAY, RunDip, add_item, git, make_project

from pipeline.bench.minimal import minimal_pdf
from pipeline.project import load_config
from pipeline.review.changes import gather
from pipeline.review.comment import COMMENT_LIMIT, MARKER, render, render_comment, size
from pipeline.review.markdown import ZWSP
from pipeline.site.html import size_text
from pipeline.site.labels import REGISTER_COLUMNS

from .fakegithub import FakeGitHub

ITEM = "renstra-2019-2023"
NIK = "6171035708850003"
NO_FILES = GOOD_ITEM.split("lampiran:")[0] + "tautan: []\n"


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """main holds one published item with its PDF; the work happens on a branch."""
    root = make_project(tmp_path / "proyek")
    (root / ".gitignore").write_text(".dip/\n", encoding="utf-8")
    add_item(root)
    git(root, "init", "-q", "-b", "main")
    commit(root, "Awal")
    git(root, "checkout", "-q", "-b", "usulan")
    return root


def comment(root: Path, base: str = "main") -> str:
    return render_comment(load_config(root, today=TODAY), base)


def rows(body: str) -> list[list[str]]:
    """Table rows split on unescaped pipes (as GitHub splits cells)."""
    out = []
    for line in body.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = re.split(r"(?<!\\)\|", line)
            out.append([c.strip() for c in cells[1:-1]])
    return out


def cell(body: str, label: str) -> list[str]:
    """The row whose first cell is `label`."""
    found = [r for r in rows(body) if r and r[0] == label]
    assert found, f"no row {label!r} in:\n{body}"
    return found[0]


def item_yaml(root: Path, item_id: str = ITEM) -> Path:
    return root / "content" / "dip" / item_id / "item.yaml"


def edit(root: Path, old: str, new: str, item_id: str = ITEM) -> None:
    path = item_yaml(root, item_id)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# -- what the ketua reads ----------------------------------------------------------------


def test_new_item_is_a_register_row_with_its_attachment(root: Path) -> None:
    text = GOOD_ITEM.replace("Rencana Strategis", "Rencana Kerja").replace(
        "renstra-2019-2023.pdf", "renja-2025.pdf"
    )
    pdf = minimal_pdf(["Rencana Kerja 2025", "Program", "Anggaran"])
    add_item(root, "renja-2025", text, {"renja-2025.pdf": pdf})
    commit(root, "Tambah Renja 2025")

    body = comment(root)
    assert body.startswith(MARKER + "\n")
    assert "### ✅ Siap disetujui" in body
    assert "**1 item berubah** (1 baru)" in body
    assert "`renja-2025` (item baru)" in body
    assert "1 item baru; 1 berkas diunggah" in body
    # The seven elements of the register, labelled as on the site.
    for label in REGISTER_COLUMNS:
        assert cell(body, label)
    assert cell(body, REGISTER_COLUMNS[0])[1] == "`renja-2025`"
    assert "Sekretaris Dinas<br>" in cell(body, REGISTER_COLUMNS[2])[1]
    assert cell(body, REGISTER_COLUMNS[4])[1] == "30 September 2019, Pontianak"
    assert cell(body, REGISTER_COLUMNS[6])[1] == "10 tahun"
    assert "Berkala" in cell(body, "Kategori informasi")[1]
    assert cell(body, "Status penerbitan")[1] == "terbit"
    # The attachment: pages, size, short sha256, the scan verdict, and that it is uploaded.
    [row] = [r for r in rows(body) if "renja-2025.pdf" in r[0]]
    assert row[1] == "3"
    assert row[2] == size_text(len(pdf)) == "1 KB"  # as the site shows it
    assert row[3] == f"`{hashlib.sha256(pdf).hexdigest()[:12]}`"
    assert row[4] == "✅ aman"
    assert "diunggah" in row[0]
    # The unchanged item on main is not in the comment.
    assert ITEM not in body


def test_changed_fields_only_against_the_base(root: Path) -> None:
    edit(root, "retensi: 10 tahun", "retensi: 15 tahun")
    edit(root, "tempat_pembuatan: Pontianak", "tempat_pembuatan: Singkawang")
    commit(root, "Retensi")

    body = comment(root)
    assert cell(body, "Jangka waktu penyimpanan (retensi)")[1:] == ["10 tahun", "15 tahun"]
    assert cell(body, "Tempat pembuatan")[1:] == ["Pontianak", "Singkawang"]
    diff = body.split("**Perubahan kolom:**")[1].split("<details>")[0]
    assert len(rows(diff)) == 3  # header + the two changed fields, nothing else
    assert "**Sikedip:** diperbarui." in body
    assert "tidak ada berkas baru" in body  # the PDF did not change
    # The full row is folded away, and shows the new values.
    assert "<details><summary>Baris DIP lengkap</summary>" in body
    assert cell(body, REGISTER_COLUMNS[6])[1] == "15 tahun"


def test_attachments_compared_by_file_name(root: Path) -> None:
    folder = root / "content" / "dip" / ITEM
    extra = minimal_pdf(["Lampiran tambahan", "halaman dua"])
    (folder / "tambahan.pdf").write_bytes(extra)
    (folder / "renstra-2019-2023.pdf").write_bytes(minimal_pdf("Renstra revisi"))
    edit(
        root,
        "    sumber: pindaian\n",
        "    sumber: pindaian\n"
        "  - berkas: tambahan.pdf\n    judul: Tambahan\n    sumber: digital\n",
    )
    commit(root, "Lampiran")

    body = comment(root)
    before, after = cell(body, "Lampiran")[1:]
    assert before == "—" and after.startswith("Tambahan (tambahan.pdf), sha256 ")
    old, new = cell(body, "Isi berkas (renstra-2019-2023.pdf)")[1:]
    assert old.startswith("sha256 ") and new.startswith("sha256 ") and old != new
    assert "2 berkas diunggah" in body
    [row] = [r for r in rows(body) if "tambahan.pdf" in r[0] and r[1] != "—"]
    assert row[1] == "2" and row[4] == "✅ aman"


def test_personal_data_in_a_new_attachment_blocks(root: Path) -> None:
    leaky = minimal_pdf(["Daftar penerima layanan", f"Pemohon: Siti, NIK {NIK}"])
    (root / "content" / "dip" / ITEM / "renstra-2019-2023.pdf").write_bytes(leaky)
    commit(root, "Ganti PDF")

    body = comment(root)
    assert "### ❌ Belum siap: 1 masalah" in body
    assert NIK not in body
    problem = cell(body, "❌")
    assert problem[1] == "DIP-E503"
    assert problem[2] == f"content/dip/{ITEM}/renstra-2019-2023.pdf"
    [row] = [r for r in rows(body) if "renstra-2019-2023.pdf" in r[0] and len(r) == 5]
    assert row[4].startswith("❌ DIP-E503")
    assert "tertahan" in body and "diunggah" not in body


def test_removed_item_is_withdrawn(root: Path) -> None:
    shutil.rmtree(root / "content" / "dip" / ITEM)
    commit(root, "Hapus")

    body = comment(root)
    assert "### ❌ Belum siap: 1 masalah" in body
    assert cell(body, "❌")[1] == "DIP-E305"
    assert "(foldernya dihapus)" in body
    assert "**Sikedip:** ditarik (alasan: Item tidak lagi ada" in body
    assert "<details><summary>Baris DIP sebelum dihapus</summary>" in body
    assert "1 ditarik" in body


def test_renamed_folder_is_new_plus_withdrawn(root: Path) -> None:
    (root / "content" / "dip" / ITEM).rename(root / "content" / "dip" / "renstra-lama")
    commit(root, "Ganti nama")

    body = comment(root)
    assert "1 item baru, 1 ditarik" in body
    assert f"pengganti folder `{ITEM}`" in body
    assert "diganti nama menjadi `renstra-lama`" in body
    assert cell(body, "❌")[1] == "DIP-E305"


def test_withdrawal_by_status(root: Path) -> None:
    edit(
        root,
        "status: terbit\n",
        'status: ditarik\npenarikan:\n  tanggal: "2026-11-20"\n  alasan: Diganti Renstra baru\n',
    )
    commit(root, "Tarik")

    body = comment(root)
    assert "**Sikedip:** ditarik (alasan: Diganti Renstra baru)." in body
    assert cell(body, "Status penerbitan")[1:] == ["terbit", "ditarik"]
    assert cell(body, "Alasan penarikan")[1:] == ["—", "Diganti Renstra baru"]


def test_a_comment_only_change_sends_nothing(root: Path) -> None:
    path = item_yaml(root)
    path.write_text("# diperiksa ulang\n" + path.read_text(encoding="utf-8"), encoding="utf-8")

    body = comment(root)  # uncommitted changes count, as for dip check --changed-since
    assert "Tidak ada kolom yang berubah" in body
    assert "**Sikedip:** tidak berubah, tidak dikirim ulang." in body


def test_item_with_errors_is_held_back(root: Path) -> None:
    edit(root, "kategori: berkala", "kategori: berkal")
    body = comment(root)
    assert "### ❌ Belum siap" in body
    assert cell(body, "❌")[1].startswith("DIP-E2")
    assert "**Sikedip:** tertahan" in body
    assert "1 tertahan karena masalah" in body


def test_long_text_shows_what_changed(root: Path) -> None:
    long = "Dokumen perencanaan lima tahunan " + "yang memuat visi misi " * 20
    text = GOOD_ITEM.replace(
        GOOD_ITEM.split("ringkasan: ")[1].split("kategori:")[0], f"{long.strip()} lama\n"
    )
    item_yaml(root).write_text(text, encoding="utf-8")
    commit(root, "Ringkasan panjang")
    item_yaml(root).write_text(text.replace(" lama\n", " baru\n"), encoding="utf-8")

    body = comment(root, "HEAD")
    before, after = cell(body, "Ringkasan isi informasi")[1:]
    assert before.startswith("… ") and before.endswith("misi lama")
    assert after.startswith("… ") and after.endswith("misi baru")


# -- hostile values ------------------------------------------------------------------------


HOSTILE_JUDUL = (
    "Renstra | `kode` <script>alert(1)</script> @someone ![x](https://evil.example/a.png)"
)


def test_hostile_values_are_inert(root: Path) -> None:
    long = "sangat panjang " * 400
    text = (
        GOOD_ITEM.replace(
            "judul: Rencana Strategis Disdukcapil Provinsi Kalimantan Barat 2019–2023",
            f"judul: '{HOSTILE_JUDUL}'",
        )
        .replace("tempat_pembuatan: Pontianak", f"tempat_pembuatan: {long.strip()}")
        .replace(
            "penanggung_jawab: Kepala Dinas",
            "penanggung_jawab: 'Kepala [Dinas](http://evil.example) www.evil.example "
            "owner/repo#12 ~~x~~ $x$ **b**'",
        )
    )
    item_yaml(root).write_text(text, encoding="utf-8")
    commit(root, "Nilai berbahaya")

    body = comment(root)
    for bad in ("<script", "@someone", "https://", "http://", "www.evil", "#12", "`kode`"):
        assert bad not in body, bad
    assert not re.search(r"(?<!\\)[\[\]]", body)  # no link or image
    assert "@" + ZWSP + "someone" in body
    assert "&lt;script&gt;" in body
    # Every table keeps its shape: a pipe in a value does not add a column.
    for r in rows(body):
        assert len(r) in (2, 3, 4, 5), r
    judul = cell(body, "Judul informasi")
    assert "\\|" in judul[2] and "\\`kode\\`" in judul[2]
    # A very long value is cut in the cell, and the comment stays small.
    tempat = cell(body, "Tempat pembuatan")[2]
    assert len(tempat) < 400 and tempat.endswith("…")
    assert size(body) < 20_000
    # Only our own HTML tags remain.
    assert set(re.findall(r"<(/?\w+)", body)) <= {
        "details", "/details", "summary", "/summary", "br", "code", "/code", "sub", "/sub",
    }  # fmt: skip


def test_hostile_folder_name(root: Path) -> None:
    add_item(root, "@evil|`x`", NO_FILES, {})
    commit(root, "Folder aneh")
    body = comment(root)
    assert "@evil" not in body and "`x`" not in body
    assert "DIP-E401" in body
    assert "\\|" in body


# -- size ------------------------------------------------------------------------------------


def test_many_items_fit_under_githubs_limit(root: Path) -> None:
    ringkasan = "Ringkasan yang cukup panjang untuk memenuhi komentar. " * 9
    for n in range(70):
        text = NO_FILES.replace(
            GOOD_ITEM.split("ringkasan: ")[1].split("kategori:")[0], ringkasan.strip() + "\n"
        )
        add_item(root, f"item-{n:03d}", text, {})
    commit(root, "Banyak item")

    config = load_config(root, today=TODAY)
    review = gather(config, "main")
    body = render(review)
    assert size(body) <= COMMENT_LIMIT < 65_536
    assert body.startswith(MARKER)
    shown = len(re.findall(r"^#### \d+\. ", body, flags=re.M))
    assert 10 < shown < 70
    assert f"**… {70 - shown} item lainnya, lihat ringkasan job.**" in body
    assert body.rstrip().endswith("</sub>")
    # The job summary holds all of them.
    full = render(review, 900_000)
    assert len(re.findall(r"^#### \d+\. ", full, flags=re.M)) == 70


# -- git -----------------------------------------------------------------------------------


def test_base_is_read_without_touching_the_work_tree(root: Path) -> None:
    edit(root, "retensi: 10 tahun", "retensi: 15 tahun")
    status = git(root, "status", "--porcelain")
    comment(root)
    assert git(root, "status", "--porcelain") == status
    assert "retensi: 15 tahun" in item_yaml(root).read_text(encoding="utf-8")


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    root = make_project(top / "ppid")
    add_item(root)
    git(top, "init", "-q", "-b", "main")
    commit(top, "Awal")
    edit(root, "retensi: 10 tahun", "retensi: permanen")
    body = comment(root)
    assert cell(body, "Jangka waktu penyimpanan (retensi)")[1:] == ["10 tahun", "permanen"]


# -- the command -------------------------------------------------------------------------------


def test_command_prints_writes_and_summarises(dip: RunDip, root: Path, tmp_path: Path) -> None:
    edit(root, "retensi: 10 tahun", "retensi: 15 tahun")
    summary = tmp_path / "summary.md"
    summary.write_text("# sebelumnya\n", encoding="utf-8")
    out = dip(
        "review", "komentar", "--dasar", "main", cwd=root, env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(MARKER)
    assert "15 tahun" in out.stdout
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("# sebelumnya\n") and "15 tahun" in written

    target = tmp_path / "komentar.md"
    out = dip("review", "komentar", "--dasar", "main", "--keluaran", str(target), cwd=root)
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""
    assert target.read_text(encoding="utf-8").startswith(MARKER)


def test_unknown_ref_is_a_usage_error(dip: RunDip, root: Path) -> None:
    out = dip("review", "komentar", "--dasar", "origin/tidak-ada", cwd=root)
    assert out.returncode == 2
    assert "ref git 'origin/tidak-ada' tidak dikenal" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_send_needs_a_pull_request_number_and_a_token(dip: RunDip, root: Path) -> None:
    out = dip("review", "komentar", "--dasar", "main", "--kirim", cwd=root)
    assert out.returncode == 2 and "--pr" in out.stderr
    env = {"GITHUB_TOKEN": "", "GITHUB_REPOSITORY": "a/b"}
    out = dip("review", "komentar", "--dasar", "main", "--kirim", "--pr", "3", cwd=root, env=env)
    assert out.returncode == 2 and "GITHUB_TOKEN" in out.stderr
    assert "Traceback" not in out.stderr


def test_send_creates_one_comment_then_updates_it(
    dip: RunDip, root: Path, github_api: FakeGitHub
) -> None:
    comments = github_api.state.comments
    comments[7] = [
        {
            "id": 11,
            "body": f"Saya juga menulis {MARKER} di sini",  # a person's comment: left alone
            "user": {"login": "ketua-ppid", "type": "User"},
            "html_url": "https://github.com/x/y/pull/7#issuecomment-11",
        }
    ]
    args = ("review", "komentar", "--dasar", "main", "--pr", "7", "--kirim")
    edit(root, "retensi: 10 tahun", "retensi: 15 tahun")
    out = dip(*args, cwd=root, env=github_api.env)
    assert out.returncode == 0, out.stderr
    assert "#issuecomment-" in out.stderr
    mine = [c for c in comments[7] if c["id"] != 11]
    assert len(mine) == 1 and mine[0]["body"].startswith(MARKER)
    assert "15 tahun" in mine[0]["body"]

    edit(root, "retensi: 15 tahun", "retensi: 20 tahun")
    out = dip(*args, cwd=root, env=github_api.env)
    assert out.returncode == 0, out.stderr
    mine_again = [c for c in comments[7] if c["id"] != 11]
    assert [c["id"] for c in mine_again] == [mine[0]["id"]]
    assert "20 tahun" in mine_again[0]["body"] and "15 tahun" not in mine_again[0]["body"]
    assert comments[7][0]["body"] == f"Saya juga menulis {MARKER} di sini"


def test_github_refusing_is_exit_1(dip: RunDip, root: Path, github_api: FakeGitHub) -> None:
    github_api.state.overrides[("POST", r"/repos/.+/issues/\d+/comments")] = (
        403,
        {"message": "Resource not accessible by integration"},
        {},
    )
    out = dip(
        "review", "komentar", "--dasar", "main", "--pr", "7", "--kirim",
        cwd=root, env=github_api.env,
    )  # fmt: skip
    assert out.returncode == 1
    assert "Komentar tidak dapat ditulis" in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout.startswith(MARKER)  # the Markdown is still printed for the log


def test_no_item_changed(root: Path) -> None:
    (root / "README.md").write_text("Catatan\n", encoding="utf-8")
    commit(root, "Hanya catatan")
    body = comment(root)
    assert "### ✅ Siap disetujui" in body
    assert "tidak ada item DIP yang berubah" in body
    assert "**Sikedip setelah digabung:** tidak ada yang dikirim." in body
    assert "####" not in body


EXEMPT = ROOT / "tests" / "fixtures" / "valid" / "dikecualikan" / "data-kependudukan-2024"


def test_exempt_item_shows_its_dik_row(root: Path) -> None:
    text = (EXEMPT / "item.yaml").read_text(encoding="utf-8")
    add_item(root, "data-kependudukan-2024", text, {})
    commit(root, "DIK")
    body = comment(root)
    assert cell(body, "DIK: Dasar hukum")[1] == "UU 14/2008 Pasal 17 huruf h; UU 24/2013 Pasal 79"
    assert cell(body, "DIK: Jangka waktu pengecualian")[1] == "selama yang bersangkutan hidup"
    assert cell(body, "DIK: Uji konsekuensi")[1] == "15 Juli 2024"
    assert "Lampiran:" not in body


def test_a_change_to_the_units_rechecks_everything(root: Path) -> None:
    units = root / "content" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "\n# catatan\n", encoding="utf-8")
    commit(root, "Unit")
    body = comment(root)
    assert "semua 1 item diperiksa ulang" in body
    assert "tidak ada item DIP yang berubah" in body


def test_help_is_indonesian(dip: RunDip, root: Path) -> None:
    out = dip("review", "komentar", "--help", cwd=root)
    assert out.returncode == 0
    assert "Penggunaan:" in out.stdout and "--dasar REF" in out.stdout
    assert "Usage:" not in out.stdout and "[OPTIONS]" not in out.stdout
