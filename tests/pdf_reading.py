"""Reading a built PDF back as a reader sees it (poppler's pdftotext)."""

import re
import subprocess

from conftest import require_tool

# A question's boxes to tick (pdftotext may put each on a line of its own).
TICK_BOXES = re.compile(r"□ Yes\s+□ Partly\s+□ No\s+□ Not applicable")


def pdftotext(pdf, *options) -> str:
    tool = require_tool("pdftotext", "sudo apt-get install poppler-utils")
    return subprocess.run(
        [tool, "-enc", "UTF-8", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def words_off_the_page(pdf) -> list[str]:
    """Words printed past the right margin (book.css: 22 mm), with their page."""
    right_edge = (210 - 22) / 25.4 * 72 + 1  # points, and one of leeway
    layout = pdftotext(pdf, "-bbox")
    off = []
    for number, page in enumerate(layout.split("<page ")[1:], start=1):
        for x_max, word in re.findall(
            r'<word xMin="[^"]*" yMin="[^"]*" xMax="([^"]*)"'
            r' yMax="[^"]*">([^<]*)</word>',
            page,
        ):
            if float(x_max) > right_edge:
                off.append(f"page {number}: {word}")
    return off
