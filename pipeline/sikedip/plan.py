"""What a push must do: compare the content with what Sikedip holds, by canonical hash."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .client import Remote
from .payload import Payload

CREATE, UPDATE, WITHDRAW, UNCHANGED = "create", "update", "withdraw", "unchanged"
# How each action reads to people.
LABELS = {CREATE: "baru", UPDATE: "diperbarui", WITHDRAW: "ditarik", UNCHANGED: "tetap"}
GONE_REASON = (
    "Item tidak lagi ada di Daftar Informasi Publik (foldernya dihapus atau diganti nama)."
)


@dataclass(frozen=True)
class Action:
    kind: str
    id: str
    payload: Payload | None = None  # create/update: what is sent
    alasan: str | None = None  # withdraw: why
    remote_hash: str | None = None  # what Sikedip held before


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)
    unchanged: int = 0

    def of(self, kind: str) -> list[Action]:
        return [a for a in self.actions if a.kind == kind]

    def counts(self) -> dict[str, int]:
        out = {kind: 0 for kind in (CREATE, UPDATE, WITHDRAW)}
        for action in self.actions:
            out[action.kind] += 1
        out[UNCHANGED] = self.unchanged
        return out


def make_plan(payloads: Iterable[Payload], remote: Iterable[Remote]) -> Plan:
    held = {r.id: r for r in remote}
    plan = Plan()
    local_ids = set()
    for payload in payloads:
        item_id = payload["id"]
        local_ids.add(item_id)
        there = held.get(item_id)
        if payload["status"] == "ditarik":
            if there is not None and there.status == "terbit":
                alasan = str(payload["penarikan"]["alasan"])
                plan.actions.append(Action(WITHDRAW, item_id, None, alasan, there.hash))
            else:
                plan.unchanged += 1  # never sent, or already withdrawn there
        elif there is None:
            plan.actions.append(Action(CREATE, item_id, payload))
        elif there.hash != payload["hash"] or there.status != "terbit":
            plan.actions.append(Action(UPDATE, item_id, payload, None, there.hash))
        else:
            plan.unchanged += 1
    for item_id in sorted(set(held) - local_ids):
        if held[item_id].status == "terbit":
            plan.actions.append(Action(WITHDRAW, item_id, None, GONE_REASON, held[item_id].hash))
    order = {CREATE: 0, UPDATE: 0, WITHDRAW: 1}
    plan.actions.sort(key=lambda a: (order[a.kind], a.id))
    return plan


@dataclass(frozen=True)
class FileNeed:
    sha256: str
    size: int
    path: Path
    items: tuple[str, ...]  # the items that cannot be sent without it


def needed_files(plan: Plan, content: Path) -> list[FileNeed]:
    """Every distinct attachment of the items to send, once each."""
    found: dict[str, tuple[int, Path, list[str]]] = {}
    for action in plan.actions:
        if action.payload is None:
            continue
        for entry in action.payload.get("lampiran", []):
            sha = entry["sha256"]
            if sha not in found:
                found[sha] = (entry["size"], content / action.id / entry["berkas"], [])
            found[sha][2].append(action.id)
    return [FileNeed(sha, size, path, tuple(ids)) for sha, (size, path, ids) in found.items()]
