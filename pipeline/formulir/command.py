"""`dip formulir`: the staff web form (Decap CMS) against the repository on disk.

One local origin serves everything: `/admin/` (the page, the bundle, config.yml) and
`/api/v1`, forwarded to `decap-server` in git mode, which turns every entry into a
`cms/<collection>/<slug>` branch of this repository (the editorial workflow). Keeping the
API on the page's own origin means the page talks to no other host, not even another port.

decap-server checks out branches in the work tree and commits with `git add .`, so it only
starts on a clean work tree, on the branch the form writes to.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
import threading
import urllib.parse
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

import click
import yaml

from ..cli_common import handle_errors, project_config
from ..project import Config, ConfigError
from .admin import SETUP_HINT, NodeProject, find_node_project, write_admin
from .server import API_PATH, FormHandler, bind, decap_server

DEFAULT_PORT = 8090


class _Stop(Exception):
    """SIGTERM, turned into an exception so the servers are stopped in `finally`."""


# ------------------------------------------------------------------ preconditions


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def check_repository(root: Path, branch: str) -> None:
    """The project folder is the top of a git repository, on `branch`, with nothing
    uncommitted (decap-server would switch branches under it and commit everything)."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise ConfigError(
            f"{root} bukan repositori git; formulir menyimpan setiap isian sebagai cabang git. "
            "Jalankan 'git init' lalu commit isinya, atau jalankan dari salinan repositori"
        )
    if Path(top.stdout.strip()).resolve() != root.resolve():
        raise ConfigError(
            f"folder proyek {root} harus merupakan akar repositori git ({top.stdout.strip()})"
        )
    current = _git(root, "symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip()
    if current != branch:
        raise ConfigError(
            f"formulir menulis ke cabang '{branch}', tetapi yang aktif "
            f"'{current or 'HEAD terlepas'}'; pindah dulu dengan 'git switch {branch}'"
        )
    if _git(root, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}").returncode:
        raise ConfigError(
            f"cabang '{branch}' belum berisi commit; commit isi proyek dulu (git add, git commit)"
        )
    # decap-server commits as whoever git says the user is; without one every save fails.
    if _git(root, "var", "GIT_COMMITTER_IDENT").returncode:
        raise ConfigError(
            "git belum tahu nama dan surel Anda untuk commit; jalankan "
            "'git config --global user.name \"Nama Anda\"' dan "
            "'git config --global user.email \"surel@contoh.go.id\"'"
        )
    dirty = _git(root, "status", "--porcelain", "--untracked-files=all").stdout.splitlines()
    if dirty:
        shown = ", ".join(line[3:] for line in dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise ConfigError(
            "ada perubahan yang belum di-commit di folder kerja "
            f"({shown}); formulir mengganti cabang dan meng-commit seluruh isi folder kerja, "
            "jadi simpan (git commit) atau singkirkan perubahan itu dulu"
        )


def node_executable() -> str:
    node = shutil.which("node")
    if node is None:
        raise ConfigError(
            "Node.js belum terpasang: jalankan 'sudo apt-get install nodejs npm', "
            f"lalu {SETUP_HINT}"
        )
    return node


# ------------------------------------------------------------------ configuration


def generated_config(config: Config, **options: Any) -> str:
    """config.yml made from the schema and content/units.yaml (pipeline/formulir/config.py)."""
    from ..project import load_units
    from .config import config_yaml

    units, _problems = load_units(config)
    return config_yaml(config, units, **options)


def served_config(text: str, current_branch: str, api_url: str) -> tuple[str, str]:
    """A given config.yml (--konfigurasi) made to talk to this server's API (decap-server in
    git mode) on its configured branch, else the current one. Returns (config.yml, branch)."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ConfigError("konfigurasi formulir bukan peta YAML")
    backend = data.get("backend")
    if not isinstance(backend, dict):
        backend = {}
    branch = str(backend.get("branch") or current_branch)
    data.pop("local_backend", None)
    data["backend"] = {"name": "proxy", "proxy_url": api_url, "branch": branch}
    data["publish_mode"] = "editorial_workflow"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), branch


def oauth_origin(url: str) -> str:
    """The OAuth endpoint for Decap's GitHub sign-in (`backend.base_url`), as an origin.

    Decap opens `<base_url>/auth?provider=github&...` in a pop-up and accepts the token only
    from a message whose origin equals `base_url` with trailing "/" removed (decap-cms
    3.16.3, lib-auth `NetlifyAuthenticator`), so a path, query or fragment would make every
    sign-in fail silently. https only, except on this computer (127.0.0.1, localhost)."""
    parts = urllib.parse.urlsplit(url.strip())
    local = parts.hostname in ("127.0.0.1", "localhost")
    if (
        not parts.hostname
        or (parts.scheme != "https" and not (parts.scheme == "http" and local))
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
        or parts.password is not None
    ):
        raise ConfigError(
            f"alamat OAuth {url!r} harus berupa asal (origin) https saja, tanpa jalur, "
            "misalnya https://dip-oauth.contoh.workers.dev; Decap membuka <alamat>/auth "
            "dan hanya menerima token dari asal itu"
        )
    return f"{parts.scheme}://{parts.netloc}"


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop


# ------------------------------------------------------------------ command


@click.command("formulir")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    metavar="N",
    help=f"Port di 127.0.0.1. Bawaan: {DEFAULT_PORT}, atau port bebas lain bila terpakai.",
)
@click.option(
    "--keluaran",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    help="Hanya tulis folder admin (index.html, config.yml, Decap CMS) ke FOLDER lalu selesai.",
)
@click.option(
    "--konfigurasi",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    metavar="BERKAS",
    help="Pakai config.yml ini, bukan yang dibuat dari skema dan daftar unit.",
)
@click.option(
    "--repo",
    metavar="PEMILIK/NAMA",
    envvar="GITHUB_REPOSITORY",
    help="Repositori GitHub tujuan formulir untuk --keluaran (bawaan: $GITHUB_REPOSITORY).",
)
@click.option(
    "--oauth-url",
    "oauth_url",
    metavar="URL",
    help=(
        "Alamat layanan OAuth untuk tombol 'Masuk dengan GitHub' pada --keluaran "
        "(backend.base_url Decap), misalnya https://dip-oauth.contoh.workers.dev. "
        "Lihat docs/panduan-formulir.md."
    ),
)
@click.option(
    "--cabang",
    "branch",
    metavar="NAMA",
    help="Cabang yang diisi formulir. Bawaan: cabang aktif (lokal) atau main (--keluaran).",
)
@click.pass_context
@handle_errors
def formulir_cmd(
    ctx: click.Context,
    port: int | None,
    keluaran: Path | None,
    konfigurasi: Path | None,
    repo: str | None,
    oauth_url: str | None,
    branch: str | None,
) -> None:
    """Jalankan formulir web DIP (Decap CMS) untuk petugas di komputer ini.

    Setiap isian disimpan sebagai cabang git 'cms/...' di repositori proyek (alur
    persetujuan: Draf, Diajukan ke Ketua, Siap terbit). Buka alamat yang ditampilkan di
    peramban; hentikan dengan Ctrl+C. Perlu Node.js dan Decap CMS dari
    'python3 scripts/siapkan.py'.

    Formulir hanya mau berjalan bila semua perubahan sudah di-commit. Selama berjalan,
    jangan mengubah berkas di folder proyek: formulir berpindah cabang di sana.
    """
    config = project_config(ctx)
    node_project = find_node_project(config.root)
    given = konfigurasi.read_text("utf-8") if konfigurasi is not None else None
    if oauth_url is not None and (keluaran is None or given is not None):
        raise ConfigError(
            "--oauth-url hanya berlaku bersama --keluaran dan tanpa --konfigurasi "
            "(formulir lokal tidak memerlukan masuk GitHub)"
        )
    if keluaran is not None:
        if given is None:
            base_url = oauth_origin(oauth_url) if oauth_url is not None else None
            given = generated_config(
                config, local=False, repo=repo, branch=branch or "main", base_url=base_url
            )
        target = write_admin(keluaran, given, node_project)
        click.echo(f"Folder formulir ditulis di {target} (buka {target / 'index.html'}).")
        return

    node = node_executable()
    current = _git(config.root, "symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip()
    # Outside the repository: decap-server commits everything in the work tree.
    with tempfile.TemporaryDirectory(prefix="dip-formulir-") as tmp:
        work = Path(tmp)
        # Only web/ is served; decap-server's log (request bodies) stays beside it.
        web = work / "web"
        server, handler = _bind_wanted(port, web)
        try:
            api_url = f"http://127.0.0.1:{server.server_address[1]}{API_PATH}"
            if given is not None:
                text, branch = served_config(given, current or "main", api_url)
            else:
                branch = branch or current or "main"
                text = generated_config(config, local=True, branch=branch, local_url=api_url)
            check_repository(config.root, branch)
            write_admin(web / "admin", text, node_project)
        except BaseException:
            server.server_close()
            raise
        serve(server, handler, config.root, branch, work, node, node_project)
    click.echo("Formulir dihentikan.")


def _bind_wanted(port: int | None, directory: Path) -> tuple[ThreadingHTTPServer, Any]:
    if port is not None:
        return bind(port, directory)
    try:
        return bind(DEFAULT_PORT, directory)
    except ConfigError:
        return bind(0, directory)


def serve(
    server: ThreadingHTTPServer,
    handler: type[FormHandler],
    root: Path,
    branch: str,
    work: Path,
    node: str,
    project: NodeProject,
) -> None:
    """Serve the admin page and the API until Ctrl+C or SIGTERM; stop decap-server after.
    ConfigError when decap-server stops by itself."""
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    thread: threading.Thread | None = None
    try:
        log = work / "decap-server.log"
        with decap_server(node, project, root, log) as (api, proc):
            handler.api_port = api
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            url = f"http://127.0.0.1:{server.server_address[1]}/admin/"
            click.echo(f"Formulir DIP berjalan: buka {url} di peramban.")
            click.echo(
                f"Setiap isian menjadi cabang git 'cms/...' dari cabang '{branch}' di {root}."
            )
            click.echo("Tekan Ctrl+C untuk berhenti.")
            while thread.is_alive() and proc.poll() is None:
                thread.join(0.5)
            if proc.poll() is not None:
                tail = log.read_text("utf-8", errors="replace")[-1500:]
                raise ConfigError(f"decap-server berhenti (kode {proc.returncode}):\n{tail}")
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        if thread is not None:
            server.shutdown()
        server.server_close()
        signal.signal(signal.SIGTERM, previous)
