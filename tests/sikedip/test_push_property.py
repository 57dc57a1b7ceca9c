"""Random sequences of content changes and pushes (through random faults) converge."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.sikedip.server import start_in_thread

from .proxy import Fault, FaultProxy
from .test_push import TOKEN, Rig, assert_converged, new_project, pdf, write_item

IDS = [f"item-{n:02d}" for n in range(5)]

FAULTS = [
    None,
    ("slow", r"^PUT", 0, 0.05, 2),
    ("drop_after", r"^PUT /api/v1/opd/uji/items/", 0, 0.0, 2),
    ("drop_after", r"^DELETE", 0, 0.0, 1),
    ("drop_before", r"^PUT /api/v1/opd/uji/files/", 0, 0.0, 1),
    ("status", r".", 503, 0.0, 2),
    ("status", r".", 429, 0.0, 1),
    ("html", r"^PUT /api/v1/opd/uji/items/", 0, 0.0, 1),
    ("html_after", r"^(PUT|DELETE) /api/v1/opd/uji/items/", 0, 0.0, 1),
    ("redirect", r"^PUT", 307, 0.0, 1),
]

edit = st.tuples(
    st.sampled_from(["tulis", "ubah-judul", "ganti-lampiran", "tarik", "hapus"]),
    st.sampled_from(IDS),
    st.integers(0, 3),
)
push = st.tuples(st.just("kirim"), st.sampled_from(range(len(FAULTS))), st.just(0))


def apply(root: Path, step: tuple[str, str | int, int]) -> None:
    kind, target, version = step
    assert isinstance(target, str)
    folder = root / "content" / "dip" / target
    if kind == "hapus":
        shutil.rmtree(folder, ignore_errors=True)
        return
    status = "ditarik" if kind == "tarik" else "terbit"
    judul = f"Dokumen {target} versi {version if kind == 'ubah-judul' else 0}"
    files = {"isi.pdf": pdf(f"{target} {version if kind == 'ganti-lampiran' else 0}")}
    if kind == "tulis":
        files["bersama.pdf"] = pdf("bersama")
    write_item(root, target, judul, status, files)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=st.lists(st.one_of(edit, push), min_size=1, max_size=10))
def test_random_changes_and_pushes_converge(steps: list[tuple[str, str | int, int]]) -> None:
    with tempfile.TemporaryDirectory(prefix="dip-prop-") as tmp:
        root = new_project(Path(tmp) / "proyek", items=3)
        data = Path(tmp) / "sikedip"
        with start_in_thread(data, TOKEN, root / "schema") as receiver:
            proxy = FaultProxy(receiver.url)
            try:
                rig = Rig(root, data, receiver, proxy)
                for step in steps:
                    if step[0] != "kirim":
                        apply(root, step)
                        continue
                    proxy.clear()
                    chosen = FAULTS[int(step[1])]
                    if chosen is not None:
                        kind, match, status, delay, times = chosen
                        proxy.add(Fault(kind, match, times, status or 503, delay))
                    rig.push()  # asserts convergence whenever it reports complete
                proxy.clear()
                final = rig.push()
                assert final.complete, [r for r in final.results if r.outcome != "ok"]
                assert_converged(rig)
            finally:
                proxy.close()
