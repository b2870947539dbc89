"""Build a copy of a test project, after editing its files, for toolkit tests.

sphinx.testing builds a test root in place unless told otherwise; the toolkit
tests edit pages (to break them, or to test incremental builds), so each gets
its own copy under pytest's tmp_path.
"""

import shutil
from pathlib import Path

ROOTS = Path(__file__).parent / "roots"


def copy_root(name: str, tmp_path: Path) -> Path:
    src = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", src)
    return src


def edit(path: Path, old: str, new: str) -> None:
    """Replace *old* (which must be there) with *new* in the file at *path*."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
