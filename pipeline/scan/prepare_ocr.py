"""Step 2 of `dip lampiran siapkan`: ocrmypdf adds the text layer and converts to PDF/A,
with only the options the installed version knows and a time limit for the whole run.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

from ..problems import printable
from ..project import ConfigError

__all__ = ["find_ocrmypdf", "run_ocrmypdf"]

OCRMYPDF_BASE_TIMEOUT = 300.0
OCRMYPDF_PAGE_TIMEOUT = 120.0
_LANGUAGES = re.compile(r"[a-z_]{3,8}(?:\+[a-z_]{3,8}){0,4}")
# Options we ask of ocrmypdf; each one the installed version lacks is left out.
_WANTED_OPTIONS = ("--rotate-pages", "--deskew", "--skip-text", "--optimize")


def find_ocrmypdf(languages: str) -> str:
    from .ocr import OCR_INSTALL_HINT, find_ocr

    if not _LANGUAGES.fullmatch(languages):
        raise ConfigError(f"--bahasa '{languages}' tidak sah; contoh: ind atau ind+eng")
    ocrmypdf = shutil.which("ocrmypdf")
    if ocrmypdf is None or find_ocr() is None:
        raise ConfigError(OCR_INSTALL_HINT)
    installed = _tesseract_languages()
    missing = [lang for lang in languages.split("+") if lang not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{m.replace('_', '-')}" for m in missing)
        raise ConfigError(
            f"data bahasa OCR {', '.join(missing)} belum terpasang; pasang dengan: "
            f"sudo apt-get install {packages}"
        )
    return ocrmypdf


def _tesseract_languages() -> set[str]:
    tesseract = shutil.which("tesseract") or "tesseract"
    try:
        done = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    lines = done.stdout.decode("utf-8", "replace").splitlines()[1:]  # after the heading
    return {line.strip() for line in lines if line.strip()}


def run_ocrmypdf(
    ocrmypdf: str, source: Path, target: Path, languages: str, pages: int, notes: list[str]
) -> bool:
    """Returns True when the result is PDF/A."""
    supported = _supported_options(ocrmypdf)
    args = [ocrmypdf, "--output-type", "pdfa", "-l", languages]
    if "--optimize" in supported:
        args += ["--optimize", "1"]
    if "--rotate-pages" in supported and "osd" in _tesseract_languages():
        args.append("--rotate-pages")
    if "--deskew" in supported:
        args.append("--deskew")
    if "--skip-text" in supported:
        args.append("--skip-text")
    left_out = [o for o in _WANTED_OPTIONS if o not in supported]
    if left_out:
        notes.append("ocrmypdf ini tidak mendukung " + ", ".join(left_out))
    args += ["--jobs", str(max(1, min(os.cpu_count() or 1, 4))), str(source), str(target)]
    timeout = OCRMYPDF_BASE_TIMEOUT + OCRMYPDF_PAGE_TIMEOUT * pages
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # ocrmypdf starts tesseract and ghostscript: stop them all
    )
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ConfigError(f"ocrmypdf melewati batas waktu {timeout:.0f} detik") from None
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    # 10: PDF/A conversion failed but a valid PDF was written.
    if process.returncode not in (0, 10) or not target.is_file():
        tail = printable(err.decode("utf-8", "replace").strip()[-1500:])
        raise ConfigError(f"ocrmypdf gagal (kode keluar {process.returncode}):\n{tail}")
    return process.returncode == 0


def _supported_options(ocrmypdf: str) -> set[str]:
    try:
        done = subprocess.run([ocrmypdf, "--help"], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return set()
    text = done.stdout.decode("utf-8", "replace")
    return {o for o in _WANTED_OPTIONS if o in text}
