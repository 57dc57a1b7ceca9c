"""What the reference Sikedip receiver holds: item states in SQLite, files by content.

Layout of the data folder:

    receiver.sqlite3     items, their history, payloads by hash, files, idempotency keys
    files/ab/<sha256>    every uploaded file, named by its sha256
    tmp/                 uploads in progress (emptied when a receiver starts)

Crash safety: SQLite runs in WAL mode with synchronous=NORMAL, so a killed process never
loses a committed transaction (a power cut may lose the last few, never corrupts). A file
is written to tmp/, fsynced, then renamed into files/; its row is recorded afterwards, so a
file without a row (killed in between) is simply recorded again by the next upload.
One connection serves every thread, behind one lock: the receiver's writes are short and
this keeps every check-then-write step a single serialised transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..project import ConfigError
from .payload import canonical_json

DB_FILE = "receiver.sqlite3"
LOCK_FILE = "receiver.lock"
SCHEMA_VERSION = 1
KEY_DAYS = 30  # Idempotency-Key answers are kept this long (pruned when a receiver starts)
_CHUNK = 1 << 16  # read(n) waits for all n bytes: small blocks keep the temp file growing

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    recorded_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS payloads (
    hash TEXT PRIMARY KEY,
    payload TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS items (
    opd TEXT NOT NULL,
    id TEXT NOT NULL,
    hash TEXT NOT NULL REFERENCES payloads (hash),
    status TEXT NOT NULL CHECK (status IN ('terbit', 'ditarik')),
    alasan TEXT,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (opd, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS history (
    opd TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    hash TEXT NOT NULL REFERENCES payloads (hash),
    status TEXT NOT NULL,
    alasan TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (opd, id, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS attachments (
    opd TEXT NOT NULL,
    id TEXT NOT NULL,
    berkas TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    PRIMARY KEY (opd, id, berkas)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS attachments_by_sha ON attachments (sha256);
CREATE TABLE IF NOT EXISTS idempotency (
    opd TEXT NOT NULL,
    key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    status INTEGER NOT NULL,
    body BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (opd, key)
) WITHOUT ROWID;
"""


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def now() -> str:
    """UTC time as stored: 2026-11-25T10:04:05Z."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def days_ago(days: int) -> str:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Fingerprint:
    """What makes two requests with one Idempotency-Key the same request."""

    method: str
    path: str
    body_sha256: str


@dataclass(frozen=True)
class Stored:
    """A write's answer, as sent (and as replayed for its Idempotency-Key)."""

    status: int
    body: bytes
    replayed: bool = False


@dataclass(frozen=True)
class KeyConflict:
    """The Idempotency-Key was used before for another request."""


@dataclass(frozen=True)
class MissingFiles:
    sha256: list[str]


@dataclass(frozen=True)
class NotFound:
    pass


@dataclass(frozen=True)
class FileWrite:
    """Result of receiving one file: `ok` when the bytes hash to the name and are complete."""

    ok: bool
    received: int
    created: bool = False


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Store:
    """The receiver's data folder. `Store(data_dir)` opens it for reading (tests, tools);
    `exclusive=True` is the receiver's own: it locks the folder against a second receiver
    and removes uploads left in tmp/ by a killed one."""

    def __init__(self, data_dir: Path, exclusive: bool = False) -> None:
        self.data_dir = Path(data_dir)
        self._lock = threading.Lock()
        self._lock_fd: int | None = None
        try:
            for sub in ("files", "tmp"):
                (self.data_dir / sub).mkdir(parents=True, exist_ok=True)
            ignore = self.data_dir / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# data penerima Sikedip lokal\n*\n", encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"folder data {self.data_dir} tidak dapat dibuat: {exc}") from None
        if exclusive:
            self._take_folder()
            for leftover in (self.data_dir / "tmp").iterdir():
                leftover.unlink(missing_ok=True)
        try:
            self._db = sqlite3.connect(
                self.data_dir / DB_FILE,
                isolation_level=None,
                check_same_thread=False,
                timeout=10,
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            if self._db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                # executescript commits first by itself, so the script brings its own BEGIN.
                self._db.executescript(
                    f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version={SCHEMA_VERSION};COMMIT;"
                )
            if exclusive:
                self._db.execute(
                    "DELETE FROM idempotency WHERE created_at < ?", (days_ago(KEY_DAYS),)
                )
        except sqlite3.DatabaseError as exc:
            self._release_folder()
            raise ConfigError(f"basis data {self.data_dir / DB_FILE} rusak: {exc}") from None

    # -- lifetime -------------------------------------------------------------------------

    def _take_folder(self) -> None:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory lock, one receiver per folder is on the user
            return
        fd = os.open(self.data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise ConfigError(
                f"folder data {self.data_dir} sedang dipakai penerima Sikedip lain"
            ) from None
        self._lock_fd = fd

    def _release_folder(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def close(self) -> None:
        """Close the database (waits for a write in progress). Idempotent."""
        with self._lock:
            self._db.close()
            self._release_folder()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception. Caller holds the lock."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # -- files ----------------------------------------------------------------------------

    def file_path(self, sha256: str) -> Path:
        """Where a file with this sha256 is (or would be) stored."""
        return self.data_dir / "files" / sha256[:2] / sha256

    def file_size(self, sha256: str) -> int | None:
        """Size of a stored file: recorded in the database and present on disk."""
        with self._lock:
            return self._file_size(sha256)

    def _file_size(self, sha256: str) -> int | None:
        row = self._db.execute("SELECT size FROM files WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None or not self.file_path(sha256).is_file():
            return None
        return int(row[0])

    def put_file(self, source: Readable, length: int, sha256: str) -> FileWrite:
        """Read exactly `length` bytes into tmp/ while hashing; keep them only if they hash
        to `sha256`. Socket timeouts and resets propagate (the temp file is removed)."""
        fd, tmp_name = tempfile.mkstemp(dir=self.data_dir / "tmp", prefix="unggah-")
        tmp = Path(tmp_name)
        try:
            digest = hashlib.sha256()
            received = 0
            with os.fdopen(fd, "wb") as out:
                while received < length:
                    chunk = source.read(min(_CHUNK, length - received))
                    if not chunk:
                        break
                    digest.update(chunk)
                    out.write(chunk)
                    received += len(chunk)
                if received != length or digest.hexdigest() != sha256:
                    return FileWrite(ok=False, received=received)
                out.flush()
                os.fsync(out.fileno())
            target = self.file_path(sha256)
            target.parent.mkdir(exist_ok=True)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
        finally:
            tmp.unlink(missing_ok=True)
        with self._lock, self._transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO files (sha256, size, recorded_at) VALUES (?, ?, ?)",
                (sha256, length, now()),
            )
            created = cursor.rowcount == 1
        return FileWrite(ok=True, received=received, created=created)

    def _missing_files(self, lampiran: list[dict[str, Any]]) -> list[str]:
        """sha256 of every attachment not stored with the size the payload states."""
        missing: list[str] = []
        for entry in lampiran:
            size = self._file_size(entry["sha256"])
            if size != entry["size"] and entry["sha256"] not in missing:
                missing.append(entry["sha256"])
        return missing

    def public_file(self, sha256: str) -> tuple[str, str] | None:
        """(berkas, media_type) of a file that a published item lists; None otherwise.
        Attachments of withdrawn items are not served (as on the public site)."""
        with self._lock:
            row = self._db.execute(
                "SELECT a.berkas, a.media_type FROM attachments a JOIN items i"
                " ON i.opd = a.opd AND i.id = a.id"
                " WHERE a.sha256 = ? AND i.status = 'terbit' ORDER BY a.opd, a.id LIMIT 1",
                (sha256,),
            ).fetchone()
            if row is None or self._file_size(sha256) is None:
                return None
        return str(row[0]), str(row[1])

    # -- idempotency ----------------------------------------------------------------------

    def replay(self, opd: str, key: str, fp: Fingerprint) -> Stored | KeyConflict | None:
        """The stored answer for this key, a conflict, or None when the key is new."""
        with self._lock:
            return self._replay(opd, key, fp)

    def _replay(self, opd: str, key: str, fp: Fingerprint) -> Stored | KeyConflict | None:
        row = self._db.execute(
            "SELECT method, path, body_sha256, status, body FROM idempotency"
            " WHERE opd = ? AND key = ?",
            (opd, key),
        ).fetchone()
        if row is None:
            return None
        if (row[0], row[1], row[2]) != (fp.method, fp.path, fp.body_sha256):
            return KeyConflict()
        return Stored(status=int(row[3]), body=bytes(row[4]), replayed=True)

    def _remember(self, opd: str, key: str, fp: Fingerprint, answer: Stored) -> None:
        self._db.execute(
            "INSERT INTO idempotency VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (opd, key, fp.method, fp.path, fp.body_sha256, answer.status, answer.body, now()),
        )

    # -- items ----------------------------------------------------------------------------

    def put_item(
        self, opd: str, payload: dict[str, Any], key: str, fp: Fingerprint
    ) -> Stored | KeyConflict | MissingFiles:
        """Publish a validated payload (status terbit): new → 201, else 200. One
        transaction covers the key check, the file check, the write and the key record."""
        item_id, item_hash = payload["id"], payload["hash"]
        with self._lock, self._transaction() as db:
            earlier = self._replay(opd, key, fp)
            if earlier is not None:
                return earlier
            missing = self._missing_files(payload.get("lampiran", []))
            if missing:
                return MissingFiles(missing)
            row = db.execute(
                "SELECT hash, status, version FROM items WHERE opd = ? AND id = ?",
                (opd, item_id),
            ).fetchone()
            version = 1 if row is None else int(row[2])
            if row is None or (row[0], row[1]) != (item_hash, "terbit"):
                if row is not None:
                    version += 1
                at = now()
                db.execute(
                    "INSERT OR IGNORE INTO payloads VALUES (?, ?)",
                    (item_hash, canonical_json(payload).decode("utf-8")),
                )
                db.execute(
                    "INSERT INTO items VALUES (?, ?, ?, 'terbit', NULL, ?, ?)"
                    " ON CONFLICT (opd, id) DO UPDATE SET hash = excluded.hash,"
                    " status = 'terbit', alasan = NULL, version = excluded.version,"
                    " updated_at = excluded.updated_at",
                    (opd, item_id, item_hash, version, at),
                )
                db.execute(
                    "INSERT INTO history VALUES (?, ?, ?, ?, 'terbit', NULL, ?)",
                    (opd, item_id, version, item_hash, at),
                )
                db.execute("DELETE FROM attachments WHERE opd = ? AND id = ?", (opd, item_id))
                db.executemany(
                    "INSERT OR REPLACE INTO attachments VALUES (?, ?, ?, ?, ?)",
                    [
                        (opd, item_id, e["berkas"], e["sha256"], e["media_type"])
                        for e in payload.get("lampiran", [])
                    ],
                )
            body = {"id": item_id, "hash": item_hash, "status": "terbit", "version": version}
            answer = Stored(201 if row is None else 200, json_bytes(body))
            self._remember(opd, key, fp, answer)
            return answer

    def withdraw(
        self, opd: str, item_id: str, alasan: str, key: str, fp: Fingerprint
    ) -> Stored | KeyConflict | NotFound:
        """Mark an item ditarik (kept, never deleted); already withdrawn → same answer."""
        with self._lock, self._transaction() as db:
            earlier = self._replay(opd, key, fp)
            if earlier is not None:
                return earlier
            row = db.execute(
                "SELECT hash, status, version FROM items WHERE opd = ? AND id = ?",
                (opd, item_id),
            ).fetchone()
            if row is None:
                return NotFound()
            item_hash, status, version = str(row[0]), str(row[1]), int(row[2])
            if status != "ditarik":
                version += 1
                at = now()
                db.execute(
                    "UPDATE items SET status = 'ditarik', alasan = ?, version = ?,"
                    " updated_at = ? WHERE opd = ? AND id = ?",
                    (alasan, version, at, opd, item_id),
                )
                db.execute(
                    "INSERT INTO history VALUES (?, ?, ?, ?, 'ditarik', ?, ?)",
                    (opd, item_id, version, item_hash, alasan, at),
                )
            body = {"id": item_id, "hash": item_hash, "status": "ditarik", "version": version}
            answer = Stored(200, json_bytes(body))
            self._remember(opd, key, fp, answer)
            return answer

    # -- reading --------------------------------------------------------------------------

    def item_states(self, opd: str) -> list[tuple[str, str, str]]:
        """(id, hash, status) of every item of an OPD, sorted by id."""
        rows = self._query("SELECT id, hash, status FROM items WHERE opd = ? ORDER BY id", (opd,))
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def items(self, opd: str) -> dict[str, dict[str, Any]]:
        """Every item of an OPD: id → {hash, status, payload, version, alasan, updated_at}."""
        rows = self._query(
            "SELECT i.id, i.hash, i.status, p.payload, i.version, i.alasan, i.updated_at"
            " FROM items i JOIN payloads p ON p.hash = i.hash WHERE i.opd = ? ORDER BY i.id",
            (opd,),
        )
        return {
            str(r[0]): {
                "hash": r[1],
                "status": r[2],
                "payload": json.loads(r[3]),
                "version": r[4],
                "alasan": r[5],
                "updated_at": r[6],
            }
            for r in rows
        }

    def history(self, opd: str, item_id: str) -> list[dict[str, Any]]:
        """Every recorded change of an item, oldest first: version, hash, status, alasan, at."""
        rows = self._query(
            "SELECT version, hash, status, alasan, at FROM history"
            " WHERE opd = ? AND id = ? ORDER BY version",
            (opd, item_id),
        )
        keys = ("version", "hash", "status", "alasan", "at")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def opds(self) -> list[dict[str, Any]]:
        """Per OPD: counts of terbit and ditarik items and the time of the last change."""
        rows = self._query(
            "SELECT opd, SUM(status = 'terbit'), SUM(status = 'ditarik'), MAX(updated_at)"
            " FROM items GROUP BY opd ORDER BY opd"
        )
        keys = ("opd", "terbit", "ditarik", "updated_at")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def ping(self) -> None:
        """Raise when the database cannot be read."""
        self._query("SELECT 1")

    def check(self) -> str:
        """SQLite's own integrity check ("ok" when sound)."""
        return str(self._query("PRAGMA integrity_check")[0][0])


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); directories cannot be opened on Windows."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
