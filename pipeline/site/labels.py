"""Indonesian names of the categories and subcategories, as the law words them."""

from __future__ import annotations

import datetime as dt

KATEGORI = {
    "berkala": "Informasi yang Wajib Disediakan dan Diumumkan Secara Berkala",
    "serta_merta": "Informasi yang Wajib Diumumkan Secara Serta Merta",
    "setiap_saat": "Informasi yang Wajib Tersedia Setiap Saat",
    "dikecualikan": "Informasi yang Dikecualikan",
}
KATEGORI_SHORT = {
    "berkala": "Berkala",
    "serta_merta": "Serta merta",
    "setiap_saat": "Setiap saat",
    "dikecualikan": "Dikecualikan",
}
SUBKATEGORI = {
    "profil": "Informasi tentang profil Badan Publik",
    "program_kegiatan": "Ringkasan informasi tentang program dan/atau kegiatan",
    "kinerja": "Ringkasan informasi tentang kinerja",
    "laporan_keuangan": "Ringkasan laporan keuangan",
    "laporan_akses_informasi": "Ringkasan laporan akses Informasi Publik",
    "peraturan_kebijakan": "Informasi tentang peraturan, keputusan dan/atau kebijakan",
    "tata_cara_memperoleh_informasi": "Informasi tentang tata cara memperoleh Informasi Publik",
    "pengaduan_penyalahgunaan_wewenang": (
        "Informasi tentang tata cara pengaduan penyalahgunaan wewenang atau pelanggaran"
    ),
    "pengadaan_barang_jasa": "Informasi tentang pengumuman pengadaan barang dan jasa",
    "ketenagakerjaan": "Informasi tentang ketenagakerjaan",
    "peringatan_dini_evakuasi": "Informasi tentang prosedur peringatan dini dan evakuasi",
}
REGISTER_COLUMNS = (
    "No.",
    "Ringkasan isi informasi",
    "Pejabat/unit yang menguasai informasi",
    "Penanggung jawab pembuatan/penerbitan",
    "Waktu dan tempat pembuatan",
    "Bentuk informasi",
    "Jangka waktu penyimpanan",
)
DIK_COLUMNS = ("Informasi", "Dasar hukum", "Konsekuensi", "Jangka waktu pengecualian")
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def waktu_wib(value: str) -> str:
    """'2026-11-20T02:05:00Z' → '20 November 2026 pukul 09.05 WIB' (Pontianak is UTC+7)."""
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value or "tidak diketahui"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(dt.timezone(dt.timedelta(hours=7)))
    return f"{tanggal(local.date().isoformat())} pukul {local:%H.%M} WIB"


def tanggal(value: str) -> str:
    """'2019-09-30' → '30 September 2019'; '2019-09' → 'September 2019'; '2019' stays."""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {BULAN[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{BULAN[int(parts[1]) - 1]} {parts[0]}"
    return value
