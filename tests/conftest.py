"""Shared test fixtures: a throwaway project, the `dip` command, no network."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.bench.minimal import minimal_pdf

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 25)
MKDOCS = "site_name: uji\nplugins:\n  - dip:\n      opd: uji\n"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to 127.0.0.1 only; anything else is a bug in the test."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in (
            "127.0.0.1",
            "::1",
            "localhost",
        ):
            raise OSError(f"network blocked in tests: {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


def make_project(target: Path, mkdocs: str = MKDOCS) -> Path:
    """An empty project: mkdocs.yml, the real schemas and units, an empty content folder."""
    (target / "content" / "dip").mkdir(parents=True)
    (target / "schema").mkdir()
    for name in ("item.schema.json", "sikedip.openapi.yaml"):
        shutil.copyfile(ROOT / "schema" / name, target / "schema" / name)
    shutil.copyfile(ROOT / "content" / "units.yaml", target / "content" / "units.yaml")
    (target / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    return target


SITE_MKDOCS = """site_name: Uji
docs_dir: situs
theme:
  name: material
  language: id
  font: false
plugins:
  - search:
      lang: en
  - dip:
      opd: uji
"""


def make_site_project(target: Path) -> Path:
    """A project that can also build the site (theme, home page)."""
    root = make_project(target, SITE_MKDOCS)
    (root / "situs").mkdir()
    (root / "situs" / "index.md").write_text("# Beranda\n\n<!-- dip:ringkasan -->\n")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "proyek")


GOOD_ITEM = """\
judul: Rencana Strategis Disdukcapil Provinsi Kalimantan Barat 2019–2023
ringkasan: >-
  Dokumen perencanaan lima tahunan yang memuat visi, misi, tujuan, sasaran,
  strategi dan program Dinas.
kategori: berkala
subkategori: program_kegiatan
unit: sekretariat
pejabat_penguasa: Sekretaris Dinas
penanggung_jawab: Kepala Dinas
waktu_pembuatan: "2019-09-30"
tempat_pembuatan: Pontianak
bentuk: [softcopy, hardcopy]
arsip_fisik: Lemari arsip PPID Pembantu, rak B-2
retensi: 10 tahun
tahun: 2019
status: terbit
lampiran:
  - berkas: renstra-2019-2023.pdf
    judul: Dokumen Renstra 2019–2023
    sumber: pindaian
tautan: []
catatan_perubahan: Unggahan awal
"""

# A real one-page PDF with a text layer: attachments are inspected like any upload.
PDF = minimal_pdf("Rencana Strategis Disdukcapil Provinsi Kalimantan Barat 2019-2023")


def add_item(
    project: Path,
    item_id: str = "renstra-2019-2023",
    text: str = GOOD_ITEM,
    files: dict[str, bytes] | None = None,
) -> Path:
    folder = project / "content" / "dip" / item_id
    folder.mkdir(parents=True)
    (folder / "item.yaml").write_text(text, encoding="utf-8")
    for name, data in ({"renstra-2019-2023.pdf": PDF} if files is None else files).items():
        (folder / name).write_bytes(data)
    return folder


RunDip = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def dip() -> Iterator[RunDip]:
    """Run `python -m pipeline` as a user would, in a given folder."""

    def run(
        *args: str, cwd: Path, env: dict[str, str] | None = None, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "DIP_TODAY": TODAY.isoformat(), "NO_COLOR": "1"}
        full_env.pop("GITHUB_ACTIONS", None)
        full_env.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "pipeline", *args],
            cwd=cwd,
            env=full_env,
            text=True,
            capture_output=True,
            input=input,
            timeout=120,
        )

    yield run


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Petugas PPID",
        "GIT_AUTHOR_EMAIL": "petugas@example.invalid",
        "GIT_COMMITTER_NAME": "Petugas PPID",
        "GIT_COMMITTER_EMAIL": "petugas@example.invalid",
    }
    env.update({k: v for k, v in os.environ.items() if k.startswith("GIT_TEST_")})
    out = subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """$DIP_SCREENSHOTS if set (so a person can look), else a pytest tmp folder."""
    wanted = os.environ.get("DIP_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
