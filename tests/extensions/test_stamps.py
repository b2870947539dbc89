"""stamps: the read stamp changes exactly when a page is read or removed."""

from types import SimpleNamespace

from _ext.stamps import code_stamp, read_stamp


def test_stamp_follows_pages_read_and_removed():
    env = SimpleNamespace(all_docs={"index": 1, "about": 2})
    stamp = read_stamp(env)
    assert read_stamp(SimpleNamespace(all_docs={"about": 2, "index": 1})) == stamp
    env.all_docs["about"] = 3  # read again
    read_again = read_stamp(env)
    assert read_again != stamp
    del env.all_docs["about"]  # removed
    assert read_stamp(env) not in {stamp, read_again}


def test_code_stamp_follows_the_files(tmp_path):
    one, two = tmp_path / "one.py", tmp_path / "two.py"
    one.write_text("A = 1\n")
    two.write_text("B = 2\n")
    stamp = code_stamp(str(one), str(two))
    assert code_stamp(str(one), str(two)) == stamp
    two.write_text("B = 3\n")
    assert code_stamp(str(one), str(two)) != stamp
