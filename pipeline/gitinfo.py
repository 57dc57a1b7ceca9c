"""What git knows about items: what changed since a ref, and what changed recently."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import git

from .project import Config


class GitError(Exception):
    """A git question could not be answered (message in Bahasa Indonesia)."""


@dataclass
class Changes:
    items: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    # A change outside the item folders (schema, units, config) can affect every item.
    everything: bool = False


def _repo(config: Config) -> git.Repo:
    try:
        return git.Repo(config.root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(f"{config.root} bukan repositori git") from None


def _content_prefix(repo: git.Repo, config: Config) -> PurePosixPath:
    top = Path(repo.working_tree_dir or config.root).resolve()
    return PurePosixPath(config.content_path.resolve().relative_to(top).as_posix())


def _item_of(path: str, prefix: PurePosixPath) -> str | None:
    """The item id of a repository path inside the content folder (string ops: hot path)."""
    head = f"{prefix}/"
    if not path.startswith(head):
        return None
    rest = path[len(head) :]
    slash = rest.find("/")
    return rest[:slash] if slash > 0 else None


# Files whose change means every item must be checked again.
_GLOBAL = ("schema/", "mkdocs.yml", "pyproject.toml", "pipeline/")


def changes_since(config: Config, ref: str) -> Changes:
    repo = _repo(config)
    try:
        repo.git.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}")
    except git.GitCommandError:
        raise GitError(
            f"ref git '{ref}' tidak dikenal (misalnya origin/main atau HEAD~1)"
        ) from None
    prefix = _content_prefix(repo, config)
    top = Path(repo.working_tree_dir or config.root).resolve()
    project_prefix = config.root.resolve().relative_to(top).as_posix()
    units = (PurePosixPath(project_prefix) / config.units_file).as_posix()
    changes = Changes()
    out = repo.git.diff("--name-status", "-z", "--no-renames", ref, "--")
    fields = out.split("\0")
    pairs = list(zip(fields[0::2], fields[1::2], strict=False))
    untracked = repo.git.ls_files("--others", "--exclude-standard", "-z", "--", str(prefix))
    pairs += [("A", p) for p in untracked.split("\0") if p]
    for status, path in pairs:
        item = _item_of(path, prefix)
        if item is not None:
            changes.items.add(item)
            if status == "D" and path.endswith("/item.yaml"):
                changes.deleted.add(item)
            continue
        rel = PurePosixPath(path)
        if project_prefix not in ("", "."):
            try:
                rel = rel.relative_to(project_prefix)
            except ValueError:
                continue
        if path == units or any(rel.as_posix().startswith(g) for g in _GLOBAL):
            changes.everything = True
    changes.deleted = {i for i in changes.deleted if not (config.content_path / i).is_dir()}
    return changes


def fresh_items(config: Config, since: dt.date, items: set[str]) -> set[str] | None:
    """Items changed (committed after `since`, or changed in the work tree); None without git."""
    try:
        repo = _repo(config)
        prefix = _content_prefix(repo, config)
        # A few items (a pull request): ask git about their folders only.
        specs = [f"{prefix}/{i}" for i in sorted(items)] if len(items) <= 200 else [str(prefix)]
        since_arg = f"--since={since.isoformat()}T00:00:00"
        log = repo.git.log(since_arg, "--format=", "--name-only", "--no-renames", "--", *specs)
        status = repo.git.status("--porcelain", "-z", "--untracked-files=all", "--", *specs)
    except (GitError, git.GitCommandError, ValueError):
        return None
    fresh: set[str] = set()
    for line in log.splitlines():
        item = _item_of(line.strip(), prefix)
        if item:
            fresh.add(item)
    for entry in status.split("\0"):
        item = _item_of(entry[3:], prefix) if len(entry) > 3 else None
        if item:
            fresh.add(item)
    return fresh
