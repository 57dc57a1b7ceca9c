"""The `dip` mkdocs plugin: generated pages, attachments and exports from content/dip/.

Work is split across mkdocs events: `on_config` reads the project configuration,
`on_files` loads every item through the one loader (a single error stops the build with
the same message as `dip check`) and adds generated files, `on_nav` keeps item pages out
of the navigation, `on_page_markdown` fills the home page's summary.

Item pages are `DipPage`s: their HTML is produced directly (pipeline/site/html.py) and
Python-Markdown never runs for them, which is what keeps 10,000 pages fast.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config as BaseConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..project import Config, ConfigError, load_config
from . import exports, html
from .model import SiteData, load_site
from .search import SearchIndexJob

ASSETS = Path(__file__).parent / "assets"
TEMPLATES = Path(__file__).parent / "templates"
HOME_MARKER = "<!-- dip:ringkasan -->"
# Private-use characters: not expected in item text, and substituted in one pass anyway.
TITLE_SENTINEL = "\ue000dip-judul\ue000"
# Contains "<h1" so the theme does not add a heading of its own around it.
CONTENT_SENTINEL = "<h1 hidden>\ue001dip-isi\ue001</h1>"
DESCRIPTION_SENTINEL = "\ue002dip-ringkasan\ue002"
CANONICAL_SENTINEL = "\ue003dip-kanonik\ue003"
_SENTINELS = re.compile(
    "|".join(
        re.escape(x)
        for x in (TITLE_SENTINEL, CONTENT_SENTINEL, DESCRIPTION_SENTINEL, CANONICAL_SENTINEL)
    )
)


class DipPluginConfig(BaseConfig):  # type: ignore[no-untyped-call]
    """Keys of the `dip` section; the checker reads the same section (pipeline.project)."""

    opd = c.Type(str, default="disdukcapil-kalbar")
    content_dir = c.Type(str, default="content/dip")
    units_file = c.Type(str, default="content/units.yaml")
    max_yaml_bytes = c.Type(int, default=64 * 1024)
    max_yaml_depth = c.Type(int, default=8)
    max_file_bytes = c.Type(int, default=25 * 1024 * 1024)
    max_item_bytes = c.Type(int, default=100 * 1024 * 1024)
    allowed_types = c.Optional(c.ListOfItems(c.Type(str)))
    stale_months = c.Type(int, default=6)
    tahun_penetapan = c.Optional(c.Type(int))
    sikedip_url = c.Type(str, default="http://127.0.0.1:8765")
    sikedip_ca_bundle = c.Type(str, default="")
    # Who may approve (read by `dip review verify`, as it stood before each change).
    penyetuju = c.Optional(c.ListOfItems(c.Type(dict)))


class DipPage(Page):
    """A generated page whose HTML we write ourselves; Markdown is skipped."""

    def __init__(
        self,
        title: str,
        file: File,
        config: MkDocsConfig,
        body: str,
        meta: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(title, file, config)
        self._body = body
        self._meta = meta or {}

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        self.meta = dict(self._meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self._body
        self.toc = get_toc([])
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


def _problem_report(site: SiteData) -> str:
    lines = []
    for p in site.problems[:50]:
        where = f"{p.path}:{p.line}:{p.col}" if p.line is not None else p.path
        lines.append(f"  {where}: {p.code} {p.message}")
    more = len(site.problems) - 50
    if more > 0:
        lines.append(f"  … dan {more} masalah lain (jalankan 'dip check')")
    return "Situs tidak dibangun: ada item yang tidak lolos pemeriksaan:\n" + "\n".join(lines)


class DipPlugin(BasePlugin[DipPluginConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.project: Config | None = None
        self.site: SiteData | None = None
        self._pages: dict[tuple[str, bool], str] = {}
        self._search_entries: list[dict[str, str]] = []
        self._search_job: SearchIndexJob | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        today = os.environ.get("DIP_TODAY")
        try:
            self.project = load_config(root, dt.date.fromisoformat(today) if today else None)
        except (ConfigError, ValueError) as exc:
            raise PluginError(f"dip: {exc}") from None
        config.extra_css.append("assets/dip.css")
        if not config.nav:
            # An explicit nav: mkdocs' automatic navigation over 10,000 pages is quadratic.
            config.nav = [
                {"Beranda": "index.md"},
                {"Daftar Informasi Publik": "dip/index.md"},
                {"Informasi yang Dikecualikan": "dik/index.md"},
                {"Bidang": "unit/index.md"},
                {"Cetak DIP": "cetak/index.md"},
                {"Cari": "cari/index.md"},
            ]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.project is not None
        # A plugin instance lives across rebuilds under `mkdocs serve`: start clean.
        self._search_entries = []
        self._pages = {}
        site = load_site(self.project)
        if site.problems:
            raise PluginError(_problem_report(site))
        self.site = site
        number = 0
        for _, _, members in html.register_groups(site):
            for item in members:
                number += 1
                item.nomor = number

        def page(
            uri: str,
            title: str,
            body: str,
            *,
            in_nav: bool = True,
            search: bool = False,
            description: str | None = None,
        ) -> None:
            inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, uri, content="", inclusion=inclusion)
            # Material's search would parse every page's HTML; item pages instead give it
            # one ready entry each (title + ringkasan), see on_post_build.
            # Wide tables need the width: no side navigation or table of contents.
            meta: dict[str, Any] = {"search": {"exclude": True}, "hide": ["navigation", "toc"]}
            if not in_nav:
                # Pages outside the nav all look the same around their content.
                meta["template"] = "dip-page.html"
            if description:
                meta["description"] = html.e(description[:300])
            if search:
                self._search_entries.append(
                    {"location": file.url, "title": html.e(title), "text": html.e(description)}
                )
            DipPage(html.e(title), file, config, body, meta)
            files.append(file)

        page("dip/index.md", "Daftar Informasi Publik", html.register_page(site, "../"))
        page("dik/index.md", "Informasi yang Dikecualikan", html.dik_page(site, "../"))
        page("unit/index.md", "Bidang", html.units_index(site, "../"))
        for key, unit in site.units.items():
            page(
                f"unit/{key}/index.md", unit.nama, html.unit_page(key, site, "../../"), in_nav=False
            )
        year = self.config.tahun_penetapan or self.project.today.year
        page("cari/index.md", "Cari informasi publik", html.search_page("../", bool(site.items)))
        page("cetak/index.md", f"Penetapan DIP Tahun {year}", html.print_page(site, year, "../"))
        titles = {k: str(v.get("title", k)) for k, v in self._schema_props().items()}
        for item in site.items:
            body = html.item_page(item, site, titles, "../../")
            page(
                f"dip/{item.id}/index.md",
                str(item.data["judul"]),
                body,
                in_nav=False,
                search=True,
                description=str(item.data["ringkasan"]),
            )
            if item.published and not item.exempt:
                for a in item.attachments:
                    files.append(
                        File.generated(
                            config, f"dip/{item.id}/{a.berkas}", abs_src_path=str(a.path)
                        )
                    )
        files.append(File.generated(config, "dip.json", content=exports.dip_json(site)))
        files.append(File.generated(config, "dip.csv", content=exports.dip_csv(site)))
        files.append(
            File.generated(
                config,
                "feed.xml",
                content=exports.atom_feed(site, config.site_name, config.site_url),
            )
        )
        files.append(File.generated(config, "assets/dip.css", abs_src_path=str(ASSETS / "dip.css")))
        # Pagefind starts now and runs while mkdocs renders the pages (see search.py).
        self._search_job = SearchIndexJob(
            [(e["location"], e["title"], e["text"]) for e in self._search_entries]
        )
        return files

    def _schema_props(self) -> dict[str, Any]:
        from ..schema import load_schema

        assert self.project is not None
        props: dict[str, Any] = load_schema(self.project.root).schema["properties"]
        return props

    def on_env(
        self, env: jinja2.Environment, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        assert env.loader is not None
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.FileSystemLoader(str(TEMPLATES))])
        env.globals["dip_page"] = self._whole_page
        return env

    @jinja2.pass_context
    def _whole_page(self, context: jinja2.runtime.Context, page: Page) -> Markup:
        """The theme's page rendered once per page folder (relative links are equal there),
        with sentinels for what differs per page: title, content, description, canonical
        URL. Every other page of the folder is the cached HTML with its own values put
        back: no template runs for 10,000 item pages. Values are escaped already."""
        # Relative links depend on the page's folder: dip/a/ and dip/b/ share them.
        described = "description" in page.meta
        key = (page.url.rstrip("/").rpartition("/")[0], described)
        if key not in self._pages:
            saved = (page.title, page.content, page.meta, page.canonical_url)
            page.title, page.content = TITLE_SENTINEL, CONTENT_SENTINEL
            if described:
                page.meta = {**page.meta, "description": DESCRIPTION_SENTINEL}
            page.canonical_url = CANONICAL_SENTINEL if page.canonical_url else None
            try:
                template = context.environment.get_template("main.html")
                self._pages[key] = template.render(context.get_all())
            finally:
                page.title, page.content, page.meta, page.canonical_url = saved
        values = {
            TITLE_SENTINEL: page.title or "",
            CONTENT_SENTINEL: page.content or "",
            DESCRIPTION_SENTINEL: str(page.meta.get("description", "")),
            CANONICAL_SENTINEL: page.canonical_url or "",
        }
        # One pass: text put in is never scanned again, so a YAML value that happens to
        # contain a sentinel's characters cannot pull another value into the page.
        return Markup(_SENTINELS.sub(lambda m: values[m.group()], self._pages[key]))

    @event_priority(50)  # before Material's search plugin (if enabled) writes its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if index is not None and hasattr(index, "entries"):
                index.entries.extend(self._search_entries)
        if self._search_job is not None:
            job, self._search_job = self._search_job, None
            job.finish(Path(config.site_dir))

    def on_build_error(self, error: Exception) -> None:
        if self._search_job is not None:
            self._search_job.cleanup()
            self._search_job = None

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.is_homepage and self.site is not None and HOME_MARKER in markdown:
            return markdown.replace(HOME_MARKER, html.home_summary(self.site, ""))
        return markdown
