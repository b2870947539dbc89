"""env_stamp: the read stamp changes exactly when a page is read or removed."""

from types import SimpleNamespace

from _ext.env_stamp import read_stamp


def test_stamp_follows_pages_read_and_removed():
    env = SimpleNamespace(all_docs={"index": 1, "about": 2})
    stamp = read_stamp(env)
    assert read_stamp(SimpleNamespace(all_docs={"about": 2, "index": 1})) == stamp
    env.all_docs["about"] = 3  # read again
    read_again = read_stamp(env)
    assert read_again != stamp
    del env.all_docs["about"]  # removed
    assert read_stamp(env) not in {stamp, read_again}
