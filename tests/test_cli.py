"""`dip` run as a user runs it: a subprocess in a project folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import GOOD_ITEM, PDF, ROOT, RunDip, add_item, make_site_project

BAD_ITEM = GOOD_ITEM.replace("kategori: berkala", "kategori: berkal")


def test_help_is_indonesian(dip: RunDip, project: Path) -> None:
    for args in (
        ["--help"],
        ["check", "--help"],
        ["new", "--help"],
        ["bench", "--help"],
        ["kode", "--help"],
        ["jalankan", "--help"],
    ):
        out = dip(*args, cwd=project)
        assert out.returncode == 0
        assert "Penggunaan:" in out.stdout and "Opsi" in out.stdout
        assert "Usage:" not in out.stdout and "Show this message" not in out.stdout
        for english in ("TEXT", "INTEGER", "RANGE", "DIRECTORY", "[OPTIONS]", "default:"):
            assert english not in out.stdout, (args, english)


def test_python_m_pipeline_is_dip(dip: RunDip, project: Path) -> None:
    assert dip("--version", cwd=project).stdout.startswith("dip, versi ")


def test_check_ok_exit_0(dip: RunDip, project: Path) -> None:
    add_item(project)
    out = dip("check", cwd=project)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 item diperiksa: semuanya baik." in out.stdout


def test_check_json_shape(dip: RunDip, project: Path) -> None:
    add_item(project)
    add_item(project, "item-rusak", BAD_ITEM)
    out = dip("check", "--format", "json", cwd=project)
    assert out.returncode == 1
    payload = json.loads(out.stdout)
    assert payload == {
        "items_checked": 2,
        "problems": [
            {
                "path": "content/dip/item-rusak/item.yaml",
                "line": 5,
                "col": 11,
                "code": "DIP-E204",
                "severity": "error",
                "message": payload["problems"][0]["message"],
            }
        ],
    }
    assert "berkal" in payload["problems"][0]["message"]
    assert "maksudnya 'berkala'" in payload["problems"][0]["message"]


def test_one_bad_item_never_hides_the_others(dip: RunDip, project: Path) -> None:
    add_item(project, "aaa-rusak", "a: &x 1\n", files={})
    add_item(project, "bbb-rusak", "- daftar\n", files={})
    add_item(project, "ccc-rusak", BAD_ITEM)
    payload = json.loads(dip("check", "--format", "json", cwd=project).stdout)
    assert payload["items_checked"] == 3
    assert sorted({p["path"].split("/")[2] for p in payload["problems"]}) == [
        "aaa-rusak",
        "bbb-rusak",
        "ccc-rusak",
    ]


def test_text_report_grouped_per_file_with_fix(dip: RunDip, project: Path) -> None:
    add_item(project, "item-rusak", BAD_ITEM)
    out = dip("check", cwd=project)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert lines[0] == "content/dip/item-rusak/item.yaml"
    assert "5:11" in lines[1] and "kesalahan" in lines[1] and "DIP-E204" in lines[1]
    assert lines[2].strip().startswith("perbaikan: ")
    assert "\x1b[" not in out.stdout  # no colour when not a terminal
    assert "Traceback" not in out.stdout + out.stderr


def test_github_format_and_step_summary(dip: RunDip, project: Path, tmp_path: Path) -> None:
    add_item(project, "item-rusak", BAD_ITEM)
    summary = tmp_path / "summary.md"
    out = dip("check", "--format", "github", cwd=project, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert out.returncode == 1
    first = out.stdout.splitlines()[0]
    assert first.startswith(
        "::error file=content/dip/item-rusak/item.yaml,line=5,col=11,title=DIP-E204::"
    )
    text = summary.read_text(encoding="utf-8")
    assert (
        "## ❌ Pemeriksaan DIP" in text and "| `content/dip/item-rusak/item.yaml` | 5:11 |" in text
    )


def test_auto_format_is_github_inside_actions(dip: RunDip, project: Path) -> None:
    add_item(project, "item-rusak", BAD_ITEM)
    out = dip("check", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert out.stdout.startswith("::error file=")


def test_workflow_command_injection_is_escaped(dip: RunDip, project: Path) -> None:
    evil = GOOD_ITEM.replace("kategori: berkala", 'kategori: "x\\n::error file=evil::pwned%"')
    add_item(project, "item-jahat", evil)
    out = dip("check", "--format", "github", cwd=project)
    lines = out.stdout.splitlines()
    # One annotation, and the injected text stays inside its message on the same line.
    assert [line for line in lines if line.startswith("::")] == [lines[0]]
    assert lines[0].startswith("::error file=content/dip/item-jahat/item.yaml,line=5")
    assert "x\\x0a::error file=evil::pwned%25" in lines[0]


def test_check_given_paths(dip: RunDip, project: Path) -> None:
    add_item(project)
    bad = add_item(project, "item-rusak", BAD_ITEM)
    ok = dip("check", "content/dip/renstra-2019-2023/item.yaml", "--format", "json", cwd=project)
    assert json.loads(ok.stdout)["items_checked"] == 1 and ok.returncode == 0
    out = dip("check", str(bad), "content/dip/renstra-2019-2023", "--format", "json", cwd=project)
    assert json.loads(out.stdout)["items_checked"] == 2 and out.returncode == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["check", "tidak-ada"], "tidak ditemukan"),
        (["check", "mkdocs.yml"], "di luar content/dip"),
        (["check", "--format", "xml"], "Nilai tidak sah untuk '--format'"),
        (["check", "--changed-since", "HEAD"], "bukan repositori git"),
        (["cek"], "Perintah 'cek' tidak dikenal"),
    ],
)
def test_usage_errors_exit_2(dip: RunDip, project: Path, args: list[str], needle: str) -> None:
    out = dip(*args, cwd=project)
    assert out.returncode == 2, out.stdout + out.stderr
    assert needle in out.stderr
    assert "Traceback" not in out.stderr


def test_outside_a_project_exit_2(dip: RunDip, tmp_path: Path) -> None:
    out = dip("check", cwd=tmp_path)
    assert out.returncode == 2
    assert "mkdocs.yml tidak ditemukan" in out.stderr


@pytest.mark.parametrize(
    "mkdocs",
    [
        "plugins:\n  - dip: [1, 2]\n",
        "plugins:\n  - dip:\n      max_file_bytes: banyak\n",
        "plugins:\n  - dip:\n      content_dir: ../../etc\n",
        "plugins: [\n",
    ],
)
def test_bad_configuration_exit_2(dip: RunDip, project: Path, mkdocs: str) -> None:
    (project / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    out = dip("check", cwd=project)
    assert out.returncode == 2
    assert out.stderr.startswith("Kesalahan: ") and "Traceback" not in out.stderr


def test_mkdocs_python_tags_are_ignored(dip: RunDip, project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - dip:\n      opd: uji\n",
        encoding="utf-8",
    )
    add_item(project)
    assert dip("check", cwd=project).returncode == 0


def test_kode_explains_codes(dip: RunDip, project: Path) -> None:
    out = dip("kode", "e401", cwd=project)
    assert out.returncode == 0 and out.stdout.startswith("DIP-E401 (error): Nama folder item")
    assert dip("kode", "X999", cwd=project).returncode == 2


def test_codes_document_is_current() -> None:
    from pipeline.problems import codes_markdown

    assert (ROOT / "docs" / "kode-masalah.md").read_text(encoding="utf-8") == codes_markdown()


def test_sample_content_passes(dip: RunDip) -> None:
    out = dip("check", "--format", "json", cwd=ROOT)
    payload = json.loads(out.stdout)
    assert out.returncode == 0, payload
    assert payload["items_checked"] >= 25
    assert [p for p in payload["problems"] if p["severity"] == "error"] == []


def test_jalankan_runs_the_pipeline(dip: RunDip, tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "proyek")
    add_item(project)
    out = dip("jalankan", cwd=project)
    assert out.returncode == 0 and "semuanya baik" in out.stdout
    assert (project / "site" / "dip" / "renstra-2019-2023" / "index.html").is_file()
    assert "http://127.0.0.1:8000/" in out.stdout
    # Step 3: the local receiver got the item, and says where to look.
    assert "1 baru" in out.stdout and "Sikedip sudah sama dengan konten." in out.stdout
    assert "dip sikedip serve --dev" in out.stdout
    from pipeline.sikedip.store import Store

    store = Store(project / ".dip" / "sikedip")
    assert store.items("uji")["renstra-2019-2023"]["status"] == "terbit"
    store.close()
    again = dip("jalankan", cwd=project)
    assert again.returncode == 0 and "0 baru, 0 diperbarui, 0 ditarik, 1 tetap" in again.stdout
    add_item(project, "item-rusak", BAD_ITEM)
    assert dip("jalankan", cwd=project).returncode == 1


def test_item_format_document_is_current() -> None:
    from pipeline.schema import SCHEMA_FILE, fields_markdown

    schema = json.loads((ROOT / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert (ROOT / "docs" / "format-item.md").read_text(encoding="utf-8") == fields_markdown(schema)


def test_file_names_that_are_not_utf8_give_valid_json(dip: RunDip, project: Path) -> None:
    folder = add_item(project)
    with open(os.path.join(bytes(folder), b"bad\xffname.pdf"), "wb") as fh:
        fh.write(PDF)
    os.mkdir(os.path.join(bytes(project / "content" / "dip"), b"item-\xe9x"))
    out = dip("check", "--format", "json", cwd=project, env={"LC_ALL": "C.UTF-8"})
    assert out.returncode == 1 and "Traceback" not in out.stderr
    paths = {p["path"] for p in json.loads(out.stdout)["problems"]}
    assert paths == {
        "content/dip/item-\\xe9x",
        "content/dip/item-\\xe9x/item.yaml",
        "content/dip/renstra-2019-2023/bad\\xffname.pdf",
    }


def test_terminal_escapes_in_file_names_are_neutralised(dip: RunDip, project: Path) -> None:
    folder = add_item(project)
    (folder / "x\x1b[2Jy.pdf").write_bytes(PDF)
    out = dip("check", cwd=project)
    assert "\x1b" not in out.stdout
    assert "content/dip/renstra-2019-2023/x\\x1b[2Jy.pdf" in out.stdout
