"""Pull requests made for real in a git repository and told to the fake GitHub API."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from conftest import GOOD_ITEM, add_item

from .fakegithub import FakeGitHub

KETUA, PLT, PETUGAS, KABID = "ketua-ppid", "plt-ketua", "petugas-ppid", "kabid-dafduk"
MKDOCS = f"""site_name: uji
docs_dir: situs
theme:
  name: material
  language: id
  font: false
plugins:
  - dip:
      opd: uji
      penyetuju:
        - github: {KETUA}
          nama: Ketua PPID Pembantu Uji
          jabatan: Ketua PPID Pembantu
        - github: {PLT}
          nama: Wakil Uji
          jabatan: Plt. Ketua PPID Pembantu
"""
CODEOWNERS = f"* @{KETUA}\n/content/ @{KETUA} @{PLT}\n"


def git(root: Path, *args: str, author: str = PETUGAS, when: str | None = None) -> str:
    """git in `root` as `author` (and at `when`, ISO time), isolated from the user's config."""
    env = {
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": f"{author}@example.go.id",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": f"{author}@example.go.id",
        **({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}),
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "PATH": "/usr/bin:/bin",
        "HOME": str(root),
    }
    out = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


class Story:
    """Pull requests made for real in the repository and told to the fake GitHub."""

    def __init__(self, root: Path, github: FakeGitHub) -> None:
        self.root = root
        self.github = github
        self.number = 10

    def propose(self, item_id: str, author: str = PETUGAS, text: str = GOOD_ITEM) -> str:
        """A branch with one item change; returns its head."""
        self.number += 1
        git(self.root, "checkout", "-q", "-b", f"usulan-{self.number}", "main")
        folder = self.root / "content" / "dip" / item_id
        if folder.exists():
            (folder / "item.yaml").write_text(text, encoding="utf-8")
        else:
            add_item(self.root, item_id, text)
        git(self.root, "add", "-A")
        git(self.root, "commit", "-qm", f"Usulan {item_id}", author=author)
        head = git(self.root, "rev-parse", "HEAD")
        self.github.state.add_commit(self.number, head, author)
        return head

    def push_more(self, item_id: str = "renstra-2019-2023", author: str = PETUGAS) -> str:
        path = self.root / "content" / "dip" / item_id / "item.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Unggahan awal", "Perbaikan"), encoding="utf-8")
        git(self.root, "commit", "-qam", "Perbaikan sesudah review", author=author)
        head = git(self.root, "rev-parse", "HEAD")
        self.github.state.add_commit(self.number, head, author)
        return head

    def merge(self, head: str, author: str = PETUGAS, register: bool = True) -> str:
        git(self.root, "checkout", "-q", "main")
        git(self.root, "merge", "-q", "--no-ff", "-m", f"Merge #{self.number}", head)
        merge = git(self.root, "rev-parse", "HEAD")
        if register:
            self.github.state.add_pull(
                self.number,
                author,
                head,
                merge_sha=merge,
                merged_at="2026-11-20T03:00:00Z",
            )
        return merge

    def review(
        self, reviewer: str, state: str, commit: str, at: str = "2026-11-20T02:00:00Z"
    ) -> dict[str, Any]:
        return self.github.state.add_review(self.number, reviewer, state, commit, at)
