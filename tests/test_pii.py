"""NIK/KK detection: every way a real number is written is found, ordinary numbers are not."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.pii import PersonalNumber, find_personal_numbers, mask_number

PROVINCES = (
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35",
    "36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
    "81", "82", "91", "92", "93", "94", "95", "96", "97",
)  # fmt: skip
VALID = "6171010506900001"  # Kota Pontianak, district 01, born 5 June 1990, serial 0001
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2062")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def normalised_digits(text: str) -> str:
    """The ASCII digits a reader sees in ``text`` (NFKC, invisible characters dropped)."""
    kept = [c for c in text if unicodedata.category(c) != "Cf"]
    nfkc = unicodedata.normalize("NFKC", "".join(kept))
    return "".join(str(unicodedata.decimal(c)) for c in nfkc if unicodedata.decimal(c, -1) >= 0)


def flagged(text: str) -> list[str]:
    return [p.digits for p in find_personal_numbers(text)]


# --- strategies ------------------------------------------------------------------------------


@st.composite
def niks(draw: st.DrawFn) -> str:
    """A structurally valid NIK/KK number, women's +40 day included."""
    date = draw(st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)))
    day = date.day + (40 if draw(st.booleans()) else 0)
    return (
        draw(st.sampled_from(PROVINCES))
        + f"{draw(st.integers(1, 99)):02d}{draw(st.integers(1, 99)):02d}"
        + f"{day:02d}{date.month:02d}{date.year % 100:02d}{draw(st.integers(1, 9999)):04d}"
    )


def split(digits: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, pos = [], 0
    for size in sizes:
        parts.append(digits[pos : pos + size])
        pos += size
    return sep.join(parts)


@st.composite
def zero_width(draw: st.DrawFn, nik: str) -> str:
    chars = list(nik)
    for _ in range(draw(st.integers(1, 6))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(ZERO_WIDTH)))
    return "".join(chars)


RENDERINGS: dict[str, Callable[[str], st.SearchStrategy[str]]] = {
    "plain": st.just,
    "spaces 4-4-4-4": lambda n: st.just(split(n, (4, 4, 4, 4), " ")),
    "nbsp 4-4-4-4": lambda n: st.just(split(n, (4, 4, 4, 4), "\u00a0")),
    "dots 2-2-2-6-4": lambda n: st.just(split(n, (2, 2, 2, 6, 4), ".")),
    "dashes 4-2-6-4": lambda n: st.just(split(n, (4, 2, 6, 4), "-")),
    "en dashes 4-4-4-4": lambda n: st.just(split(n, (4, 4, 4, 4), "\u2013")),
    "zero-width": zero_width,
    "zero-width spaced": lambda n: zero_width(split(n, (4, 4, 4, 4), " ")),
    "fullwidth": lambda n: st.just(n.translate(FULLWIDTH)),
    "fullwidth dots": lambda n: st.just(split(n, (2, 2, 2, 6, 4), ".").translate(FULLWIDTH)),
    "arabic-indic": lambda n: st.just(n.translate(ARABIC_INDIC)),
}

SENTENCE = (
    "Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat warga atas nama "
    "alamat Jl. Ahmad Yani Pontianak tahun 2021 nomor RT/RW 003/005 Rp 1.250.000 telp. "
    "(0561) 583047 tanggal 12-05-2020 lahir perempuan laki-laki kartu keluarga penduduk"
)
WORDS = SENTENCE.split()
# Surrounding text never puts a digit right against the number, but may hold digits elsewhere.
prose = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join),
    st.text(st.characters(categories=("L", "P", "Zs")), max_size=30),
)
before = st.sampled_from(["", " ", ": ", "\n", " NIK ", "NIK:", "NIK.", "(", "\u00a0"])
after = st.sampled_from(["", " ", ".", ", ", ")\n", "\n", " a.n. "])


# --- every valid number, however written, is found ---------------------------------------------


@pytest.mark.parametrize("rendering", RENDERINGS)
@given(data=st.data(), nik=niks())
def test_valid_numbers_are_found(rendering: str, data: st.DataObject, nik: str) -> None:
    written = data.draw(RENDERINGS[rendering](nik), label="written")
    head = data.draw(st.tuples(prose, before).map("".join), label="head")
    tail = data.draw(st.tuples(after, prose).map("".join), label="tail")
    # A space keeps surrounding digits (e.g. "2021") from gluing onto the number.
    text = head + " " * head[-1:].isdigit() + written + " " * tail[:1].isdigit() + tail
    hits = [p for p in find_personal_numbers(text) if p.digits == nik]
    assert hits, text
    for hit in hits:
        piece = text[hit.start : hit.end]
        assert normalised_digits(piece) == nik
        assert unicodedata.decimal(piece[0], -1) >= 0 and unicodedata.decimal(piece[-1], -1) >= 0
        assert hit.kind == ("NIK" if int(nik[6:8]) > 40 else "NIK/KK")


@pytest.mark.parametrize(
    "text",
    ["6171010506900001", "6171 0105 0690 0001", "6171-01-050690-0001", "61.71.01.050690.0001"],
)
def test_typical_written_forms(text: str) -> None:
    assert find_personal_numbers(f"NIK: {text}.") == [
        PersonalNumber(5, 5 + len(text), VALID, "NIK/KK")
    ]


def test_offsets_point_into_the_original_text() -> None:
    text = "😀 Nama: Siti, NIK ６１７１\u200b0145\u00ad0690\u00a00001, KK ٦١٧١٠١٠٥٠٦٩٠٠٠٠٢ selesai"
    found = find_personal_numbers(text)
    assert [p.digits for p in found] == ["6171014506900001", "6171010506900002"]
    assert text[found[0].start : found[0].end] == "６１７１\u200b0145\u00ad0690\u00a00001"
    assert text[found[1].start : found[1].end] == "٦١٧١٠١٠٥٠٦٩٠٠٠٠٢"
    assert [p.kind for p in found] == ["NIK", "NIK/KK"]


def test_glued_to_letters_counts_glued_to_digits_does_not() -> None:
    assert flagged(f"NIK:{VALID}") == [VALID]
    assert flagged(f"x{VALID}y") == [VALID]
    assert flagged(f"7{VALID}") == []
    assert flagged(f"{VALID}7") == []
    assert flagged(f"{VALID}{VALID}") == []


def test_whole_groups_inside_a_longer_chain() -> None:
    assert flagged(f"{VALID}-2") == [VALID]  # a 16-digit group is checked on its own
    assert flagged("2021 6171 0105 0690 0001 12") == [VALID]
    assert flagged("6171 0105 0690 00012") == []  # 16 digits only by splitting a group
    assert flagged("6171  0105 0690 0001") == []  # a double separator ends the chain


def test_several_numbers_in_order() -> None:
    text = "KK 6171010506900009, NIK ayah 6171011203650002, NIK ibu 6171015508700003"
    assert flagged(text) == ["6171010506900009", "6171011203650002", "6171015508700003"]


# --- structure -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "digits",
    [
        "0071010506900001",  # province 00
        "9971010506900001",  # province 99
        "2071010506900001",  # province 20
        "6100010506900001",  # regency 00
        "6171000506900001",  # district 00
        "6171010005900001",  # day 00
        "6171013205900001",  # day 32
        "6171014005900001",  # day 40 (0 + 40)
        "6171017205900001",  # day 72 (32 + 40)
        "6171010513900001",  # month 13
        "6171010500900001",  # month 00
        "6171010506900000",  # serial 0000
        "6171013002900001",  # 30 February
        "6171017002900001",  # 30 February, woman
        "6171013104900001",  # 31 April
    ],
)
def test_invalid_structure_is_not_flagged(digits: str) -> None:
    assert flagged(digits) == []
    assert flagged(split(digits, (4, 4, 4, 4), " ")) == []


@pytest.mark.parametrize(
    ("digits", "kind"),
    [
        ("6171012902000001", "NIK/KK"),  # 29 February, any year
        ("6171016902000001", "NIK"),  # 29 February, woman
        ("6171017112999999", "NIK"),  # 31 December, woman
        ("6171014101000001", "NIK"),
        ("1101013112000001", "NIK/KK"),
        ("9701010101000001", "NIK/KK"),  # new Papua province codes
    ],
)
def test_edges_of_valid_structure(digits: str, kind: str) -> None:
    assert find_personal_numbers(digits) == [PersonalNumber(0, 16, digits, kind)]


# --- the fast paths agree with a plain reference implementation --------------------------------


DIGITS = re.compile("[0-9]+")


def reference(text: str) -> list[tuple[int, int, str]]:
    """Normalise every character, then try every run of whole groups: slow and obvious."""
    chars, origin = [], []
    for i, char in enumerate(text):
        if unicodedata.category(char) == "Cf":
            continue
        for part in unicodedata.normalize("NFKC", char):
            value = unicodedata.decimal(part, -1)
            chars.append(str(value) if value >= 0 else part)
            origin.append(i)
    normal = "".join(chars)
    found = []
    for chain in re.finditer(r"[0-9]+(?:[ .\-\u2010-\u2013][0-9]+)*", normal):
        groups = [g.span() for g in DIGITS.finditer(normal, chain.start(), chain.end())]
        for i, j in itertools.combinations_with_replacement(range(len(groups)), 2):
            digits = "".join(normal[a:b] for a, b in groups[i : j + 1])
            if len(digits) == 16 and plausible(digits):
                found.append((origin[groups[i][0]], origin[groups[j][1] - 1] + 1, digits))
    return sorted(found)


def plausible(digits: str) -> bool:
    day, month = int(digits[6:8]), int(digits[8:10])
    try:
        dt.date(2000, month, day - 40 if day > 40 else day)  # a leap year: 29 February passes
    except ValueError:
        return False
    return (
        digits[:2] in PROVINCES and "00" not in (digits[2:4], digits[4:6]) and digits[12:] != "0000"
    )


ASCII_PIECES = (
    "6171010506900001", "6171", "0105", "0145", "0690", "0001", "61", "71", "01", "050690",
    "1", "12", "19691215", "198903", " ", " ", ".", "-", "-", "x", "NIK", "\n", "?", "/", ",",
)  # fmt: skip
UNICODE_PIECES = (
    "\u00a0", "\u2013", "\u2011", "\u200b", "\u00ad", "\ufeff", "\uff16", "\uff11",
    "\u0661", "\u0666", "\u2460", "\u246b", "\u00e9", "\u2014", "\u3000", "\U0001f600",
)  # fmt: skip


@pytest.mark.parametrize("pieces", [ASCII_PIECES, ASCII_PIECES + UNICODE_PIECES])
@given(data=st.data())
def test_agrees_with_reference(pieces: tuple[str, ...], data: st.DataObject) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=40), label="pieces"))
    assert [(p.start, p.end, p.digits) for p in find_personal_numbers(text)] == reference(text)


# --- controls: ordinary numbers are not flagged ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "NIP. 19691215 198903 1 004",
        "NIP 196912151989031004",
        "NIP. 19740324 2006041 1 015",
        "Telp. 0812 5024 8510",
        "WA +62 812-5024-8510",
        "Kantor (0561) 583047",
        "081250248510",
        "NPWP 01.234.567.8-701.000",
        "NPWP 012345678701000",
        "6171 01xx xxxx 0001",
        "617101********01",
        "6171-XXXX-XXXX-0001",
        "Pontianak, 12/05/2020 dan 2020-05-12 s.d. 31-12-2020",
        "Rp 1.234.567.890.123",
        "Rp 1.234.567.890.123.456",
        "tahun 2019 2020 2021 2022",
        "tahun 1998 1999 2000 2001",
        "ISBN 978-602-8519-93-9",
        "Nomor 065/2551/DISDUKCAPIL",
        f"sha256: {'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'}",
        f"sha256: {'ab' * 8}{VALID}{'cd' * 20}",  # a hash that happens to hold a valid run
        "61710105069000012",  # 17 digits: some other number
        "",
    ],
)
def test_controls_are_not_flagged(text: str) -> None:
    assert find_personal_numbers(text) == []


@st.composite
def nips(draw: st.DrawFn) -> tuple[str, str, str, str]:
    born = draw(st.dates(dt.date(1940, 1, 1), dt.date(2007, 12, 31)))
    hired = draw(st.dates(dt.date(1960, 1, 1), dt.date(2030, 12, 31)))
    gender = draw(st.sampled_from("12"))
    return f"{born:%Y%m%d}", f"{hired:%Y%m}", gender, f"{draw(st.integers(1, 999)):03d}"


@given(nip=nips(), form=st.sampled_from(["{} {} {} {}", "{}{}{}{}", "NIP. {} {} {} {}"]))
def test_nips_are_not_flagged(nip: tuple[str, str, str, str], form: str) -> None:
    assert find_personal_numbers(form.format(*nip)) == []


@st.composite
def phones(draw: st.DrawFn) -> str:
    subscriber = "8" + draw(st.text("0123456789", min_size=8, max_size=11))
    sizes = draw(st.lists(st.integers(2, 5), min_size=1, max_size=5))
    sep = draw(st.sampled_from([" ", "-", ".", ""]))
    parts, pos = [], 0
    for size in sizes:
        parts.append(subscriber[pos : pos + size])
        pos += size
    parts.append(subscriber[pos:])
    body = sep.join(p for p in parts if p)
    prefix = draw(st.sampled_from(["0", "+62 ", "+62", "62", "(+62) ", "Telp. 0", "HP: +62-"]))
    return prefix + body


@given(phones())
def test_phone_numbers_are_not_flagged(phone: str) -> None:
    assert find_personal_numbers(phone) == []


@given(npwp=st.text("0123456789", min_size=15, max_size=15), dotted=st.booleans())
def test_npwps_are_not_flagged(npwp: str, dotted: bool) -> None:
    n = npwp
    text = f"{n[:2]}.{n[2:5]}.{n[5:8]}.{n[8]}-{n[9:12]}.{n[12:]}" if dotted else n
    assert find_personal_numbers(f"NPWP: {text}") == []


@given(
    nik=niks(),
    hidden=st.sets(st.integers(4, 11), min_size=1),
    mask=st.sampled_from("xX*"),
    sizes=st.sampled_from([(16,), (4, 4, 4, 4), (4, 2, 6, 4), (2, 2, 2, 6, 4)]),
    sep=st.sampled_from([" ", "-", "."]),
)
def test_masked_numbers_are_not_flagged(
    nik: str, hidden: set[int], mask: str, sizes: tuple[int, ...], sep: str
) -> None:
    masked = "".join(mask if i in hidden else c for i, c in enumerate(nik))
    assert find_personal_numbers(split(masked, sizes, sep)) == []


# --- masking ---------------------------------------------------------------------------------


def test_mask_number_keeps_four_at_each_end() -> None:
    assert mask_number(VALID) == "6171********0001"


@given(st.text("0123456789", min_size=16, max_size=16))
def test_mask_number_never_shows_the_middle(digits: str) -> None:
    masked = mask_number(digits)
    assert masked == digits[:4] + "*" * 8 + digits[-4:]
    assert digits[4:12] not in masked


@given(st.text("0123456789", max_size=40))
def test_mask_number_hides_at_least_half_of_any_input(digits: str) -> None:
    masked = mask_number(digits)
    assert len(masked) == len(digits)
    assert masked.count("*") >= len(digits) / 2


def test_personal_number_is_immutable() -> None:
    found = find_personal_numbers(VALID)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.digits = "x"  # type: ignore[misc]
