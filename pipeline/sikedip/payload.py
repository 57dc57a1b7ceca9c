"""What Sikedip receives for one item, and its canonical hash (DESIGN §5).

The payload is the item exactly as loaded by the one loader (`pipeline.item.load_item`):
every field of item.yaml, plus `id`, and each `lampiran` entry completed with the file's
`sha256`, `size` and `media_type`. `hash` is the sha256 of the canonical JSON of the
payload without `hash` itself.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checker import item_folders
from ..files import MEDIA_TYPES, sha256_file
from ..hashcache import Entry, for_project
from ..item import Context, Item, load_item
from ..parallel import map_items
from ..problems import Problem
from ..project import Config
from ..scan.attachments import Progress, Target, known_problems, scan_problems, targets_of

Payload = dict[str, Any]
# Keys the payload adds to an item's own fields; the receiver strips them to validate the
# rest against schema/item.schema.json.
PAYLOAD_KEYS = ("id", "hash")
FILE_KEYS = ("sha256", "size", "media_type")


def canonical_json(value: Any) -> bytes:
    """RFC 8785 (JCS) for the values a payload holds: objects with ASCII keys, strings,
    integers and lists. Sorted keys, no whitespace, UTF-8 without escaping."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def payload_hash(payload: Payload) -> str:
    """sha256 (hex) of the canonical JSON of the payload without its `hash` key."""
    body = {k: v for k, v in payload.items() if k != "hash"}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def build_payload(item: Item, digest: Callable[[Path], str] = sha256_file) -> Payload | None:
    """The payload of an item without errors; None when `dip check` would refuse it."""
    if item.data is None or not item.ok:
        return None
    payload: Payload = {k: v for k, v in item.data.items() if k != "lampiran"}
    if "lampiran" in item.data:
        found = {a.name: a for a in item.attachments}
        lampiran = []
        for entry in item.data["lampiran"]:
            attachment = found[entry["berkas"]]  # guaranteed by the file rules when ok
            ext = attachment.name.rsplit(".", 1)[-1].lower()
            lampiran.append(
                {
                    **entry,
                    "sha256": digest(attachment.path),
                    "size": attachment.size,
                    "media_type": MEDIA_TYPES.get(ext, "application/octet-stream"),
                }
            )
        payload["lampiran"] = lampiran
    payload["id"] = item.id
    payload["hash"] = payload_hash(payload)
    return payload


Worked = tuple[list[Problem], Payload | None, list[Target], dict[str, Entry]]


def _errors_and_payload(ctx: Context, folder: Path) -> Worked:
    """One item as Sikedip needs it (module level: runs in worker processes too)."""
    item = load_item(ctx, folder)
    cache = for_project(ctx.config.root)
    payload = build_payload(item, cache.digest)
    targets = targets_of(item, ctx.config.rel(folder), cache.digest)
    found, misses = known_problems(targets, ctx.config.root)
    errors = [p for p in [*item.problems, *found] if p.severity == "error"]
    return errors, payload if not found else None, misses, cache.take_new()


@dataclass
class Loaded:
    items_checked: int
    problems: list[Problem]  # errors only: any of them forbids publishing anything
    payloads: list[Payload]


def load_payloads(
    config: Config, jobs: int | None = None, progress: Progress | None = None
) -> Loaded:
    """Every item's payload, and every error that forbids publishing anything."""
    ctx = Context.create(config)
    folders, stray = item_folders(config)
    problems: list[Problem] = [*ctx.unit_problems, *stray]
    payloads: list[Payload] = []
    learnt: dict[str, Entry] = {}
    targets: list[Target] = []
    for errors, payload, item_targets, new in map_items(ctx, folders, _errors_and_payload, jobs):
        problems.extend(errors)
        learnt.update(new)
        targets.extend(item_targets)
        if payload is not None:
            payloads.append(payload)
    # A file that may not be published stops the push, as it stops `dip check`.
    problems.extend(scan_problems(config, targets, progress))
    problems = [p for p in problems if p.severity == "error"]
    problems.sort(key=Problem.sort_key)
    in_use = {
        f"{config.content_dir}/{p['id']}/{e['berkas']}"
        for p in payloads
        for e in p.get("lampiran", [])
    }
    if learnt:  # pruning needs the whole cache: only worth it when it grew
        for_project(config.root).save(learnt, in_use)
    return Loaded(len(folders), problems, payloads)


def attachment_paths(config: Config, payload: Payload) -> dict[str, Path]:
    """sha256 → file on disk for every attachment of a payload."""
    folder = config.content_path / payload["id"]
    return {entry["sha256"]: folder / entry["berkas"] for entry in payload.get("lampiran", [])}
