"""How a push and the journal read to people (Bahasa Indonesia) and to machines (JSON)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..httpjson import clean_text
from .plan import LABELS, UNCHANGED
from .push import FAILED, OK, PLANNED, SKIPPED

OUTCOMES = {
    OK: "berhasil",
    FAILED: "GAGAL",
    SKIPPED: "tidak dikirim",
    PLANNED: "akan dikirim",
}
# Text output lists every item that did not succeed, and successful ones up to this many.
MAX_OK_ROWS = 200


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB".replace(".", ",")
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def counts_text(counts: dict[str, int]) -> str:
    kinds = ("create", "update", "withdraw", UNCHANGED)
    return ", ".join(f"{counts.get(k, 0)} {LABELS[k]}" for k in kinds)


def commit_text(commit: str | None, clean: bool | None) -> str:
    if commit is None:
        return "bukan repositori git"
    state = "bersih" if clean else "ada perubahan konten yang belum di-commit"
    return f"{commit[:12]} ({state})"


def _approval(data: Any) -> str:
    """' (disetujui @ketua, PR #12)' from a journal row's provenance, made safe to print."""
    if not isinstance(data, dict):
        return ""
    who, pr = data.get("penyetuju"), data.get("pull_request")
    if not isinstance(who, str) or not isinstance(pr, int) or isinstance(pr, bool):
        return ""
    return f" (disetujui @{clean_text(who, None, 40)}, PR #{pr})"


def item_rows(items: list[dict[str, Any]], out: TextIO) -> None:
    shown_ok = 0
    hidden = 0
    for row in items:
        if row["result"] == OK:
            shown_ok += 1
            if shown_ok > MAX_OK_ROWS:
                hidden += 1
                continue
        label = LABELS.get(row["action"], row["action"])
        outcome = OUTCOMES.get(row["result"], row["result"])
        line = f"  {label:<11} {row['id']:<42} {outcome}"
        if row.get("message"):
            line += f": {row['message']}"
        line += _approval(row.get("asal_usul"))
        out.write(line.rstrip() + "\n")
    if hidden:
        out.write(f"  … dan {hidden} item lain berhasil (semuanya ada di --format json)\n")


def push_json(data: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def push_text(data: dict[str, Any], journal_note: str, out: TextIO) -> None:
    out.write(f"Sikedip: {data['target']}\n")
    out.write(f"Commit: {commit_text(data['commit'], data['clean'])}\n")
    if data.get("counts"):
        title = "Rencana (uji coba, tidak ada yang dikirim)" if data["dry_run"] else "Rencana"
        out.write(f"{title}: {counts_text(data['counts'])}\n")
    item_rows(data["items"], out)
    files = data["files"]
    if files["needed"] and not data["dry_run"]:
        out.write(
            f"Lampiran: {files['needed']} berkas diperlukan, {files['sent']} diunggah "
            f"({size_text(files['bytes'])}), sisanya sudah ada di Sikedip\n"
        )
    if data.get("error"):
        out.write(f"Kesalahan: {data['error']}\n")
    if not data["dry_run"]:
        tally = {k: 0 for k in (OK, FAILED, SKIPPED)}
        for row in data["items"]:
            tally[row["result"]] = tally.get(row["result"], 0) + 1
        out.write(
            f"Hasil: {tally[OK]} berhasil, {tally[FAILED]} gagal, {tally[SKIPPED]} tidak dikirim.\n"
        )
        if data["interrupted"]:
            out.write("Pengiriman dihentikan. Jalankan lagi untuk menuntaskannya.\n")
        elif data["complete"]:
            out.write("Sikedip sudah sama dengan konten.\n")
        else:
            out.write("Belum semua terkirim. Jalankan lagi setelah masalahnya diatasi.\n")
    if journal_note:
        out.write(f"Jurnal: {journal_note}\n")


def journal_text(entries: list[dict[str, Any]], out: TextIO) -> None:
    if not entries:
        out.write("Jurnal Sikedip kosong: belum ada pengiriman yang tercatat.\n")
        return
    for n, entry in enumerate(entries):
        if n:
            out.write("\n")
        state = (
            "lengkap"
            if entry.get("complete")
            else ("dihentikan" if entry.get("interrupted") else "TIDAK lengkap")
        )
        out.write(
            f"{entry.get('started', '?')}  {state}  ke {entry.get('target', '?')}\n"
            f"  commit {commit_text(str(entry.get('commit', '?')), bool(entry.get('clean')))}\n"
            f"  {counts_text(entry.get('counts') or {})}\n"
        )
        files = entry.get("files") or {}
        if files.get("sent"):
            out.write(
                f"  {files['sent']} lampiran diunggah ({size_text(int(files.get('bytes', 0)))})\n"
            )
        if entry.get("error"):
            out.write(f"  kesalahan: {entry['error']}\n")
        rows = [r for r in entry.get("items") or [] if isinstance(r, dict) and "id" in r]
        item_rows(rows, out)
