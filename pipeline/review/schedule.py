"""The scheduled check (DESIGN §7): what in the register needs someone's attention.

* `berkala` items not changed for 6 months (the same finding as DIP-W301 of `dip check`);
* published items whose retention (`retensi`, counted from the end of `waktu_pembuatan`)
  has passed;
* exempt (`dikecualikan`) items whose exemption period (`pengecualian.jangka_waktu`,
  counted from `tanggal_uji`) has ended: the consequence test must be done again, and the
  information opened or the exemption renewed;
* drift between Sikedip and the content: a dry-run plan against $SIKEDIP_URL, anything it
  would not leave "unchanged".

Dates count as passed only when they certainly have: a `waktu_pembuatan` of "2015" counts
from 31 December 2015.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checker import item_folders, stale_problems
from ..httpjson import ServiceError, check_url, is_local
from ..item import Context, load_item
from ..parallel import map_items
from ..project import Config, ConfigError
from ..rules import parse_partial_date
from .github import GitHub

STALE, RETENTION, EXEMPTION, DRIFT = "berkala_usang", "retensi", "pengecualian", "sikedip"
KINDS = (STALE, RETENTION, EXEMPTION, DRIFT)
_RETENSI = re.compile(r"([1-9][0-9]{0,2}) tahun")
# "5 tahun", "5 (lima) tahun", "selama 18 bulan sejak ditetapkan"
_PERIOD = re.compile(r"(\d{1,3})\s*(?:\([^)]{0,40}\)\s*)?(tahun|bulan|hari)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    kind: str
    item: str
    path: str  # relative to the project root
    message: str  # Bahasa Indonesia
    date: str | None = None  # the day that has passed (ISO), when there is one

    def to_json(self) -> dict[str, Any]:
        return {
            "jenis": self.kind,
            "item": self.item,
            "path": self.path,
            "pesan": self.message,
            "tanggal": self.date,
        }


@dataclass
class Drift:
    """Whether Sikedip was compared with the content, where, and why not."""

    checked: bool = False
    target: str | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"diperiksa": self.checked, "tujuan": self.target, "alasan": self.reason}


@dataclass
class ScheduleReport:
    today: dt.date
    items_checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)  # worth knowing, not counted
    drift: Drift = field(default_factory=Drift)
    git: bool = True  # whether staleness could be asked of git

    def of(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    def to_json(self) -> dict[str, Any]:
        return {
            "tanggal": self.today.isoformat(),
            "item_diperiksa": self.items_checked,
            "jumlah_temuan": len(self.findings),
            "temuan": [f.to_json() for f in self.findings],
            "catatan": [f.to_json() for f in self.notes],
            "sikedip": self.drift.to_json(),
            "riwayat_git": self.git,
        }


# -- dates ------------------------------------------------------------------------------


def add_period(day: dt.date, count: int, unit: str) -> dt.date:
    """`day` plus years, months or days; 29 February plus a year is 28 February."""
    unit = unit.lower()
    if unit == "hari":
        return day + dt.timedelta(days=count)
    months = day.year * 12 + day.month - 1 + (count * 12 if unit == "tahun" else count)
    year, month = divmod(months, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _last_day(text: Any) -> dt.date | None:
    """The last day a partial date ('2019', '2019-09', '2019-09-30') covers."""
    if not isinstance(text, str):
        return None
    try:
        span = parse_partial_date(text)
    except ValueError:
        return None
    return span[1] if span else None


# -- the item rules ---------------------------------------------------------------------

# (item id, path of item.yaml, the fields we read; None when item.yaml could not be read)
Facts = tuple[str, str, dict[str, Any] | None]
FIELDS = ("kategori", "status", "waktu_pembuatan", "retensi", "pengecualian")


def _facts(ctx: Context, folder: Path) -> Facts:
    """Module level: runs in worker processes at 10,000 items."""
    item = load_item(ctx, folder)
    rel = ctx.config.rel(folder / "item.yaml")
    data = item.data
    return item.id, rel, {k: data.get(k) for k in FIELDS} if data is not None else None


def retention_finding(
    item_id: str, rel: str, data: dict[str, Any], today: dt.date
) -> Finding | None:
    retensi = data.get("retensi")
    match = _RETENSI.fullmatch(retensi) if isinstance(retensi, str) else None
    made = _last_day(data.get("waktu_pembuatan"))
    if match is None or made is None:
        return None  # "permanen", or a value `dip check` already reports
    ends = add_period(made, int(match[1]), "tahun")
    if today <= ends:
        return None
    return Finding(
        RETENTION,
        item_id,
        rel,
        f"jangka waktu penyimpanan (retensi {retensi} sejak {data['waktu_pembuatan']}) "
        f"berakhir {ends.isoformat()}: tentukan tindak lanjutnya sesuai jadwal retensi arsip, "
        "lalu perbarui 'retensi' atau tarik item ini (status: ditarik, dengan penarikan)",
        ends.isoformat(),
    )


def exemption_finding(
    item_id: str, rel: str, data: dict[str, Any], today: dt.date
) -> tuple[Finding | None, Finding | None]:
    """(a finding when the exemption period has ended, a note when it cannot be computed)."""
    info = data.get("pengecualian")
    if not isinstance(info, dict):
        return None, None
    period, tested = info.get("jangka_waktu"), info.get("tanggal_uji")
    start = _last_day(tested)
    if not isinstance(period, str) or start is None:
        return None, None
    match = _PERIOD.search(period)
    if match is None:
        note = Finding(
            EXEMPTION,
            item_id,
            rel,
            f"jangka waktu pengecualian '{period}' tidak dapat dihitung otomatis; "
            f"tinjau ulang uji konsekuensi ({tested}) secara berkala",
        )
        return None, note
    ends = add_period(start, int(match[1]), match[2])
    if today <= ends:
        return None, None
    finding = Finding(
        EXEMPTION,
        item_id,
        rel,
        f"masa pengecualian ({period}) sejak uji konsekuensi {tested} berakhir "
        f"{ends.isoformat()}: lakukan uji konsekuensi ulang; bila tidak lagi dikecualikan, "
        "buka informasinya (ubah kategori), bila masih, perbarui 'pengecualian' "
        "(tanggal_uji dan jangka_waktu)",
        ends.isoformat(),
    )
    return finding, None


def check_items(config: Config, report: ScheduleReport) -> None:
    """Staleness, retention and exemption findings of every item."""
    ctx = Context.create(config)
    folders, _ = item_folders(config)
    berkala: list[tuple[str, Path]] = []
    for item_id, rel, data in map_items(ctx, folders, _facts):
        report.items_checked += 1
        if data is None or data.get("status") != "terbit":
            continue  # unreadable items are `dip check`'s; withdrawn ones need nothing
        if data.get("kategori") == "berkala":
            berkala.append((item_id, config.content_path / item_id))
        if (found := retention_finding(item_id, rel, data, config.today)) is not None:
            report.findings.append(found)
        if data.get("kategori") == "dikecualikan":
            ended, note = exemption_finding(item_id, rel, data, config.today)
            report.findings.extend(f for f in (ended,) if f is not None)
            report.notes.extend(n for n in (note,) if n is not None)
    report.git = _in_git(config.root)
    # The very rule of `dip check` (DIP-W301), so the two never disagree.
    for problem in stale_problems(config, berkala):
        item_id = problem.path.split("/")[-2]
        report.findings.append(Finding(STALE, item_id, problem.path, problem.message))


def _in_git(root: Path) -> bool:
    try:
        proc = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=root,
            capture_output=True,
            check=False,
        )
    except OSError:
        return False
    return proc.returncode == 0


# -- Sikedip ----------------------------------------------------------------------------


def check_drift(config: Config, report: ScheduleReport, deadline: float = 600.0) -> None:
    """Compare what Sikedip holds with the content, as `dip sikedip push --dry-run` would."""
    from ..sikedip.client import HttpSikedip, Policy
    from ..sikedip.commands import ca_bundle
    from ..sikedip.payload import load_payloads
    from ..sikedip.plan import CREATE, GONE_REASON, UPDATE, make_plan

    drift = report.drift
    url = os.environ.get("SIKEDIP_URL", "").strip()
    token = os.environ.get("SIKEDIP_TOKEN", "") or None
    if not url:
        drift.reason = "SIKEDIP_URL belum diisi (alamat Sikedip yang dibandingkan dengan konten)"
        return
    try:
        base = check_url(url)
    except ValueError as exc:
        raise ConfigError(f"SIKEDIP_URL: {exc}") from None
    drift.target = f"{base} (OPD {config.opd})"
    if token is None and not is_local(base):
        drift.reason = "SIKEDIP_TOKEN belum diisi (token Sikedip untuk membaca daftar item)"
        return
    loaded = load_payloads(config)
    if loaded.problems:
        drift.reason = (
            f"konten memuat {len(loaded.problems)} kesalahan, jadi rencana pengiriman tidak "
            "dapat dibuat; jalankan dip check"
        )
        return
    client = HttpSikedip(base, config.opd, token, ca_bundle(config), Policy(deadline=deadline))
    try:
        remote = client.list_items()
    except ServiceError as exc:
        drift.reason = f"daftar item Sikedip tidak dapat dibaca: {exc}"
        report.findings.append(
            Finding(DRIFT, "", config.content_dir, f"Sikedip tidak dapat dibaca: {exc}")
        )
        return
    drift.checked = True
    for action in make_plan(loaded.payloads, remote).actions:
        folder = config.content_path / action.id
        rel = config.rel(folder / "item.yaml") if folder.is_dir() else config.rel(folder)
        if action.kind == CREATE:
            message = "ada di konten tetapi belum ada di Sikedip"
        elif action.kind == UPDATE:
            message = "isi di Sikedip berbeda dengan konten (atau di Sikedip berstatus ditarik)"
        elif action.alasan == GONE_REASON:
            message = "masih terbit di Sikedip, padahal foldernya sudah tidak ada di konten"
        else:
            message = "masih terbit di Sikedip, padahal di konten sudah ditarik"
        report.findings.append(
            Finding(DRIFT, action.id, rel, f"{message}; jalankan dip sikedip push dari main")
        )


def run(config: Config, sikedip: bool = True) -> ScheduleReport:
    """Every check, findings in a fixed order (kind, item, path)."""
    report = ScheduleReport(config.today)
    check_items(config, report)
    if sikedip:
        check_drift(config, report)
    order = {kind: n for n, kind in enumerate(KINDS)}
    report.findings.sort(key=lambda f: (order[f.kind], f.item, f.path))
    report.notes.sort(key=lambda f: (f.item, f.path))
    return report


# -- the one issue ----------------------------------------------------------------------

MARKER = "<!-- dip-laporan-terjadwal -->"
LABEL = "laporan-terjadwal"


def post_issue(gh: GitHub, title: str, body: str, found: bool) -> str | None:
    """Update the one open report issue, or open it when there is something to report.

    With nothing found and no open issue, nothing is opened: an issue saying "nothing to
    do" would be closed and opened again every day.
    """
    return gh.upsert_issue(MARKER, title, f"{MARKER}\n{body}", [LABEL], create=found)
