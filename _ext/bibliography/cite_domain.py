"""sphinxcontrib-bibtex's ``cite`` domain, typed for the modules that read it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain


def cite_domain(env: BuildEnvironment) -> BibtexDomain:
    """The ``cite`` domain: the library's, or speed's ``IndexedBibtexDomain``."""
    return cast("BibtexDomain", env.get_domain("cite"))


def bibfiles_stamp(domain: BibtexDomain) -> tuple:
    """The .bib files as parsed: their names and modification times.

    sphinxcontrib-bibtex keeps the parsed entries in the environment and
    parses again only a file whose modification time has changed.
    """
    return tuple(
        sorted((str(name), bibfile.mtime) for name, bibfile in domain.bibdata.bibfiles.items())
    )
