"""template_cache: templates compiled in one build are loaded in the next,
and a changed template is compiled again."""

import shutil
from pathlib import Path

import jinja2

ROOT = Path(__file__).parents[1] / "roots" / "test-template-cache"


def test_compiled_templates_kept_and_changed_ones_compiled(make_app, tmp_path, monkeypatch):
    src = tmp_path / "site"
    shutil.copytree(ROOT, src)
    make_app("html", srcdir=src, freshenv=False).build()

    compiled = []
    compile_source = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        if filename is not None:  # a template file, not a string
            compiled.append(Path(filename).name)
        return compile_source(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    app = make_app("html", srcdir=src, freshenv=False)
    app.build(force_all=True)
    assert compiled == []
    assert '<p class="marker">first</p>' in (app.outdir / "index.html").read_text()

    layout = src / "_templates" / "layout.html"
    layout.write_text(layout.read_text().replace("first", "second"))
    app = make_app("html", srcdir=src, freshenv=False)
    app.build()
    assert compiled == ["layout.html"]
    assert '<p class="marker">second</p>' in (app.outdir / "index.html").read_text()
