"""Benchmark the guide's build as the case study library grows.

    python -m tools.bench [--sizes 60 600] [--repeat 1] [--jobs 1] [--keep]

For each size N, copies the project (conf.py, extensions, theme files,
bibliography and the real pages) into a temporary folder, adds N synthetic
case studies (valid front matter, about 600 words each with citations,
cross-references, glossary terms and te reo Māori words), and measures what
the performance targets name:

- a full build at each size, and its growth from the smallest size to the
  largest, time(largest) / time(smallest);
- at the largest size, the full build as a fraction of a build of the same
  number of plain pages (the same words, no roles or front matter) by stock
  Sphinx, MyST and Furo, the two run back to back so that both see the same
  machine load;
- an incremental build after editing one case study's text, as a fraction
  of the full build, and after editing its front matter (its success
  factors), counting the pages rewritten;
- a rebuild with nothing changed;
- the peak memory of a full build (resident memory of the whole process
  tree, sampled), the HTML per page, and what a reader's browser loads for a
  typical case study page (HTML, CSS and JavaScript; the search index is
  loaded only on the search page and is excluded).

It prints one table and the targets met.  Figures are medians; it never
fails on a figure (tests do not time things).  ``make bench`` runs it.

To profile a build, keep the sites (``--keep``) and run, in one of them,
``python -m cProfile -o build.prof -m sphinx -b html -q . /tmp/out``.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from _ext.bibliography.checks import entry_starts
from _ext.toolkit.schema import CHANNELS, SECTORS

REPO = Path(__file__).resolve().parent.parent

# Not copied into the benchmark site: not pages, or rebuilt per run.
NOT_COPIED = {
    ".git",
    ".venv",
    "_build",
    "node_modules",
    "tests",
    "tools",
    ".pytest_cache",
    ".github",
    ".ci",
    "__pycache__",
}
LIBRARY = "case-studies/library"  # where the synthetic case studies go
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1764028800", "PYTHONHASHSEED": "0"}

# The targets: (what, limit).
TARGETS = {
    "ratio": 0.3,  # full build / stock build of as many plain pages
    "growth": 12,  # time(largest) / time(smallest), for ten times the pages
    "incremental": 0.1,  # one page's text edited, of the full build
    "noop": 1.5,  # seconds, nothing changed
    "page_html_kb": 45,  # a typical page's HTML at the largest size
}

WORDS = (
    "organisation community service whānau practice staff channel audience trust "
    "message policy volunteer response question update feedback campaign clients "
    "leaders public record privacy story partners region families hapori rangatahi "
    "engagement evidence budget youth health housing support online event reach"
).split()


# --- The synthetic site -----------------------------------------------------------


def bib_keys(bib: Path) -> list:
    return [start.key for start in entry_starts(bib.read_text(encoding="utf-8"))]


def paragraph_words(rng: random.Random) -> list[str]:
    """Seventy words of filler, the first capitalised: one paragraph's worth."""
    words = [rng.choice(WORDS) for _ in range(70)]
    words[0] = words[0].capitalize()
    return words


def glossary_terms(glossary: Path) -> list:
    """Single-word terms of the glossary (lines flush left inside it)."""
    if not glossary.exists():
        return []
    text = glossary.read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[-1].split("\n```", 1)[0] if "{glossary}" in text else ""
    return [
        line.strip()
        for line in block.splitlines()
        if line and not line[0].isspace() and not line.startswith(":")
    ]


def factor_ids(site: Path) -> list:
    folder = site / "guidance" / "success-factors"
    found = []
    for page in sorted(folder.glob("*.md")) if folder.exists() else []:
        match = re.search(r"^factor:\s*(\S+)", page.read_text(encoding="utf-8"), re.MULTILINE)
        if match:
            found.append(match.group(1))
    return found


def case_study(
    number: int, total: int, rng: random.Random, keys: list, terms: list, factors: list
) -> str:
    sector = SECTORS[number % len(SECTORS)]
    sources = rng.sample(keys, k=min(2, len(keys)))
    chosen = sorted(rng.sample(factors, k=min(2, len(factors))))
    channels = sorted(rng.sample(CHANNELS, k=2))
    other = (number % total) + 1
    lines = [
        "---",
        "page_type: case-study",
        "owner: Guide editors",
        "last_reviewed: 2026-11-25",
        f"description: How organisation {number} used social media to reach the people it serves.",
        f"organisation: Example organisation {number}",
        f"sector: {sector}",
        f"year: {2000 + number % 25}",
        f"channels: [{', '.join(channels)}]",
        f"success_factors: [{', '.join(chosen)}]",
        f"sources: [{', '.join(sources)}]",
        "---",
        "",
        f"# Example organisation {number}: a case study",
        "",
    ]
    for section in range(4):
        lines += [f"(bench-{number}-part-{section})=", f"## Part {section + 1} of the story", ""]
        for _paragraph in range(2):
            words = paragraph_words(rng)
            words[10] = f"{{cite:p}}`{rng.choice(sources)}`" if sources else words[10]
            if terms:
                words[25] = f"{{term}}`{rng.choice(terms)}`"
            words[40] = "{mi}`Aotearoa`"
            words[55] = f"(see {{ref}}`bench-{other}-part-{section}`)"
            lines += [" ".join(words) + ".", ""]
    lines += ["See also {doc}`/index`.", ""]
    return "\n".join(lines)


def make_site(project: Path, root: Path, size: int) -> Path:
    """Copy the project and add ``size`` case studies in a hidden toctree."""
    site = root / f"site-{size}"
    shutil.copytree(
        project, site, ignore=lambda folder, names: [n for n in names if n in NOT_COPIED]
    )
    # The extensions' bytecode, as Python keeps it after a first import unless
    # PYTHONDONTWRITEBYTECODE is set (it is on the build machine, where every
    # build then compiles them again: about 0.1 s).  What is measured is the
    # build, not compiling the project's Python.
    compileall.compile_dir(site / "_ext", quiet=1)
    keys = bib_keys(site / "references.bib")
    terms = glossary_terms(site / "guidance" / "glossary.md")
    factors = factor_ids(site)
    rng = random.Random(size)
    library = site / LIBRARY
    library.mkdir(parents=True)
    for number in range(1, size + 1):
        (library / f"case-{number:04d}.md").write_text(
            case_study(number, size, rng, keys, terms, factors), encoding="utf-8"
        )
    (library / "index.md").write_text(
        "---\npage_type: guidance\nowner: Guide editors\nlast_reviewed: 2026-11-25\n"
        "description: The synthetic case studies of the benchmark.\n---\n\n"
        "# Case study library\n\n```{toctree}\n:glob:\n:hidden:\ncase-*\n```\n",
        encoding="utf-8",
    )
    with (site / "index.md").open("a", encoding="utf-8") as index:
        index.write(
            f"\n```{{toctree}}\n:caption: Case study library\n:hidden:\n\n{LIBRARY}/index\n```\n"
        )
    return site


def plain_page(number: int, rng: random.Random) -> str:
    """A case study's words without roles or front matter: what stock tools build."""
    lines = [f"# Example organisation {number}: a case study", ""]
    for section in range(4):
        lines += [f"## Part {section + 1} of the story", ""]
        for _paragraph in range(2):
            lines += [" ".join(paragraph_words(rng)) + ".", ""]
    return "\n".join(lines)


def make_plain_site(root: Path, size: int) -> Path:
    """``size`` plain pages built by stock Sphinx, MyST and Furo: the baseline."""
    site = root / f"plain-{size}"
    (site / "pages").mkdir(parents=True)
    (site / "conf.py").write_text(
        'project = "Plain pages"\nextensions = ["myst_parser"]\nhtml_theme = "furo"\n',
        encoding="utf-8",
    )
    (site / "index.md").write_text(
        "# Plain pages\n\n```{toctree}\n:glob:\n:hidden:\n\npages/*\n```\n", encoding="utf-8"
    )
    rng = random.Random(size)
    for number in range(1, size + 1):
        (site / "pages" / f"page-{number:04d}.md").write_text(
            plain_page(number, rng), encoding="utf-8"
        )
    return site


# --- Running builds -------------------------------------------------------------------


@dataclass
class Build:
    seconds: float  # wall clock
    cpu: float  # user + system time of the build and its worker processes
    peak_mb: float
    warnings: list


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            found = re.search(r"^VmRSS:\s+(\d+)", status, re.MULTILINE)
            total += int(found.group(1)) if found else 0
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return total


def sphinx_build(src: Path, out: Path, *, jobs: int = 1, fresh: bool) -> Build:
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "-j",
        str(jobs),
        "-d",
        str(out / ".doctrees"),
        str(src),
        str(out / "html"),
    ]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=stderr)
        peak, done = [0], threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss_kb(process.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 gives the CPU time of the build and of the workers it reaped.
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        stderr.seek(0)
        errors = stderr.read()
    if process.returncode != 0:
        raise RuntimeError(f"the build of {src} failed:\n{errors[-3000:]}")
    warnings = [line for line in errors.splitlines() if "WARNING" in line or "ERROR" in line]
    return Build(seconds, usage.ru_utime + usage.ru_stime, peak[0] / 1024, warnings)


def rewritten(since: dict) -> int:
    return sum(1 for page, mtime in since.items() if page.stat().st_mtime_ns != mtime)


def mtimes(outdir: Path) -> dict:
    return {page: page.stat().st_mtime_ns for page in outdir.rglob("*.html")}


# --- What a browser loads ----------------------------------------------------------


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.urls.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])


def page_weight(page: Path) -> tuple:
    """Bytes of the page's HTML and of the local CSS and JS it loads."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    assets = 0
    for url in parser.urls:
        if "://" in url:
            continue
        path = (page.parent / url.split("?")[0]).resolve()
        if path.name != "searchindex.js" and path.is_file():
            assets += path.stat().st_size
    return page.stat().st_size, assets


# --- The run ---------------------------------------------------------------------------


def median(values: list) -> float:
    return statistics.median(values) if values else float("nan")


def timing(runs: list) -> str:
    """Median wall time, and median CPU time in brackets."""
    return f"{median([b.seconds for b in runs]):.1f} s ({median([b.cpu for b in runs]):.1f} s)"


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = found.group(1) if found else cpu
    ram = "unknown RAM"
    with contextlib.suppress(OSError):
        found = re.search(r"^MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text(), re.M)
        ram = f"{int(found.group(1)) / 1024 / 1024:.0f} GB RAM" if found else ram
    return f"{os.cpu_count()} cores, {cpu}, {ram}, Python {platform.python_version()}"


def verdict(wall: float, cpu: float, limit: float) -> str:
    """Met or not on wall clock time, with CPU time (steadier on a busy machine) beside it."""
    met = "met" if wall <= limit else "NOT met"
    return f"{met}: {wall:.2f} (CPU time {cpu:.2f}; target at most {limit})"


def edit_front_matter(site: Path, case: Path) -> None:
    """Give the case study other success factors."""
    source = case.read_text(encoding="utf-8")
    factors = re.search(r"^success_factors: \[(.*)\]$", source, re.M)
    if factors is None:
        raise RuntimeError(f"{case} has no success_factors line")
    present = factor_ids(site)
    changed = [f for f in present if f not in factors.group(1)][:1] or present[:1]
    case.write_text(
        source.replace(factors.group(0), f"success_factors: [{', '.join(changed)}]"),
        encoding="utf-8",
    )


def measure(args: argparse.Namespace, root: Path) -> tuple[list, list, set, bool]:
    """Run every build; return the rows, the targets' lines, the warnings, a busy machine."""
    rows: list = []
    warnings: set = set()
    full: dict = {}  # size -> median wall, median CPU of its -j 1 full build
    checks: list = []
    largest = max(args.sizes)
    for size in sorted(args.sizes):
        site = make_site(args.project, root, size)
        plain = make_plain_site(root, size) if size == largest else None
        for jobs in args.jobs:
            runs, stock_runs = [], []
            for run in range(args.repeat):
                build = sphinx_build(site, root / "out", jobs=jobs, fresh=True)
                runs.append(build)
                warnings.update(build.warnings)
                note = f"  N={size} -j {jobs} run {run + 1}: {build.seconds:.1f} s"
                if plain is not None and jobs == 1:
                    stock = sphinx_build(plain, root / "plain-out", fresh=True)
                    stock_runs.append(stock)
                    note += f", stock plain build {stock.seconds:.1f} s"
                print(note, flush=True)
            label = f"Full build, N = {size}, -j {jobs}"
            notes = f"peak memory {max(b.peak_mb for b in runs):.0f} MB"
            if stock_runs:
                pairs = list(zip(runs, stock_runs, strict=True))
                ratio = median([b.seconds / s.seconds for b, s in pairs])
                cpu_ratio = median([b.cpu / s.cpu for b, s in pairs])
                rows.append((label, timing(runs), f"{ratio:.2f} ({cpu_ratio:.2f}) of stock", notes))
                rows.append(
                    (
                        f"Stock Sphinx + MyST + Furo, {size + 1} plain pages, -j 1",
                        timing(stock_runs),
                        "",
                        "",
                    )
                )
                checks.append(
                    f"Full build at N = {size}, at most {TARGETS['ratio']} of the stock "
                    f"build: {verdict(ratio, cpu_ratio, TARGETS['ratio'])}"
                )
            else:
                rows.append((label, timing(runs), "", notes))
            if jobs == 1:
                full[size] = (median([b.seconds for b in runs]), median([b.cpu for b in runs]))
        if size != largest:
            continue

        # Incremental builds, as a contributor previews: serial, no -E, on
        # the output of a serial full build (the last one above, unless the
        # last -j asked for was parallel).
        out = root / "out"
        if args.jobs[-1] != 1:
            sphinx_build(site, out, fresh=True)
        case = site / LIBRARY / "case-0001.md"
        noop_runs, text_runs, text_pages, meta_runs, meta_pages = [], [], [], [], []
        for run in range(args.repeat):
            noop_runs.append(sphinx_build(site, out, fresh=False))

            before = mtimes(out / "html")
            case.write_text(
                case.read_text(encoding="utf-8") + f"\nAn added sentence, edit {run}.\n",
                encoding="utf-8",
            )
            text_runs.append(sphinx_build(site, out, fresh=False))
            text_pages.append(rewritten(before))

            before = mtimes(out / "html")
            edit_front_matter(site, case)
            meta_runs.append(sphinx_build(site, out, fresh=False))
            meta_pages.append(rewritten(before))
        total_pages = len(list((out / "html").rglob("*.html")))
        whole = full.get(size, (float("nan"), float("nan")))
        fractions = {}
        for label, runs, counts in (
            ("text", text_runs, text_pages),
            ("front matter", meta_runs, meta_pages),
        ):
            wall, cpu = median([b.seconds for b in runs]), median([b.cpu for b in runs])
            fractions[label] = (wall / whole[0], cpu / whole[1])
            rows.append(
                (
                    f"Incremental, N = {size}, one case study's {label}",
                    timing(runs),
                    f"{wall / whole[0]:.3f} ({cpu / whole[1]:.3f}) of full",
                    f"{median(counts):.0f} of {total_pages} pages rewritten",
                )
            )
        noop = median([b.seconds for b in noop_runs]), median([b.cpu for b in noop_runs])
        rows.append((f"No-op rebuild, N = {size}", timing(noop_runs), "", ""))
        checks.append(
            f"Incremental build after a one-page text edit, at most "
            f"{TARGETS['incremental']} of the full build: "
            f"{verdict(*fractions['text'], TARGETS['incremental'])}"
        )
        checks.append(
            f"No-op rebuild at most {TARGETS['noop']} s: {verdict(*noop, TARGETS['noop'])}"
        )

        html_bytes = sum(p.stat().st_size for p in (out / "html").rglob("*.html"))
        html_size, assets = page_weight(out / "html" / LIBRARY / "case-0002.html")
        rows.append(
            (
                f"Output, N = {size}",
                f"{html_bytes / total_pages / 1024:.0f} KB HTML per page",
                "",
                f"typical case study page: {html_size / 1024:.0f} KB HTML "
                f"+ {assets / 1024:.0f} KB CSS/JS",
            )
        )
        # A typical page's HTML must not grow with the library: the sidebar
        # lists the case studies' index, not each one, above
        # guide_sidebar_case_study_limit (conf.py).
        checks.append(
            f"Typical page's HTML at N = {size} at most {TARGETS['page_html_kb']} KB: "
            f"{html_size / 1024:.1f} KB, "
            f"{'met' if html_size / 1024 <= TARGETS['page_html_kb'] else 'NOT met'}"
        )

    smallest = min(args.sizes)
    if smallest != largest and smallest in full and largest in full:
        growth = full[largest][0] / full[smallest][0]
        cpu_growth = full[largest][1] / full[smallest][1]
        rows.append(
            (
                f"Growth, time({largest}) / time({smallest}), -j 1",
                f"{growth:.1f} ({cpu_growth:.1f})",
                "",
                f"{largest / smallest:.0f}x the pages",
            )
        )
        checks.append(
            f"Growth time({largest}) / time({smallest}) at most {TARGETS['growth']}: "
            f"{verdict(growth, cpu_growth, TARGETS['growth'])}"
        )
    # A serial build is one process on one core: its wall time and CPU time
    # agree unless other work competed for the machine.
    busy = any(wall > 1.25 * cpu for wall, cpu in full.values())
    return rows, checks, warnings, busy


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[60, 600],
        help="numbers of synthetic case studies (default: 60 600)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per figure (default 1; 3 gives medians)"
    )
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[1], help="-j values of the full builds (default: 1)"
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=REPO,
        help="the checkout to measure (default: this one, as it is on disk)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder and print it"
    )
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    print(f"Machine: {machine()}")
    print(
        f"Benchmark sites: the real project plus N synthetic case studies, in {root}\n", flush=True
    )
    try:
        rows, checks, warnings, busy = measure(args, root)
    except RuntimeError as error:
        print(f"\n{error}\nThe benchmark measures the guide, so the guide must build first.")
        return 1
    finally:
        if args.keep:
            print(f"Kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    header = ("Measure", "Time (CPU)", "Ratio", "Notes")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print()
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    print("\nTimes: median wall clock (median CPU time, user + system, of the build and its")
    print("workers: steadier on a shared machine).  Stock: a build of as many plain pages")
    print("by stock Sphinx, MyST and Furo, run right after each full build.")
    if busy:
        print("The machine was busy (wall clock well above CPU time): judge by CPU time.")
    print()
    print("Targets:")
    for line in checks:
        print(f"- {line}")
    if warnings:
        print(f"\nThe builds gave {len(warnings)} distinct warning(s), e.g.:")
        for line in sorted(warnings)[:5]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
