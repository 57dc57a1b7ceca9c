"""Who may approve: the ketua and deputies named in mkdocs.yml, and CODEOWNERS.

Both are read from a given commit (the state of `main` before the change under review),
never from the change itself: a pull request that adds its author to CODEOWNERS does not
make that author an approver of the same pull request.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from ..project import ConfigError, dip_section

# GitHub looks for CODEOWNERS in these places, in this order, and uses the first found.
CODEOWNERS_PATHS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
TEAM = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9_.-]+")
ROLES = ("Ketua", "Plt.", "Plh.")


class ApproverError(Exception):
    """The approver list cannot be read (message in Bahasa Indonesia)."""


@dataclass(frozen=True)
class Approver:
    login: str
    nama: str
    jabatan: str  # e.g. "Ketua PPID Pembantu", "Plt. Ketua PPID Pembantu"


@dataclass(frozen=True)
class Rule:
    pattern: str
    owners: tuple[str, ...]  # logins (lower case) and @org/team names as written
    spec: pathspec.PathSpec  # type: ignore[type-arg]


@dataclass
class Approvers:
    named: dict[str, Approver] = field(default_factory=dict)  # by lower-case login
    rules: list[Rule] = field(default_factory=list)
    codeowners_path: str | None = None

    def owners_of(self, path: str) -> tuple[str, ...]:
        """CODEOWNERS' owners of one repository path (the last matching rule wins)."""
        for rule in reversed(self.rules):
            if rule.spec.match_file(path):
                return rule.owners
        return ()

    def may_approve(self, login: str, paths: list[str]) -> bool:
        """Named in mkdocs.yml, or a CODEOWNERS owner of every one of `paths`."""
        key = login.lower()
        if key in self.named:
            return True
        return bool(paths) and all(key in self.owners_of(p) for p in paths)

    def role(self, login: str) -> str:
        found = self.named.get(login.lower())
        return found.jabatan if found else "pemilik kode (CODEOWNERS)"

    def name(self, login: str) -> str:
        found = self.named.get(login.lower())
        return found.nama if found else login


def _show(root: Path, commit: str, path: str) -> str | None:
    proc = subprocess.run(
        ["git", "show", f"{commit}:{path}"], cwd=root, capture_output=True, check=False
    )
    if proc.returncode != 0:
        return None
    return proc.stdout[:1_000_000].decode("utf-8", "replace")


def parse_named(text: str) -> dict[str, Approver]:
    """The `penyetuju` list of the `dip` plugin section of mkdocs.yml."""
    try:
        section = dip_section(text)
    except ConfigError as exc:
        raise ApproverError(str(exc)) from None
    raw = section.get("penyetuju") or []
    if not isinstance(raw, list):
        raise ApproverError("mkdocs.yml: dip.penyetuju harus berupa daftar")
    named: dict[str, Approver] = {}
    for number, entry in enumerate(raw, 1):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("github"), str)
            or not LOGIN.fullmatch(entry["github"].lstrip("@"))
            or not isinstance(entry.get("jabatan"), str)
            or not entry["jabatan"].startswith(ROLES)
        ):
            raise ApproverError(
                f"mkdocs.yml: dip.penyetuju nomor {number} harus berisi 'github' (nama akun) "
                "dan 'jabatan' yang diawali Ketua, Plt. atau Plh."
            )
        login = entry["github"].lstrip("@")
        nama = entry.get("nama") if isinstance(entry.get("nama"), str) else login
        named[login.lower()] = Approver(login, str(nama), entry["jabatan"])
    return named


def parse_codeowners(text: str) -> list[Rule]:
    rules = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("\\#") else line
        if not line:
            continue
        pattern, *owners = line.split()
        logins = []
        for owner in owners:
            name = owner.lstrip("@")
            if owner.startswith("@") and (LOGIN.fullmatch(name) or TEAM.fullmatch(name)):
                logins.append(name.lower())
        spec = pathspec.GitIgnoreSpec.from_lines([pattern])
        rules.append(Rule(pattern, tuple(logins), spec))
    return rules


def load(root: Path, commit: str, mkdocs_path: str = "mkdocs.yml") -> Approvers:
    """The approvers as they stood at `commit` (paths relative to the repository top)."""
    approvers = Approvers()
    mkdocs = _show(root, commit, mkdocs_path)
    if mkdocs is not None:
        approvers.named = parse_named(mkdocs)
    for path in CODEOWNERS_PATHS:
        text = _show(root, commit, path)
        if text is not None:
            approvers.rules = parse_codeowners(text)
            approvers.codeowners_path = path
            break
    return approvers
