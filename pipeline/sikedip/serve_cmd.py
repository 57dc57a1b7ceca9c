"""`dip sikedip serve`: run the reference receiver in the foreground."""

from __future__ import annotations

import errno
import ipaddress
import os
import signal
import sys
from pathlib import Path
from types import FrameType

import click

from ..cli_common import handle_errors, project_config
from ..project import ConfigError

TOKEN_ENV = "SIKEDIP_TOKEN"


class _Stop(Exception):
    """SIGTERM, raised in the main thread so serve_forever() returns."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _token(dev: bool, host: str) -> str | None:
    if dev:
        if not is_loopback(host):
            raise ConfigError(
                f"--dev (tanpa token) hanya boleh untuk host loopback seperti 127.0.0.1, "
                f"bukan {host}; setel {TOKEN_ENV} untuk host lain"
            )
        return None
    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        raise ConfigError(
            f"variabel lingkungan {TOKEN_ENV} belum disetel: setel token rahasia di sana, "
            "atau pakai --dev untuk mencoba tanpa token di 127.0.0.1"
        )
    if not all(33 <= ord(ch) <= 126 for ch in token):
        raise ConfigError(
            f"{TOKEN_ENV} hanya boleh berisi huruf, angka dan tanda baca ASCII tanpa spasi"
        )
    return token


@click.command("serve", options_metavar="[OPSI]")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    metavar="N",
    help="Port yang didengarkan; 0 memilih port yang bebas.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="HOST",
    help="Alamat yang didengarkan. Pakai 0.0.0.0 hanya bila penerima harus dapat dihubungi "
    "dari komputer lain.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    help="Folder data penerima (basis data dan berkas). Bawaan: .dip/sikedip di folder proyek.",
)
@click.option(
    "--dev",
    is_flag=True,
    help=f"Mode pengembangan: tanpa token (abaikan {TOKEN_ENV}); hanya untuk host loopback.",
)
@click.pass_context
@handle_errors
def serve_cmd(ctx: click.Context, port: int, host: str, data_dir: Path | None, dev: bool) -> None:
    """Jalankan penerima Sikedip rujukan: API pengiriman (schema/sikedip.openapi.yaml) dan
    halaman HTML berisi item yang diterima.

    Token diambil dari variabel lingkungan SIKEDIP_TOKEN; setiap permintaan API harus
    membawa header Authorization: Bearer <token>. Hentikan dengan Ctrl+C.
    """
    from .server import make_server, server_url

    token = _token(dev, host)
    config = project_config(ctx)
    data = (data_dir or config.root / ".dip" / "sikedip").resolve()
    try:
        server = make_server(data, token, config.root / "schema", host, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(
                f"port {port} di {host} sudah dipakai program lain; pilih port lain dengan "
                "--port N (atau --port 0 untuk port bebas)"
            ) from None
        raise ConfigError(f"tidak dapat mendengarkan di {host}:{port}: {exc.strerror}") from None

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Stop

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        click.echo(f"Penerima Sikedip mendengarkan di {server_url(server)}/")
        click.echo(f"Data disimpan di {data}")
        if token is None:
            click.echo("Mode pengembangan: API tidak memerlukan token.")
        click.echo("Hentikan dengan Ctrl+C.")
        sys.stdout.flush()
        server.serve_forever()
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
    click.echo("Penerima Sikedip berhenti.")
