"""`dip build`: mkdocs build of the project, with errors turned into Indonesian messages."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from ..project import Config, ConfigError


def build_site(
    config: Config, site_dir: Path | None = None, checked_items: list[Any] | None = None
) -> Path:
    """Build the site into `site_dir` (default: the project's `site/`); returns the folder.

    `checked_items`: the items `check(config, keep_items=True)` just loaded without error;
    the plugin then reuses them instead of loading every item a second time."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # material's banner is not for staff
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as load_mkdocs_config

    if checked_items is not None:
        from .model import preload

        preload(config.root, checked_items)
    target = (site_dir or config.root / "site").resolve()
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    try:
        mkdocs_config = load_mkdocs_config(
            config_file=str(config.root / "mkdocs.yml"), site_dir=str(target)
        )
        build(mkdocs_config)
    except exceptions.MkDocsException as exc:
        raise ConfigError(f"situs gagal dibangun: {exc}") from None
    finally:
        mkdocs_log.removeHandler(handler)
    return target
