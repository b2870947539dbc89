"""Let several extensions each change a little of the HTML translator.

Sphinx keeps one translator class per builder, and ``app.set_translator``
replaces it whole: two extensions that each set their own would undo each
other.  ``extend(app, Mixin)`` instead makes the builder's translator a
subclass of the mixin and of whatever translator the builder would use
otherwise (Sphinx's, or one that another extension set or extended), when
the builder starts.
"""

from __future__ import annotations


def extend(app, mixin: type) -> None:
    """Mix ``mixin`` into the HTML builders' translator (call from setup)."""

    def install(app) -> None:
        if app.builder.format != "html":
            return
        base = app.builder.get_translator_class()
        if issubclass(base, mixin):
            return
        translator = type(f"{mixin.__name__}{base.__name__}", (mixin, base), {})
        app.set_translator(app.builder.name, translator, override=True)

    app.connect("builder-inited", install)
