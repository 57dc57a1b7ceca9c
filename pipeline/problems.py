"""Problems as values, and the registry of every stable problem code.

A check never raises for bad input: it returns `Problem`s. Each code has a severity,
a short title and one sentence telling staff how to fix it (all in Bahasa Indonesia);
`docs/kode-masalah.md` is generated from this table and a test keeps them in sync.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    title: str
    fix: str


def _codes(*entries: tuple[str, str, str]) -> dict[str, Code]:
    table: dict[str, Code] = {}
    for code, title, fix in entries:
        severity: Severity = "warning" if code.startswith("DIP-W") else "error"
        table[code] = Code(code, severity, title, fix)
    return table


CODES: dict[str, Code] = _codes(
    # E1xx: reading and parsing files
    (
        "DIP-E101",
        "Berkas tidak dapat dibaca",
        "Pastikan folder item berisi berkas item.yaml biasa (bukan folder atau tautan) yang dapat dibaca.",
    ),
    (
        "DIP-E102",
        "Berkas terlalu besar",
        "item.yaml hanya memuat keterangan; pindahkan teks panjang ke lampiran PDF.",
    ),
    (
        "DIP-E103",
        "Bukan teks UTF-8",
        "Simpan ulang berkas dengan encoding UTF-8 (di editor: Save with Encoding → UTF-8).",
    ),
    (
        "DIP-E104",
        "Karakter kendali terlarang",
        "Hapus karakter tak terlihat (NUL atau karakter kendali) pada posisi yang ditunjuk.",
    ),
    (
        "DIP-E105",
        "Kesalahan penulisan YAML",
        "Periksa indentasi (2 spasi), titik dua setelah nama kolom, dan tanda kutip yang berpasangan.",
    ),
    (
        "DIP-E106",
        "Anchor/alias YAML tidak diizinkan",
        "Tulis nilainya secara lengkap; jangan memakai & (anchor) atau * (alias).",
    ),
    (
        "DIP-E107",
        "Tag YAML tidak diizinkan",
        "Hapus penanda yang diawali ! (misalnya !!int atau !python); tulis nilai biasa.",
    ),
    (
        "DIP-E108",
        "Kolom ditulis dua kali",
        "Setiap kolom hanya boleh muncul sekali; hapus atau gabungkan baris yang ganda.",
    ),
    (
        "DIP-E109",
        "Lebih dari satu dokumen YAML",
        "Hapus pemisah --- tambahan; satu item.yaml berisi satu item.",
    ),
    (
        "DIP-E110",
        "Isi berkas bukan daftar kolom",
        "Berkas harus berisi pasangan kolom: nilai, misalnya 'judul: ...', dimulai dari baris pertama.",
    ),
    (
        "DIP-E111",
        "Susunan terlalu dalam",
        "Kurangi tingkat indentasi; item.yaml hanya memerlukan paling banyak beberapa tingkat.",
    ),
    (
        "DIP-E112",
        "Nama kolom tidak sah",
        "Nama kolom harus berupa teks sederhana seperti 'judul' atau 'ringkasan'.",
    ),
    # E2xx: schema
    (
        "DIP-E201",
        "Kolom wajib belum diisi",
        "Tambahkan kolom yang disebut; lihat contoh di docs/format-item.md atau jalankan 'dip new'.",
    ),
    (
        "DIP-E202",
        "Kolom tidak dikenal",
        "Periksa ejaan nama kolom atau hapus kolom tersebut; daftar kolom ada di schema/item.schema.json.",
    ),
    (
        "DIP-E203",
        "Jenis nilai salah",
        "Tulis nilai dengan jenis yang diminta (teks, angka, daftar, atau bagian berisi kolom).",
    ),
    (
        "DIP-E204",
        "Nilai tidak termasuk pilihan",
        "Pilih salah satu nilai yang disebut dalam pesan, ditulis persis (huruf kecil).",
    ),
    (
        "DIP-E205",
        "Format nilai salah",
        'Ikuti format yang disebut dalam pesan, misalnya tanggal "2024-05-31" atau retensi "10 tahun".',
    ),
    (
        "DIP-E206",
        "Panjang teks tidak sesuai",
        "Perpendek atau lengkapi teks sesuai batas yang disebut dalam pesan.",
    ),
    (
        "DIP-E207",
        "Jumlah isi daftar tidak sesuai",
        "Sesuaikan jumlah isi daftar dan hapus isi yang ganda.",
    ),
    ("DIP-E208", "Angka di luar batas", "Tulis angka dalam rentang yang disebut dalam pesan."),
    (
        "DIP-E210",
        "Kolom tidak berlaku untuk item ini",
        "Hapus kolom yang disebut, atau ubah kategori/status bila kolom itu memang diperlukan.",
    ),
    (
        "DIP-E211",
        "Informasi dikecualikan memuat lampiran atau tautan",
        "Hapus lampiran dan tautan serta berkasnya dari folder; yang publik hanya baris DIK.",
    ),
    # E3xx: rules beyond the schema
    (
        "DIP-E301",
        "Tanggal tidak ada di kalender",
        "Perbaiki tanggal (misalnya 30 Februari tidak ada); format TTTT-BB-HH.",
    ),
    (
        "DIP-E302",
        "Tanggal di masa depan",
        "Isi tanggal saat informasi benar-benar dibuat, diuji atau ditarik, bukan rencana.",
    ),
    (
        "DIP-E303",
        "Tahun tidak sesuai waktu pembuatan",
        "Samakan kolom tahun dengan tahun pada waktu_pembuatan.",
    ),
    (
        "DIP-E304",
        "Unit tidak dikenal",
        "Gunakan salah satu kunci di content/units.yaml, atau tambahkan unitnya di sana lebih dulu.",
    ),
    (
        "DIP-E305",
        "Item terbit dihapus atau diganti nama",
        "Jangan menghapus atau mengganti nama folder item; kembalikan folder dan ubah status menjadi ditarik dengan alasan penarikan.",
    ),
    (
        "DIP-E306",
        "Tanggal penarikan sebelum waktu pembuatan",
        "Periksa tanggal penarikan; informasi tidak dapat ditarik sebelum dibuat.",
    ),
    (
        "DIP-E307",
        "Berkas unit tidak sah",
        "Perbaiki content/units.yaml: setiap kunci huruf kecil berisi 'nama' dan 'pejabat'.",
    ),
    (
        "DIP-W301",
        "Informasi berkala belum diperbarui lebih dari 6 bulan",
        "Perbarui informasi berkala paling sedikit setiap 6 bulan (UU 14/2008 Pasal 9) dan catat di catatan_perubahan.",
    ),
    (
        "DIP-W302",
        "Softcopy tanpa lampiran atau tautan",
        "Lampirkan berkas softcopy-nya atau tambahkan tautan; bila hanya ada hardcopy, ubah bentuk menjadi [hardcopy].",
    ),
    # E4xx: folders, files and attachments
    (
        "DIP-E401",
        "Nama folder item tidak sah",
        "Ganti nama folder: huruf kecil, angka dan tanda hubung, 3–80 karakter, misalnya renstra-2019-2023.",
    ),
    (
        "DIP-E402",
        "Lampiran tidak ditemukan",
        "Unggah berkas yang disebut ke folder item yang sama, atau hapus entrinya dari lampiran.",
    ),
    (
        "DIP-E403",
        "Berkas tidak tercantum di lampiran",
        "Tambahkan berkas ke daftar lampiran (berkas, judul, sumber) atau hapus berkasnya dari folder.",
    ),
    (
        "DIP-E404",
        "Nama berkas tidak sah",
        "Ganti nama berkas hanya dengan huruf kecil, angka, titik, garis bawah dan tanda hubung, misalnya laporan-2024.pdf.",
    ),
    (
        "DIP-E405",
        "Tautan simbolik tidak diizinkan",
        "Ganti tautan simbolik dengan berkas yang sebenarnya.",
    ),
    (
        "DIP-E406",
        "Lampiran menunjuk ke luar folder item",
        "Tulis nama berkas saja (tanpa / atau ..) dan letakkan berkas di folder item.",
    ),
    (
        "DIP-E407",
        "Nama berkas hanya berbeda huruf besar/kecil",
        "Ganti nama salah satu berkas; nama yang hanya berbeda huruf besar/kecil bertabrakan di Windows dan macOS.",
    ),
    (
        "DIP-E408",
        "Isi berkas tidak sesuai ekstensinya",
        "Simpan ulang berkas dalam format yang sesuai ekstensinya (misalnya ekspor ke PDF), atau perbaiki ekstensinya.",
    ),
    (
        "DIP-E409",
        "Berkas lampiran terlalu besar",
        "Perkecil berkas (pindai ulang dengan resolusi 150–200 dpi, hitam-putih) atau bagi menjadi beberapa lampiran.",
    ),
    (
        "DIP-E410",
        "Total lampiran item terlalu besar",
        "Perkecil berkas atau pecah informasi menjadi beberapa item.",
    ),
    (
        "DIP-E411",
        "Berkas penunjuk Git LFS",
        "Berkas ini hanya penunjuk Git LFS, bukan isinya; unggah berkas aslinya tanpa LFS.",
    ),
    (
        "DIP-E412",
        "Jenis berkas tidak diizinkan",
        "Gunakan jenis berkas yang diizinkan (PDF, gambar, dokumen kantor); ubah ke PDF bila ragu.",
    ),
    ("DIP-E413", "Lampiran tercantum dua kali", "Hapus entri lampiran yang ganda."),
    (
        "DIP-E414",
        "Subfolder di dalam folder item",
        "Letakkan semua berkas langsung di folder item, tanpa subfolder.",
    ),
    (
        "DIP-E415",
        "Berkas kosong",
        "Unggah ulang berkas; berkas berukuran 0 bait tidak berisi apa pun.",
    ),
    # E416–E429: what is inside an attachment (dip scan)
    (
        "DIP-E416",
        "PDF rusak atau terpotong",
        "Buka berkas di penampil PDF lalu simpan ulang atau ekspor ulang ke PDF; bila hasil pindaian, pindai ulang.",
    ),
    (
        "DIP-E417",
        "PDF terenkripsi atau berkata sandi",
        "Simpan ulang PDF tanpa kata sandi dan tanpa pembatasan (cetak ke PDF, atau ekspor tanpa enkripsi).",
    ),
    (
        "DIP-E418",
        "Berkas terlalu rumit untuk diperiksa dengan aman",
        "Berkas ini memuat bom dekompresi, rujukan melingkar atau struktur yang melampaui batas; buat ulang berkasnya (cetak ke PDF atau pindai ulang).",
    ),
    (
        "DIP-E419",
        "Konten aktif di dalam PDF",
        "Hapus JavaScript, aksi otomatis, peluncur program, berkas tertanam dan formulir XFA/RichMedia: cetak ulang ke PDF (Microsoft Print to PDF, atau dip lampiran siapkan).",
    ),
    (
        "DIP-E420",
        "PDF dengan terlalu banyak revisi bertingkat",
        "Ratakan PDF (cetak ulang ke PDF) supaya revisi lama yang tersembunyi ikut hilang, lalu unggah hasilnya.",
    ),
    (
        "DIP-E421",
        "Metadata gambar memuat data pribadi",
        "Hapus metadata (lokasi GPS, nama pembuat, nomor seri kamera): jalankan dip lampiran siapkan pada gambar itu dan unggah PDF hasilnya.",
    ),
    (
        "DIP-E422",
        "Gambar terlalu besar atau rusak",
        "Perkecil gambar (lebar dan tinggi di bawah batas) atau simpan ulang; gambar raksasa dapat melumpuhkan pemeriksa dan peramban.",
    ),
    (
        "DIP-E423",
        "Dokumen kantor berisi bom zip atau rusak",
        "Simpan ulang dokumen dari aplikasinya, atau ekspor ke PDF.",
    ),
    (
        "DIP-E424",
        "Dokumen kantor berisi makro atau objek aktif",
        "Simpan sebagai dokumen tanpa makro (.docx/.xlsx/.pptx) atau ekspor ke PDF.",
    ),
    (
        "DIP-E425",
        "Berkas tidak dapat diperiksa sampai selesai",
        "Pemeriksaan melewati batas waktu atau memori; buat ulang berkasnya (cetak ke PDF, pindai ulang dengan resolusi 150–200 dpi) atau bagi pindaian yang sangat tebal (lebih dari ±300 halaman) menjadi beberapa lampiran.",
    ),
    (
        "DIP-E426",
        "Halaman tanpa teks tidak dapat dibaca (OCR belum terpasang)",
        "Pasang OCR lalu periksa lagi: sudo apt-get install ocrmypdf tesseract-ocr-ind; halaman hasil pindaian harus dibaca supaya NIK tidak lolos.",
    ),
    # E5xx: personal data
    (
        "DIP-E501",
        "Nomor NIK/KK di teks item",
        "Hapus nomor NIK/KK dari item.yaml; data kependudukan perseorangan tidak boleh diumumkan (UU 24/2013 Pasal 95A, UU 14/2008 Pasal 17 huruf h).",
    ),
    (
        "DIP-E502",
        "Nomor NIK/KK di nama berkas",
        "Ganti nama berkas tanpa nomor NIK/KK dan periksa isinya sebelum diunggah.",
    ),
    (
        "DIP-E503",
        "Nomor NIK/KK di isi lampiran",
        "Hitamkan nomor itu sungguh-sungguh (hapus teksnya, bukan menutupnya dengan kotak hitam) atau pindai ulang dokumen yang sudah disamarkan, lalu unggah lagi.",
    ),
    (
        "DIP-E504",
        "Nomor NIK/KK di metadata lampiran",
        "Hapus metadata berkas (judul, subjek, penulis, kata kunci, XMP/EXIF): jalankan dip lampiran siapkan atau cetak ulang ke PDF.",
    ),
    (
        "DIP-E505",
        "Nomor NIK/KK di anotasi, isian formulir atau berkas tertanam",
        "Hapus komentar, isian formulir dan berkas tertanam, atau ratakan PDF (cetak ulang ke PDF).",
    ),
    (
        "DIP-E506",
        "Nomor NIK/KK di revisi lama PDF",
        "Revisi lama yang tersembunyi masih memuat nomor itu: ratakan PDF (cetak ulang ke PDF) lalu unggah hasilnya.",
    ),
    (
        "DIP-E507",
        "Nomor NIK/KK terbaca OCR di halaman pindaian",
        "Pindai ulang dokumen setelah nomornya ditutup pada kertas, atau hapus halaman itu; hasil pindaian dibaca dengan OCR.",
    ),
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, positioned in a file relative to the project root."""

    path: str
    line: int | None
    col: int | None
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def fix(self) -> str:
        return CODES[self.code].fix

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.col or 0, self.code)


def problem(
    path: str, code: str, message: str, line: int | None = None, col: int | None = None
) -> Problem:
    """Build a Problem, refusing codes that are not registered (a bug, not bad input)."""
    if code not in CODES:
        raise KeyError(f"unregistered problem code {code}")
    return Problem(printable(path), line, col, code, printable(message))


def printable(text: str) -> str:
    """Safe to print anywhere: file names that are not UTF-8 (surrogate escapes) and control
    characters such as ESC in a file name are shown as \\xNN, so reports stay valid UTF-8
    (JSON included) and cannot drive a terminal."""
    if text.isascii() and text.isprintable():
        return text
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def codes_markdown() -> str:
    """The document of all codes, `docs/kode-masalah.md`."""
    lines = [
        "# Kode masalah `dip check`",
        "",
        "Dibuat otomatis dari `pipeline/problems.py` (`python -m pipeline kode`). "
        "Setiap kode tetap; `error` menggagalkan pemeriksaan, `warning` hanya peringatan.",
        "",
        "| kode | tingkat | masalah | cara memperbaiki |",
        "|---|---|---|---|",
    ]
    for c in CODES.values():
        lines.append(f"| `{c.code}` | {c.severity} | {c.title} | {c.fix} |")
    return "\n".join(lines) + "\n"
