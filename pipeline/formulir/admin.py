"""The `/admin/` folder of the staff web form (DESIGN §9): Decap CMS from our own origin.

The folder holds `index.html`, the generated `config.yml`, our Indonesian locale (`id.js`)
and Decap's prebuilt bundle with the chunks and WebAssembly it loads on demand, copied
from `formulir/node_modules/decap-cms/dist/` (installed by `scripts/siapkan.py` from
`formulir/package-lock.json`). Nothing is fetched from a CDN: the page makes requests to
its own origin only.
"""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..project import ConfigError

ASSETS = Path(__file__).parent / "assets"
# The source checkout's npm project for the form (the `dip` package is installed editable).
SOURCE_NODE_PROJECT = Path(__file__).resolve().parent.parent.parent / "formulir"
BUNDLE = "decap-cms.js"
LOCALE = "id.js"
SETUP_HINT = "jalankan 'python3 scripts/siapkan.py' di folder dip-pipeline"

INDEX_HTML = """\
<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<link rel="icon" href="data:,">
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<style>
/* Staff fill the form on phones too: Decap's editor and its toolbar are min-width 800px,
   and the workflow's column headers (the SOP's steps) never wrap. Emotion's stable `target`
   classes of decap-cms 3.16.3 (EditorContainer, ToolbarContainer, ColumnHeader);
   tests/formulir/test_local.py fails if an upgrade renames them. */
@media (max-width: 799px) {{
  .e1nx103k5, .e1d2l9mo22 {{ min-width: 0 !important; }}
  .e190xgae1 {{ white-space: normal !important; }}
}}
</style>
<script>window.CMS_MANUAL_INIT = true;</script>
</head>
<body>
<noscript>Formulir DIP memerlukan JavaScript. Aktifkan JavaScript di peramban Anda.</noscript>
<script src="{bundle}"></script>
<script src="{locale}"></script>
<script>{prune}</script>
<script>CMS.init({{ config: {{ locale: "id" }} }});</script>
</body>
</html>
"""

# Decap saves a cleared optional field as "", null, [] or {} (serializeEntryValues.js keeps
# them); the checker refuses those. Decap 3 calls `preSave` handlers with {entry, author}
# and, when one returns a value, saves that as the entry's data (decap-cms 3.16.3 dist
# bundle: `invokeEvent` sets `entry.data` to a handler's non-undefined result;
# `persistEntry` saves the entry it gets back). The data is an Immutable Map; its lists are
# Immutable Lists, whose map/filter keep their type. 0 and false are values, not empty.
PRUNE_EMPTY_JS = """
(function () {
  function isCollection(value) {
    return value != null && typeof value.toJS === "function"
      && typeof value.filter === "function" && typeof value.size === "number";
  }
  function isPlainObject(value) {
    return value != null && Object.getPrototypeOf(value) === Object.prototype;
  }
  function isEmpty(value) {
    if (value === undefined || value === null || value === "") return true;
    if (isCollection(value)) return value.size === 0;
    if (Array.isArray(value)) return value.length === 0;
    if (isPlainObject(value)) return Object.keys(value).length === 0;
    return false;
  }
  function prune(value) {
    if (isCollection(value)) {
      return value.map(prune).filter(function (v) { return !isEmpty(v); });
    }
    if (Array.isArray(value)) {
      return value.map(prune).filter(function (v) { return !isEmpty(v); });
    }
    if (isPlainObject(value)) {
      var kept = {};
      Object.keys(value).forEach(function (key) {
        var v = prune(value[key]);
        if (!isEmpty(v)) kept[key] = v;
      });
      return kept;
    }
    return value;
  }
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) { return prune(event.entry.get("data")); },
  });
})();
"""


@dataclass(frozen=True)
class NodeProject:
    """The installed npm project of the form: Decap's bundle and decap-server."""

    root: Path

    @property
    def dist(self) -> Path:
        return self.root / "node_modules" / "decap-cms" / "dist"

    @property
    def server_script(self) -> Path:
        return self.root / "node_modules" / "decap-server" / "dist" / "index.js"

    def installed(self) -> bool:
        return (self.dist / BUNDLE).is_file() and self.server_script.is_file()


def find_node_project(project_root: Path | None = None) -> NodeProject:
    """`formulir/` of the content project if it has the form installed, else the one beside
    this source checkout. ConfigError (with the set-up command) when neither is installed."""
    candidates = [NodeProject(SOURCE_NODE_PROJECT)]
    if project_root is not None:
        candidates.insert(0, NodeProject(project_root / "formulir"))
    for candidate in candidates:
        if candidate.installed():
            return candidate
    raise ConfigError(
        f"Decap CMS belum terpasang ({candidates[-1].dist / BUNDLE} tidak ada); {SETUP_HINT}"
    )


def bundle_files(dist: Path) -> list[Path]:
    """What the page can request from Decap's dist/: the bundle, the chunks it loads on
    demand (`<n>.decap-cms.js`) and its WebAssembly. Not the source maps (~25 MB), not the
    duplicate `cms.js` build."""
    files = [dist / BUNDLE]
    files += sorted(dist.glob("*.decap-cms.js"))
    files += sorted(dist.glob("*.wasm"))
    return [f for f in files if f.is_file()]


def index_html(title: str = "Formulir DIP") -> str:
    return INDEX_HTML.format(
        title=html.escape(title), bundle=BUNDLE, locale=LOCALE, prune=PRUNE_EMPTY_JS
    )


def write_admin(
    target: Path, config_yml: str, node: NodeProject, title: str = "Formulir DIP"
) -> Path:
    """Write the admin folder at `target` (created or refreshed in place); returns it."""
    target.mkdir(parents=True, exist_ok=True)
    for source in bundle_files(node.dist):
        dest = target / source.name
        stat = source.stat()
        # Same size and time: already copied (the bundle is 5 MB; rewrites stay quick).
        if dest.is_file() and (dest.stat().st_size, dest.stat().st_mtime_ns) == (
            stat.st_size,
            stat.st_mtime_ns,
        ):
            continue
        shutil.copy2(source, dest)
    shutil.copyfile(ASSETS / LOCALE, target / LOCALE)
    (target / "config.yml").write_text(config_yml, encoding="utf-8")
    (target / "index.html").write_text(index_html(title), encoding="utf-8")
    return target
