#!/usr/bin/env python3
"""Set up the project: a virtualenv at .venv with dip-pipeline and its tools installed.

Works on a fresh Debian 12 with only Python 3.11. Debian ships `venv` without pip
(package python3-venv); when ensurepip is missing we say exactly what to install, or
install it ourselves when running as root (as CI does). The same goes for the OCR tools
`dip` needs at run time (ocrmypdf, tesseract-ocr-ind, poppler-utils), and for Node.js,
which only the staff web form (`dip formulir`, npm project in formulir/) needs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"


def say(text: str) -> None:
    print(f"[siapkan] {text}", flush=True)


def run(*args: str | Path) -> None:
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT)


def have_ensurepip() -> bool:
    probe = subprocess.run([sys.executable, "-c", "import ensurepip, venv"], capture_output=True)
    return probe.returncode == 0


def apt_install(*packages: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    say(f"memasang paket sistem: {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True, env=env)
    return True


TEST_PACKAGES = ("chromium", "fonts-dejavu-core", "hugo")
# OCR is needed at run time, not only in tests: attachment pages without a text layer are
# read with tesseract so a scanned NIK cannot pass unseen, and `dip lampiran siapkan` runs
# ocrmypdf. poppler-utils renders the pages.
RUNTIME_PACKAGES = ("ocrmypdf", "tesseract-ocr-ind", "poppler-utils")
RUNTIME_COMMANDS = ("ocrmypdf", "tesseract", "pdftoppm", "pdfinfo")


def installed(package: str) -> bool:
    probe = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    )
    return probe.returncode == 0 and "install ok installed" in probe.stdout


def runtime_tools(required: bool) -> int:
    """Install the OCR tools (as root), or name the command that does. Only the test setup
    (`required`) fails without them; `dip` itself then reports scanned pages as unreadable."""
    if shutil.which("dpkg-query"):
        missing = [p for p in RUNTIME_PACKAGES if not installed(p)]
    elif all(shutil.which(c) for c in RUNTIME_COMMANDS):
        missing = []
    else:
        missing = list(RUNTIME_PACKAGES)
    if not missing or apt_install(*missing):
        return 0
    command = f"sudo apt-get install {' '.join(missing)}"
    if required:
        say(f"OCR belum terpasang: jalankan '{command}' lalu ulangi")
        return 2
    say(
        f"peringatan: OCR belum terpasang, jadi halaman hasil pindaian tidak dapat diperiksa; "
        f"jalankan '{command}'"
    )
    return 0


def test_tools() -> int:
    """What the test suite needs beyond Python: Debian's chromium (real-browser tests of the
    site), hugo (benchmark comparison) and axe-core from npm (accessibility checks)."""
    if shutil.which("dpkg-query"):
        wanted = list(TEST_PACKAGES) + ([] if shutil.which("npm") else ["nodejs", "npm"])
        missing = [p for p in wanted if not installed(p)]
        if missing and not apt_install(*missing):
            say(
                f"alat uji belum terpasang: jalankan 'sudo apt-get install {' '.join(missing)}' "
                "lalu ulangi"
            )
            return 2
    if (ROOT / "package-lock.json").exists() and not (ROOT / "node_modules").is_dir():
        if not shutil.which("npm"):
            say("npm belum terpasang: jalankan 'sudo apt-get install nodejs npm' lalu ulangi")
            return 2
        say("memasang axe-core dari registri npm (package-lock.json)")
        run("npm", "ci", "--no-audit", "--no-fund", "--silent")
    return 0


FORM = ROOT / "formulir"


def form_tools(required: bool) -> int:
    """The staff web form (`dip formulir`): Decap CMS and decap-server from the npm registry,
    exactly as `formulir/package-lock.json` pins them. Needs Node.js; only the test setup
    (`required`) fails without it, since `dip jalankan` never needs node."""
    lock = FORM / "package-lock.json"
    stamp = FORM / "node_modules" / ".package-lock.json"
    if not lock.exists() or (stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime):
        return 0
    if not shutil.which("npm") and not apt_install("nodejs", "npm"):
        command = "sudo apt-get install nodejs npm"
        if required:
            say(f"npm belum terpasang: jalankan '{command}' lalu ulangi")
            return 2
        say(
            f"peringatan: formulir web (dip formulir) belum dapat dipakai tanpa Node.js; "
            f"jalankan '{command}' lalu ulangi perintah ini"
        )
        return 0
    say("memasang formulir web (Decap CMS, decap-server) dari registri npm")
    # --ignore-scripts: the packages ship built files; nothing needs to run at install.
    done = subprocess.run(
        ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=FORM,
    )
    if done.returncode == 0:
        return 0
    if required:
        say("pemasangan formulir web gagal (lihat di atas)")
        return 2
    say("peringatan: pemasangan formulir web gagal (lihat di atas); 'dip formulir' belum siap")
    return 0


def main() -> int:
    if not shutil.which("git") and not apt_install("git"):
        say("git belum terpasang: jalankan 'sudo apt-get install git' lalu ulangi")
        return 2
    if PY.exists() and (ROOT / ".venv" / "bin" / "dip").exists() and "--uji" in sys.argv[1:]:
        return runtime_tools(required=True) or test_tools() or form_tools(required=True)
    if not PY.exists():
        if not have_ensurepip():
            minor = f"python3.{sys.version_info.minor}-venv"
            if not apt_install(minor):
                say(
                    f"modul venv belum lengkap: jalankan 'sudo apt-get install {minor}' "
                    "lalu ulangi perintah ini"
                )
                return 2
        say("membuat lingkungan Python di .venv")
        run(sys.executable, "-m", "venv", VENV)
    say("memasang dip-pipeline beserta alat uji (sekali saja, perlu akses ke PyPI)")
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", ".[dev]")
    code = runtime_tools(required="--uji" in sys.argv[1:])
    if code:
        return code
    if "--uji" in sys.argv[1:]:
        code = test_tools()
        if code:
            return code
    code = form_tools(required="--uji" in sys.argv[1:])
    if code:
        return code
    say("siap: perintah 'dip' ada di .venv/bin/dip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
