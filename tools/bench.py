"""Benchmark the guide's build as the case study library grows.

    python tools/bench.py [--sizes 50 500] [--repeat 3] [--repeat-large 1]

For each size N, copies the project (conf.py, extensions, theme files,
bibliography and the real pages) into a temporary folder, adds N synthetic
case studies (valid front matter, about 600 words each with citations,
cross-references, glossary terms and te reo Māori words), and builds it:

- full builds with -j 1 and -j 2, each paired with a build of the same
  content with stock Furo navigation (``-D guide_fast_navigation=0``) run right
  after it, so the ratio of each pair is taken under the same machine load;
- incremental builds after editing one case study's text, and after editing
  one case study's front matter (its success factors), counting the pages
  rewritten;
- the peak memory of a full build (resident memory of the whole process
  tree, sampled), the output size per page, and what a reader's browser
  loads for a typical case study page (HTML, CSS and JavaScript; the search
  index is loaded only on the search page and is excluded).

It prints one table.  Figures are medians; it never fails on a figure
(tests do not time things).  ``make bench`` runs it; ``BENCH_ARGS="--repeat 1"``
gives a quick run.
"""

from __future__ import annotations

import argparse
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

WORDS = (
    "organisation community service whānau practice staff channel audience trust "
    "message policy volunteer response question update feedback campaign clients "
    "leaders public record privacy story partners region families hapori rangatahi "
    "engagement evidence budget youth health housing support online event reach"
).split()


# --- The synthetic site -----------------------------------------------------------


def bib_keys(bib: Path) -> list:
    return re.findall(r"^@\w+\{([^,\s]+),", bib.read_text(encoding="utf-8"), re.MULTILINE)


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
            words = [rng.choice(WORDS) for _ in range(70)]
            words[0] = words[0].capitalize()
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


def sphinx_build(src: Path, out: Path, *, jobs: int, fast: bool, fresh: bool) -> Build:
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
        "-D",
        f"guide_fast_navigation={int(fast)}",
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


def rewritten(outdir: Path, since: dict) -> int:
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


def ratio(fast: list, stock: list) -> str:
    """Median of the pairwise fast/stock ratios, wall (CPU)."""
    wall = median([f.seconds / s.seconds for f, s in zip(fast, stock, strict=True)])
    cpu = median([f.cpu / s.cpu for f, s in zip(fast, stock, strict=True)])
    return f"{wall:.2f} ({cpu:.2f})"


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


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[50, 500],
        help="numbers of synthetic case studies (default: 50 500)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per figure at sizes up to 100 (default 3); also caps --repeat-large",
    )
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=1,
        help="runs per figure at sizes over 100 (default 1: a stock build "
        "of 500 pages takes minutes; 3 gives medians)",
    )
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[1, 2], help="-j values (default: 1 2)"
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
        f"Benchmark site: the real project plus N synthetic case studies, in {root}\n", flush=True
    )
    rows, results = [], {}
    warnings: set = set()
    try:
        for size in args.sizes:
            repeat = args.repeat if size <= 100 else min(args.repeat, args.repeat_large)
            site = make_site(args.project, root, size)
            for jobs in args.jobs:
                fast_runs, stock_runs, peaks = [], [], []
                for run in range(repeat):
                    fast = sphinx_build(site, root / "fast", jobs=jobs, fast=True, fresh=True)
                    stock = sphinx_build(site, root / "stock", jobs=jobs, fast=False, fresh=True)
                    fast_runs.append(fast)
                    stock_runs.append(stock)
                    peaks.append(fast.peak_mb)
                    warnings.update(fast.warnings + stock.warnings)
                    print(
                        f"  N={size} -j {jobs} run {run + 1}: fast {fast.seconds:.1f} s "
                        f"(CPU {fast.cpu:.1f} s), stock {stock.seconds:.1f} s "
                        f"(CPU {stock.cpu:.1f} s)",
                        flush=True,
                    )
                results[(size, jobs)] = (
                    median([b.seconds for b in fast_runs]),
                    median([b.cpu for b in fast_runs]),
                )
                rows.append(
                    (
                        f"Full build, N={size}, -j {jobs}",
                        timing(fast_runs),
                        timing(stock_runs),
                        ratio(fast_runs, stock_runs),
                        f"peak {max(peaks):.0f} MB",
                    )
                )

            # Incremental builds, as a contributor previews: serial, no -E.
            out = root / "fast"
            sphinx_build(site, out, jobs=1, fast=True, fresh=True)
            case = site / LIBRARY / "case-0001.md"
            text_runs, text_pages, meta_runs, meta_pages = [], [], [], []
            for run in range(repeat):
                before = mtimes(out / "html")
                case.write_text(
                    case.read_text(encoding="utf-8") + f"\nAn added sentence, edit {run}.\n",
                    encoding="utf-8",
                )
                build = sphinx_build(site, out, jobs=1, fast=True, fresh=False)
                text_runs.append(build)
                text_pages.append(rewritten(out / "html", before))

                before = mtimes(out / "html")
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
                build = sphinx_build(site, out, jobs=1, fast=True, fresh=False)
                meta_runs.append(build)
                meta_pages.append(rewritten(out / "html", before))
            total_pages = len(list((out / "html").rglob("*.html")))
            full = results.get((size, 1), (float("nan"), float("nan")))
            for label, runs, counts in (
                ("text", text_runs, text_pages),
                ("front matter", meta_runs, meta_pages),
            ):
                wall, cpu = median([b.seconds for b in runs]), median([b.cpu for b in runs])
                rows.append(
                    (
                        f"Incremental, N={size}, one case study's {label}",
                        timing(runs),
                        "",
                        f"{wall / full[0]:.2f} ({cpu / full[1]:.2f}) of full",
                        f"{median(counts):.0f} of {total_pages} pages rewritten",
                    )
                )

            html_bytes = sum(p.stat().st_size for p in (out / "html").rglob("*.html"))
            html_size, assets = page_weight(out / "html" / LIBRARY / "case-0002.html")
            rows.append(
                (
                    f"Output, N={size}",
                    f"{html_bytes / total_pages / 1024:.0f} KB HTML per page",
                    "",
                    "",
                    f"typical page {(html_size + assets) / 1024:.0f} KB "
                    f"({html_size / 1024:.0f} KB HTML + {assets / 1024:.0f} KB CSS/JS)",
                )
            )
        if len(args.sizes) >= 2 and (args.sizes[-1], 1) in results:
            small, large = args.sizes[0], args.sizes[-1]
            rows.append(
                (
                    f"Growth, time({large}) / time({small}), -j 1",
                    f"{results[(large, 1)][0] / results[(small, 1)][0]:.1f} "
                    f"({results[(large, 1)][1] / results[(small, 1)][1]:.1f})",
                    "",
                    "",
                    f"{large / small:.0f}x the pages",
                )
            )
    except RuntimeError as error:
        print(f"\n{error}\nThe benchmark measures the guide, so the guide must build first.")
        return 1
    finally:
        if args.keep:
            print(f"Kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    header = ("Measure", "Fast navigation", "Stock Furo", "Ratio", "Notes")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print()
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print(
            "  ".join(
                str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
            ).rstrip()
        )
    print("\nTimes: median wall clock (median CPU time, user + system, of the build and its")
    print("workers: steadier on a shared machine).  Ratio: fast / stock, median of pairs run")
    print("back to back; incremental: of the -j 1 full build.")
    if warnings:
        print(f"\nThe builds gave {len(warnings)} distinct warning(s), e.g.:")
        for line in sorted(warnings)[:5]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
