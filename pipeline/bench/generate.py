"""A deterministic generator of N realistic DIP items, for benchmarks.

The same N always gives byte-identical files, so figures from different runs compare.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from ..emit import emit_item
from ..schema import SCHEMA_FILE
from .minimal import minimal_pdf

SUBKATEGORI = (
    "profil",
    "program_kegiatan",
    "kinerja",
    "laporan_keuangan",
    "laporan_akses_informasi",
    "peraturan_kebijakan",
    "tata_cara_memperoleh_informasi",
    "pengaduan_penyalahgunaan_wewenang",
    "pengadaan_barang_jasa",
    "ketenagakerjaan",
    "peringatan_dini_evakuasi",
)
UNITS = {
    "sekretariat": "Sekretaris Dinas",
    "pendaftaran_penduduk": "Kepala Bidang Fasilitasi Pendaftaran Penduduk",
    "pencatatan_sipil": "Kepala Bidang Fasilitasi Pencatatan Sipil",
    "pengelolaan_informasi": "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan",
    "kelembagaan": "Kepala Bidang Kelembagaan",
}
SUBJECTS = (
    "Laporan Kinerja",
    "Rencana Kerja",
    "Dokumen Pelaksanaan Anggaran",
    "Laporan Realisasi Anggaran",
    "Rekapitulasi Layanan Akta Kelahiran",
    "Data Agregat Kependudukan",
    "Laporan Layanan Informasi Publik",
    "Standar Pelayanan",
    "Rencana Umum Pengadaan",
    "Pengumuman Rekrutmen",
    "Laporan Pemanfaatan Data Kependudukan",
    "Surat Edaran",
)
PLACES = ("Pontianak", "Singkawang", "Sambas", "Ketapang", "Sintang", "Putussibau")
# Summaries draw on a few hundred words with skewed frequencies (rank r weighs 1/r), so
# the search index compresses like real text rather than like a 20-word loop.
_VOCABULARY = """
    dan yang dalam untuk pada dengan data pelayanan kependudukan administrasi dokumen
    pencatatan sipil penduduk kabupaten kota laporan tahun program kegiatan provinsi
    informasi publik dinas bidang anggaran capaian semester evaluasi koordinasi pembinaan
    fasilitasi perekaman penerbitan akta kelahiran kematian perkawinan perceraian kartu
    keluarga identitas anak pindah datang pendaftaran verifikasi validasi pemutakhiran
    agregat statistik rekapitulasi realisasi rencana strategis kerja kinerja indikator
    sasaran target hasil keluaran manfaat dampak pelaksanaan pengendalian pemantauan
    pengawasan pelaporan pertanggungjawaban keuangan belanja pendapatan aset barang jasa
    pengadaan penyedia kontrak paket lelang tender seleksi pengumuman rekrutmen pegawai
    aparatur jabatan fungsional struktural pelatihan bimbingan teknis sosialisasi
    konsultasi asistensi supervisi kunjungan lapangan desa kelurahan kecamatan wilayah
    perbatasan pedalaman terpencil jemput bola keliling mobil layanan loket antrean
    daring aplikasi sistem jaringan server pusat cadangan keamanan perlindungan
    kerahasiaan pemanfaatan kerja sama lembaga pengguna instansi vertikal kementerian
    direktorat jenderal peraturan gubernur menteri dalam negeri undang-undang keputusan
    surat edaran instruksi petunjuk pedoman standar operasional prosedur maklumat
    pengaduan keluhan saran masukan survei kepuasan masyarakat indeks nilai mutu
    persyaratan formulir berkas salinan asli legalisasi tanda tangan elektronik
    sertifikat cetak blangko ketersediaan distribusi stok gudang persediaan kebutuhan
    usulan prioritas musrenbang pokok pikiran dewan rapat kerja anggota panitia tim
    kelompok kerja sekretariat subbagian umum kepegawaian perencanaan pelaporan
    perbendaharaan akuntansi neraca arus kas catatan atas operasional perubahan
    ekuitas piutang utang penyusutan inventaris pemeliharaan gedung kendaraan
    peralatan mesin komputer jaringan internet listrik air telepon perjalanan dinas
    honorarium narasumber konsumsi alat tulis kantor bahan cetakan penggandaan
    dokumentasi publikasi media sosial laman resmi spanduk brosur leaflet baliho
    pameran festival hari jadi peringatan nasional penghargaan prestasi inovasi
    terobosan percepatan peningkatan penguatan pengembangan penyempurnaan penataan
    pemenuhan kepemilikan cakupan persentase jumlah rata-rata total terhadap
    dibandingkan sebelumnya meningkat menurun stabil tercapai belum sesuai melebihi
    karena akibat sehingga namun serta maupun atau oleh dari ke bagi tentang
    sebagai melalui antara hingga sampai setiap seluruh beberapa berbagai masing-masing
"""
WORDS = tuple(dict.fromkeys(_VOCABULARY.split()))

# A real site configuration: `dip bench --tahap build` builds it with mkdocs-material.
MKDOCS = """site_name: Daftar Informasi Publik (benchmark)
docs_dir: situs
theme:
  name: material
  language: id
  font: false
plugins:
  - dip:
      opd: disdukcapil-kalbar
"""
# The home page when the source has no situs/index.md; the dip plugin fills in the marker.
HOME = """# Daftar Informasi Publik

<!-- dip:ringkasan -->
"""


def _pages(rng: random.Random, title: str, count: int) -> list[str]:
    """Text pages of a generated document: a title line, then lines of words."""
    return [
        "\n".join(
            [f"{title} - halaman {n + 1}"]
            + [" ".join(rng.choices(WORDS, k=12)) for _ in range(rng.randint(8, 30))]
        )
        for n in range(count)
    ]


WEIGHTS = [1 / rank for rank in range(1, len(WORDS) + 1)]


def ringkasan(rng: random.Random, count: int) -> str:
    """About `count` words in sentences, now and then with a place, a year or a number.

    Every number follows a word, so no run of digits can look like a NIK (DIP-E501).
    """
    sentences = []
    while count > 0:
        length = min(count, rng.randint(8, 20))
        words = rng.choices(WORDS, WEIGHTS, k=length)
        extra = rng.random()
        if extra < 0.2:
            words.append(f"tahun {rng.randint(2010, 2025)}")
        elif extra < 0.35:
            words.append(f"sebanyak {rng.randint(2, 9999)} dokumen")
        elif extra < 0.5:
            words.append(f"di {rng.choice(PLACES)}")
        sentence = " ".join(words)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        count -= length
    return " ".join(sentences)


def make_item(rng: random.Random, n: int) -> tuple[str, dict[str, object], dict[str, bytes]]:
    """One item: its id, its data (in schema order once emitted) and its attachment files."""
    subject = rng.choice(SUBJECTS)
    year = rng.randint(2015, 2025)
    unit = rng.choice(list(UNITS))
    item_id = f"{subject.lower().replace(' ', '-')}-{year}-{n:05d}"
    kategori = rng.choices(
        ["berkala", "serta_merta", "setiap_saat", "dikecualikan"], [70, 5, 22, 3]
    )[0]
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    data: dict[str, object] = {
        "judul": f"{subject} Disdukcapil Provinsi Kalimantan Barat Tahun {year} ({n})",
        "ringkasan": ringkasan(rng, rng.randint(20, 120)),
        "kategori": kategori,
    }
    if kategori == "berkala":
        data["subkategori"] = rng.choice(SUBKATEGORI)
    hard = rng.random() < 0.4
    data.update(
        {
            "unit": unit,
            "pejabat_penguasa": UNITS[unit],
            "penanggung_jawab": "Kepala Dinas",
            "waktu_pembuatan": f"{year}-{month:02d}-{day:02d}",
            "tempat_pembuatan": rng.choice(PLACES),
            "bentuk": ["softcopy", "hardcopy"] if hard else ["softcopy"],
        }
    )
    if hard:
        data["arsip_fisik"] = f"Lemari arsip PPID Pembantu, rak {rng.choice('ABCD')}-{n % 9 + 1}"
    data.update(
        {
            "retensi": rng.choice(["5 tahun", "10 tahun", "permanen"]),
            "tahun": year,
            "status": "terbit",
        }
    )
    files: dict[str, bytes] = {}
    if kategori == "dikecualikan":
        data["bentuk"] = ["hardcopy"]
        data["arsip_fisik"] = "Lemari arsip tertutup PPID Pembantu"
        data["pengecualian"] = {
            "dasar_hukum": "UU 14/2008 Pasal 17 huruf h",
            "konsekuensi": "Membuka data pribadi penduduk yang dilindungi undang-undang.",
            "jangka_waktu": "selama data tersimpan",
            "tanggal_uji": f"{year}-{month:02d}-{day:02d}",
        }
    else:
        lampiran = [
            {
                "berkas": "dokumen.pdf",
                "judul": f"{subject} {year}",
                "sumber": rng.choice(["digital", "pindaian"]),
            }
        ]
        # Every file differs (as real documents do), so nothing is inspected only once.
        files["dokumen.pdf"] = minimal_pdf(_pages(rng, f"{subject} {year}", rng.randint(1, 3)))
        # About one item in five carries a second, larger attachment.
        if rng.random() < 0.2:
            lampiran.append(
                {
                    "berkas": "lampiran-2.pdf",
                    "judul": f"Lampiran {subject} {year}",
                    "sumber": "digital",
                }
            )
            pages = _pages(rng, f"Lampiran {subject} {year}", rng.randint(2, 10))
            files["lampiran-2.pdf"] = minimal_pdf(pages, pad=rng.randint(1, 32) * 1024)
        data["lampiran"] = lampiran
    return item_id, data, files


def generate(target: Path, count: int, seed: int = 20261125, source: Path | None = None) -> None:
    """Write a complete project with `count` items into `target` (which must not exist)."""
    rng = random.Random(seed)
    root = source or Path(__file__).resolve().parents[2]
    order = list(json.loads((root / SCHEMA_FILE).read_text(encoding="utf-8"))["properties"])
    (target / "content" / "dip").mkdir(parents=True)
    (target / "schema").mkdir()
    shutil.copyfile(root / SCHEMA_FILE, target / SCHEMA_FILE)
    contract = root / "schema" / "sikedip.openapi.yaml"  # the receiver validates with it
    if contract.is_file():
        shutil.copyfile(contract, target / "schema" / contract.name)
    shutil.copyfile(root / "content" / "units.yaml", target / "content" / "units.yaml")
    (target / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (target / "situs").mkdir()
    home = root / "situs" / "index.md"
    if home.is_file():
        shutil.copyfile(home, target / "situs" / "index.md")
    else:
        (target / "situs" / "index.md").write_text(HOME, encoding="utf-8")
    for n in range(count):
        item_id, data, files = make_item(rng, n)
        folder = target / "content" / "dip" / item_id
        folder.mkdir()
        (folder / "item.yaml").write_text(emit_item(data, order), encoding="utf-8")
        for name, blob in files.items():
            (folder / name).write_bytes(blob)
