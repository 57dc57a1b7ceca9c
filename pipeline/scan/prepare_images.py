"""Step 1 of `dip lampiran siapkan` for photos and scanner images: every frame re-encoded
from its pixels (EXIF orientation applied first), so no EXIF/XMP/IPTC/ICC block survives
(img2pdf alone would copy a JPEG's EXIF into the PDF).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..project import ConfigError

__all__ = ["clean_image"]

PHOTO_DPI = 200  # photos of paper are fitted to A4 at this resolution
MAX_SCAN_DPI = 300  # scanner output above this is scaled down (bilevel: 600)
MAX_BILEVEL_DPI = 600
JPEG_QUALITY = 85
A4_INCHES = (8.27, 11.69)


def clean_image(source: Path, work: Path, number: int, removed: list[str]) -> list[Path]:
    """Each frame re-encoded from its pixels: upright, sRGB, no metadata at all."""
    import warnings

    from PIL import Image, ImageOps

    from .image import MAX_FRAMES, MAX_PIXELS, metadata_findings

    out: list[Path] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as img:
                for finding in metadata_findings(img):
                    if finding.code == "DIP-E421":
                        what = finding.message.split(";")[0].removeprefix("metadata gambar memuat ")
                        removed.append(f"{source.name}: {what}")
                    elif finding.code == "DIP-E504":
                        removed.append(f"{source.name}: nomor NIK/KK di metadata")
                frames = getattr(img, "n_frames", 1)
                if frames > MAX_FRAMES:
                    raise ConfigError(f"{source} berisi {frames} halaman (batas {MAX_FRAMES})")
                for index in range(frames):
                    img.seek(index)
                    if img.width * img.height > MAX_PIXELS:
                        raise ConfigError(
                            f"{source}: gambar {img.width}×{img.height} piksel terlalu besar"
                        )
                    target = work / f"masukan-{number}-{index}"
                    out.append(_reencode(img, ImageOps.exif_transpose(img), target))
    except ConfigError:
        raise
    except Exception as exc:  # Pillow's many errors for broken input
        raise ConfigError(
            f"{source} tidak dapat dibaca sebagai gambar ({type(exc).__name__})"
        ) from None
    return out


def _reencode(original: Any, upright: Any, target: Path) -> Path:
    from PIL import Image

    icc = original.info.get("icc_profile")
    dpi = _plausible_dpi(original.info.get("dpi"))
    img = _to_srgb(upright, icc)
    width, height = img.size
    if dpi is None:  # a photo: fit into A4 at PHOTO_DPI (landscape when wider than tall)
        page = A4_INCHES if height >= width else (A4_INCHES[1], A4_INCHES[0])
        scale = min(1.0, PHOTO_DPI * page[0] / width, PHOTO_DPI * page[1] / height)
        new_dpi = float(PHOTO_DPI)
        if scale == 1.0:
            new_dpi = max(width / page[0], height / page[1])
    else:
        limit = MAX_BILEVEL_DPI if img.mode == "1" else MAX_SCAN_DPI
        scale = min(1.0, limit / dpi)
        new_dpi = dpi * scale
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        img = (img.convert("L") if img.mode == "1" else img).resize(size, Image.Resampling.LANCZOS)
    # A fresh image holds only pixels: nothing from the source's info can be written.
    clean = Image.frombytes(img.mode, img.size, img.tobytes())
    resolution = (round(new_dpi), round(new_dpi))
    if clean.mode == "1":
        path = target.with_suffix(".tif")
        clean.save(path, "TIFF", compression="group4", dpi=resolution)
    elif original.format == "JPEG":
        path = target.with_suffix(".jpg")
        clean.save(path, "JPEG", quality=JPEG_QUALITY, dpi=resolution, optimize=True)
    else:
        path = target.with_suffix(".png")
        clean.save(path, "PNG", dpi=resolution, optimize=True)
    return path


def _plausible_dpi(value: object) -> float | None:
    """Scanner output states its resolution; phones say 72 (or nothing)."""
    if isinstance(value, tuple) and len(value) >= 2:
        try:
            x, y = float(value[0]), float(value[1])
        except (TypeError, ValueError):
            return None
        if 100 <= x <= 2400 and abs(x - y) < 1:
            return x
    return None


def _to_srgb(img: Any, icc: object) -> Any:
    """RGB, L or 1: transparency over white, CMYK/palette/16-bit converted, a colour
    profile applied and then dropped."""
    from PIL import Image, ImageCms

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(background, rgba).convert("RGB")
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        img = img.point(lambda v: v / 256).convert("L")
    if img.mode not in ("RGB", "L", "1"):
        img = img.convert("RGB")
    if isinstance(icc, bytes) and icc and img.mode == "RGB":
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            img = ImageCms.profileToProfile(img, source, ImageCms.createProfile("sRGB"))
        except Exception:  # a broken or unusual profile: keep the pixels as they are
            pass
    return img
