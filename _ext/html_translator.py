"""Let several extensions each change a little of the HTML translator.

Sphinx keeps one translator class per builder, and ``app.set_translator``
replaces it whole: two extensions that each set their own would undo each
other.  ``extend(app, Mixin)`` instead makes the builder's translator a
subclass of the mixin and of whatever translator the builder would use
otherwise (Sphinx's, or one that another extension set or extended), when
the builder starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    # What a mixin extends, for the type checker: at run time a mixin is a
    # plain class that extend() puts in front of the builder's translator.
    TranslatorMixin = HTML5Translator
else:
    TranslatorMixin = object


def extend(app: Sphinx, mixin: type) -> None:
    """Mix ``mixin`` into the HTML builders' translator (call from setup)."""

    def install(app: Sphinx) -> None:
        if app.builder.format != "html":
            return
        base = app.builder.get_translator_class()
        if issubclass(base, mixin):
            return
        translator = type(f"{mixin.__name__}{base.__name__}", (mixin, base), {})
        app.set_translator(app.builder.name, translator, override=True)

    app.connect("builder-inited", install)
