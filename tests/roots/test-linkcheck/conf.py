# Links to a local test server (tests/tools/test_linkcheck.py starts it and writes
# its address into index.md).  Tiny timeouts keep the test fast.
import re

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]

linkcheck_timeout = 0.5
linkcheck_retries = 1
# Retry-After: 1 is honoured; without Retry-After linkcheck would back off
# for 60 s, longer than this, so it gives up at once.
linkcheck_rate_limit_timeout = 0.5
linkcheck_allowed_redirects = {
    r"http://127\.0\.0\.1:\d+/redirect-allowed$": r"http://127\.0\.0\.1:\d+/ok$",
}
