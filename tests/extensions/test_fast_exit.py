"""fast_exit: at exit, objects still alive are left to the operating system."""

import subprocess
import sys

from conftest import REPO

# An object in a reference cycle whose finalizer says it ran: a last
# garbage collection at exit runs it; after fast_exit's handler, none does.
PROGRAM = """
import sys
class Cycle:
    def __init__(self):
        self.me = self
    def __del__(self):
        sys.stdout.write("collected")
kept = Cycle()  # alive until the interpreter clears this module, at exit
if sys.argv[1] == "fast":
    from _ext import fast_exit
    fast_exit.setup(None)
    fast_exit.setup(None)  # a second build in the same process
"""


def run(mode: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, mode],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_no_last_collection_at_exit():
    assert run("stock") == "collected"
    assert run("fast") == ""
