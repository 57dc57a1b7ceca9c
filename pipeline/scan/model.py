"""What inspecting one attachment finds: values that cross the sandbox boundary as JSON.

Inspectors (`pdf.py`, `image.py`, `office.py`, `text.py`) are pure functions
`inspect_<kind>(path: Path, ocr: Ocr | None) -> Report`; they never raise for bad input
(a hostile file is a Finding). `sandbox.py` runs them in a child process with limits, and
`cache.py` remembers a Report by the file's sha256.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..problems import CODES

# Bump when what the inspectors look for changes: cached reports of older versions are
# ignored, so every file is inspected again with the new rules.
SCAN_VERSION = 1


@dataclass(frozen=True)
class Finding:
    code: str  # a registered DIP-E4xx/E5xx code
    message: str  # Bahasa Indonesia; says where (page N, metadata field, …), masks numbers
    page: int | None = None  # 1-based page, when the finding is on a page

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise KeyError(f"unregistered problem code {self.code}")


@dataclass
class Report:
    kind: str  # pdf | image | office | text | other
    pages: int | None = None  # PDF pages / image frames
    text_pages: int = 0  # pages that had a text layer
    ocr_pages: int = 0  # pages read with OCR
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for people, not problems (Indonesian)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Report:
        """Strict: anything that is not a report we wrote raises ValueError."""
        if not isinstance(data, dict):
            raise ValueError("bukan laporan pemeriksaan")
        try:
            findings = [
                Finding(str(f["code"]), str(f["message"]), _opt_int(f.get("page")))
                for f in data["findings"]
            ]
            return cls(
                kind=str(data["kind"]),
                pages=_opt_int(data.get("pages")),
                text_pages=int(data.get("text_pages", 0)),
                ocr_pages=int(data.get("ocr_pages", 0)),
                findings=findings,
                notes=[str(n) for n in data.get("notes", [])],
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"laporan pemeriksaan tidak sah: {exc}") from None


def _opt_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("bukan bilangan bulat")
    return value
