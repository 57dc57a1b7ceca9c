#!/usr/bin/env python3
"""Set up the project: a virtualenv at .venv with dip-pipeline and its tools installed.

Works on a fresh Debian 12 with only Python 3.11. Debian ships `venv` without pip
(package python3-venv); when ensurepip is missing we say exactly what to install, or
install it ourselves when running as root (as CI does).
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


def main() -> int:
    if not shutil.which("git") and not apt_install("git"):
        say("git belum terpasang: jalankan 'sudo apt-get install git' lalu ulangi")
        return 2
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
    say("siap: perintah 'dip' ada di .venv/bin/dip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
