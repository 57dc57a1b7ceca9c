"""`dip check`: which items to look at, and the checks that span items or need git."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .gitinfo import GitError, changes_since, fresh_items
from .hashcache import Entry, for_project
from .item import Context, Item, load_item
from .parallel import map_items
from .problems import Problem, problem
from .project import Config, ConfigError
from .scan.attachments import Progress, Target, known_problems, scan_problems, targets_of


@dataclass
class CheckResult:
    items_checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    # With keep_items: what the site needs of every item without errors, so `dip build`
    # does not load 10,000 items twice (pipeline.site.model.SiteItem).
    items: list[Any] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)


def item_folders(config: Config) -> tuple[list[Path], list[Problem]]:
    """Every item folder under the content folder, and entries that do not belong there."""
    folders: list[Path] = []
    stray: list[Problem] = []
    with os.scandir(config.content_path) as it:
        for de in it:
            if de.is_symlink():
                stray.append(
                    problem(config.rel(de.path), "DIP-E405", f"'{de.name}' adalah tautan simbolik")
                )
            elif de.is_dir(follow_symlinks=False):
                folders.append(Path(de.path))
            elif de.name not in (".gitkeep", "README.md"):
                stray.append(
                    problem(
                        config.rel(Path(de.path)),
                        "DIP-E401",
                        f"'{de.name}' bukan "
                        f"folder item; {config.content_dir} hanya berisi folder item",
                    )
                )
    folders.sort(key=str)  # comparing Path objects is slow at 10,000 items
    return folders, stray


def folders_for_paths(config: Config, paths: Iterable[Path]) -> list[Path]:
    """Map each given path (item folder, item.yaml, attachment) to its item folder."""
    content = config.content_path.resolve()
    result: set[Path] = set()
    for raw in paths:
        path = Path(os.path.abspath(raw))
        if not path.exists() and not path.is_symlink():
            raise ConfigError(f"{raw} tidak ditemukan")
        if path.resolve() == content:
            return item_folders(config)[0]
        try:
            rel = path.relative_to(config.content_path.absolute())
        except ValueError:
            try:
                rel = path.resolve().relative_to(content)
            except ValueError:
                raise ConfigError(f"{raw} berada di luar {config.content_dir}") from None
        result.add(config.content_path / rel.parts[0])
    return sorted(result)


def check(
    config: Config,
    paths: Sequence[Path] = (),
    changed_since: str | None = None,
    jobs: int | None = None,
    keep_items: bool = False,
    progress: Progress | None = None,
) -> CheckResult:
    ctx = Context.create(config)
    result = CheckResult()
    result.problems.extend(ctx.unit_problems)
    deleted: list[str] = []
    if changed_since is not None:
        try:
            changes = changes_since(config, changed_since)
        except GitError as exc:
            raise ConfigError(str(exc)) from None
        if changes.everything:
            folders, stray = item_folders(config)
            result.problems.extend(stray)
        else:
            folders = [
                config.content_path / i
                for i in sorted(changes.items)
                if (config.content_path / i).is_dir()
            ]
        deleted = sorted(changes.deleted)
    elif paths:
        folders = folders_for_paths(config, paths)
    else:
        folders, stray = item_folders(config)
        result.problems.extend(stray)

    for item_id in deleted:
        result.problems.append(
            problem(
                f"{config.content_dir}/{item_id}",
                "DIP-E305",
                f"item '{item_id}' ada di {changed_since} tetapi folder-nya sudah tidak ada "
                "(dihapus atau diganti nama); item yang sudah terbit harus ditarik, bukan dihapus",
            )
        )

    berkala: list[tuple[str, Path]] = []
    targets: list[Target] = []
    learnt: dict[str, Entry] = {}
    worker = _check_and_keep if keep_items else _check_one
    for checked in map_items(ctx, folders, worker, jobs):
        item_problems, stale_candidate, kept, item_targets, new_hashes = checked
        result.items_checked += 1
        result.problems.extend(item_problems)
        if stale_candidate is not None:
            berkala.append(stale_candidate)
        if kept is not None:
            result.items.append(kept)
        targets.extend(item_targets)
        learnt.update(new_hashes)
    for_project(config.root).save(learnt)
    # What is inside the attachments: cached by sha256, inspected in a sandbox otherwise.
    found = scan_problems(config, targets, progress)
    if found and keep_items:
        refused = {p.path.rsplit("/", 1)[0] for p in found if p.severity == "error"}
        result.items = [i for i in result.items if f"{config.content_dir}/{i.id}" not in refused]
    result.problems.extend(found)
    result.problems.extend(stale_problems(config, berkala))
    result.problems.sort(key=Problem.sort_key)
    return result


# (problems, berkala candidate for the staleness rule, site item or None, attachments never
# inspected, attachment hashes learnt by this worker)
Checked = tuple[list[Problem], tuple[str, Path] | None, Any, list[Target], dict[str, Entry]]


def _checked(ctx: Context, item: Item, folder: Path, kept: Any = None) -> Checked:
    data = item.data
    candidate = None
    if data and data.get("kategori") == "berkala" and data.get("status") == "terbit":
        candidate = (item.id, folder)
    hashes = for_project(ctx.config.root)
    targets = targets_of(item, ctx.config.rel(folder), hashes.digest)
    # Files inspected before are answered here, in the worker; the rest go to the sandbox.
    found, misses = known_problems(targets, ctx.config.root)
    if any(p.severity == "error" for p in found):
        kept = None
    return [*item.problems, *found], candidate, kept, misses, hashes.take_new()


def _check_one(ctx: Context, folder: Path) -> Checked:
    return _checked(ctx, load_item(ctx, folder), folder)


def _check_and_keep(ctx: Context, folder: Path) -> Checked:
    from .site.model import site_item

    item = load_item(ctx, folder)
    return _checked(ctx, item, folder, site_item(item, for_project(ctx.config.root).digest))


def stale_problems(config: Config, berkala: list[tuple[str, Path]]) -> list[Problem]:
    if not berkala:
        return []
    months = config.stale_months
    since = _months_before(config.today, months)
    fresh = fresh_items(config, since, {item_id for item_id, _ in berkala})
    if fresh is None:  # not a git checkout: last change unknown
        return []
    out = []
    for item_id, folder in berkala:
        if item_id not in fresh:
            out.append(
                problem(
                    config.rel(folder / "item.yaml"),
                    "DIP-W301",
                    f"informasi berkala '{item_id}' tidak berubah sejak sebelum "
                    f"{since.isoformat()} (lebih dari {months} bulan)",
                    1,
                    1,
                )
            )
    return out


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")
