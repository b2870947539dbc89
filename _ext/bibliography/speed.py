"""The bibliography's build cost grows with the number of pages, not its square.

These costs of pybtex and sphinxcontrib-bibtex (pinned versions) showed up when
profiling a build with hundreds of case studies:

- Finding a plugin (a citation style, the plain-text backend) scans the
  entry points of every installed package, again for every citation and
  every formatted reference.  Both libraries look in a runtime registry
  first, so the installed plugins are registered there once, at startup.
  A plugin another extension registered (apa_style's "apa") is left alone.
- Every page that cites has its own reference list (a bibliography
  directive), and for each one sphinxcontrib-bibtex works out, for every
  entry of references.bib, which pages cite it by scanning every citation
  of the site: pages x entries x citations, quadratic in the number of
  pages.  Then, for each list again, it sorts every citation of the site
  into page order with a linear search for each.  ``IndexedBibtexDomain``
  answers both from an index and a sort made once per build, and orders
  each list's entries by a first-citation lookup instead of walking every
  citation of the site again.  The per-page lists' filter ("docname in
  docnames") is evaluated directly, not by walking its syntax tree for
  every entry of every list in every build.  Its answers are the same, so
  the output is unchanged.
- Resolving each citation in the text, the library scans every entry of
  every reference list of the site for the cited keys: citations x
  entries.  ``resolve_xref`` gives it only those of the cited keys, from
  an index by key, in the same order.
- Every build, even one that read a single page, formats every reference
  list of the site again (most of an incremental build's time at 500 case
  studies).  A list's formatted entries depend only on which entries it
  lists and in which order, its style and key prefix, the tooltip settings
  and the .bib files; the domain keeps each list's result under those
  inputs, on the environment, and formats a list again only when one of
  them has changed.  A build that reads and removes no page, with the same
  .bib files, makes no citation at all: the environment holds the last
  build's (``_ext/stamps.py``).  Equal formatted entries of different
  lists are kept as one object, which halves the environment Sphinx loads
  at the start of every build.
- Registering a plugin through pybtex's ``register_plugin`` scans every
  installed package's entry points again, even when told to overwrite; the
  installed plugins go straight into the runtime registries.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable
from importlib.metadata import distributions
from typing import TYPE_CHECKING

import sphinxcontrib.bibtex.domain as bibtex_domain
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from .. import compat
from ..stamps import code_stamp, read_stamp
from . import apa_style, links
from .cite_domain import bibfiles_stamp

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

# What the formatted lists depend on besides their inputs: the style's code
# and version, and the libraries that run it.  Part of every kept list's key,
# so a changed style or an upgraded library formats every list again.
FORMATTER_VERSION = (
    apa_style.STYLE_VERSION,
    code_stamp(apa_style.__file__, links.__file__),
    compat.installed("pybtex"),
    compat.installed("sphinxcontrib-bibtex"),
)


def register_installed_plugins() -> None:
    """Every installed pybtex and sphinxcontrib-bibtex plugin, in their registries.

    As ``register_plugin(..., force=True)`` would, without its scan of every
    entry point for each plugin; one already registered stays.
    """
    pybtex_groups = compat.pybtex_plugin_groups()
    pybtex_registered = compat.pybtex_runtime_plugins()
    bibtex_registered = compat.bibtex_runtime_plugins()
    for entry_point in (ep for dist in distributions() for ep in dist.entry_points):
        group, name = entry_point.group, entry_point.name
        if group.removesuffix(".aliases").removesuffix(".suffixes") in pybtex_groups:
            if name not in pybtex_registered.get(group, {}):
                pybtex_registered.setdefault(group, {})[name] = entry_point.load()
        elif group in bibtex_registered and name not in bibtex_registered[group]:
            bibtex_registered[group][name] = entry_point.load()


# The filter "entries cited on this page", as sphinxcontrib-bibtex parses it.
CITED_HERE = ast.dump(ast.parse("docname in docnames"))


class IndexedBibtexDomain(bibtex_domain.BibtexDomain):
    """sphinxcontrib-bibtex's domain, with "which pages cite this key" indexed."""

    _cited_in: dict | None = None
    _first_citation: dict | None = None  # key -> its position in citation order
    _formatted_before: dict | None = None  # the last build's formatted lists
    _citations_of: dict | None = None  # key -> its positions in self.citations
    _shared: dict | None = None  # (key, formatted key, label) -> formatted entries seen

    def env_updated(self) -> Iterable[str]:
        # A build that read and removed no page, with the same .bib files,
        # would make the same citations as the last build: the environment
        # holds them (the library keeps them in its pickled domain data).
        inputs = (read_stamp(self.env), bibfiles_stamp(self))
        if self.data.get("citations_made_from") == inputs:
            return []
        self.data["citations_made_from"] = inputs
        # Citations are all known now (reading is over); index them afresh.
        cited_in = defaultdict(set)
        for citation_ref in self.citation_refs:
            for target in citation_ref.targets:
                cited_in[target.key].add(citation_ref.docname)
        self._cited_in = cited_in
        self._first_citation = None
        # Formatted lists kept from the last build; only this build's are kept
        # for the next, so the store never outgrows the site.
        self._formatted_before = self.data.get("formatted_lists", {})
        self.data["formatted_lists"] = {}
        self._shared = {}
        try:
            return super().env_updated()
        finally:
            self._formatted_before = self._shared = None
            # The library has just made this build's citations.
            self._citations_of = None

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        """As the library's, shown only the citations of the keys cited.

        For each citation in the text the library scans every entry of every
        reference list of the site (``self.citations``): citations x entries,
        quadratic in the number of pages.  It is given those of the cited
        keys instead, in the same order, so its answer is the same.
        """
        if self._citations_of is None:
            index = defaultdict(list)
            for position, citation in enumerate(self.citations):
                index[citation.key].append(position)
            self._citations_of = index
        keys = {citation_target.key for citation_target in parse_citation_targets(target)}
        every = self.data["citations"]
        positions = sorted(p for key in keys for p in self._citations_of.get(key, ()))
        self.data["citations"] = [every[position] for position in positions]
        try:
            return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        finally:
            self.data["citations"] = every

    def get_formatted_entries(self, bibliography_key, docnames, tooltips, tooltips_style):
        """As the library's, reusing the last build's result when its inputs are the same."""
        if self._cited_in is None:
            return super().get_formatted_entries(
                bibliography_key, docnames, tooltips, tooltips_style
            )
        bibliography = self.bibliographies[bibliography_key]
        listed = [key for key, _entry in self.get_sorted_entries(bibliography_key, docnames)]
        inputs = (
            FORMATTER_VERSION,
            tuple(listed),
            bibliography.style,
            bibliography.keyprefix,
            tooltips,
            tooltips_style,
            bibfiles_stamp(self),
        )
        before = self._formatted_before.get(bibliography_key) if self._formatted_before else None
        if before is not None and before[0] == inputs:
            formatted = before[1]
        else:
            formatted = list(
                super().get_formatted_entries(bibliography_key, docnames, tooltips, tooltips_style)
            )
        formatted = self._one_of_each(formatted)
        self.data["formatted_lists"][bibliography_key] = (inputs, formatted)
        return iter(formatted)

    def _one_of_each(self, formatted: list) -> list:
        """The list's (entry, formatted, tooltip), equal ones shared with other lists.

        Every page's own list formats the same works again, as equal but
        separate objects, and the environment pickles each one: at 600 case
        studies that was half the environment, loaded by every build.  Equal
        entries kept as one object are pickled once.  Nothing changes them
        once formatted (they are rendered), so sharing changes no output.
        """
        if self._shared is None:
            return formatted
        result = []
        for item in formatted:
            entry, main, tooltip = item
            candidates = self._shared.setdefault((entry.key, main.key, main.label), [])
            same = (
                c
                for c in candidates
                if c[0] is entry and _same_text(c[1], main) and _same_text(c[2], tooltip)
            )
            shared = next(same, None)
            if shared is None:
                candidates.append(item)
            result.append(shared or item)
        return result

    def get_sorted_entries(self, bibliography_key, docnames):
        """As the library's, ordered by a position lookup.

        The library walks every citation of the site for each reference
        list: lists x citations.  It lists cited entries in citation order,
        then the rest in .bib order; a stable sort by first citation does too.
        """
        if self._cited_in is None:
            return super().get_sorted_entries(bibliography_key, docnames)
        first = self._first_citations(docnames)
        entries = dict(self._filtered(bibliography_key, self.bibliographies[bibliography_key]))
        return iter(sorted(entries.items(), key=lambda item: first.get(item[0], len(first))))

    def _first_citations(self, docnames) -> dict[str, int]:
        """Each cited key's position of first citation, in page order.

        Once per build, with a position lookup: the library's
        ``get_all_cited_keys`` sorts every citation by ``docnames.index`` (a
        linear search) for every reference list: pages x citations x pages.
        """
        if self._first_citation is None:
            position = {docname: index for index, docname in reversed(list(enumerate(docnames)))}
            ordered = sorted(self.citation_refs, key=lambda c: position[c.docname])
            keys = (target.key for citation_ref in ordered for target in citation_ref.targets)
            first: dict[str, int] = {}
            for index, key in enumerate(keys):
                first.setdefault(key, index)
            self._first_citation = first
        return self._first_citation

    def _filtered(self, bibliography_key, bibliography):
        """The library's ``get_filtered_entries``, with the cited pages looked up."""
        cited_in = self._cited_in or {}
        # Every page's own list (page_references) has this filter: evaluated
        # directly, as the library's visitor would, instead of walking its
        # syntax tree for every entry of every list in every build.
        cited_here = ast.dump(bibliography.filter_) == CITED_HERE
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            if cited_here:
                if (
                    bibliography_key.docname in cited_in.get(key, ())
                    or entry.key in bibliography.keys
                ):
                    yield key, entry
                continue
            cited_docnames = set(cited_in.get(key, ()))
            visitor = compat.bibtex_filter_visitor()(
                entry=entry, docname=bibliography_key.docname, cited_docnames=cited_docnames
            )
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                bibtex_domain.logger.warning(
                    f"syntax error in :filter: expression; {err}",
                    location=(bibliography_key.docname, bibliography.line),
                    type="bibtex",
                    subtype="filter_syntax_error",
                )
                success = bool(cited_docnames)
            if success or entry.key in bibliography.keys:
                yield key, entry


def _same_text(one, other) -> bool:
    """Whether two formatted entries (or None) are equal: pybtex's have no ``==``."""
    if one is None or other is None:
        return one is other
    return (one.key, one.label, one.text) == (other.key, other.label, other.text)


SPEED_UPS_NEED = ("pybtex", "sphinxcontrib-bibtex")


def register(app: Sphinx) -> None:
    """Install the speed-ups when the libraries are the tested versions.

    Outside them (see ``compat.TESTED``) the library's own domain and plugin
    look-up stay, with one warning: slower, and just as correct.
    """
    app.add_config_value(
        "guide_bibliography_speedups",
        True,
        "env",
        bool,
        description="Index citations and keep formatted reference lists "
        "(False: sphinxcontrib-bibtex's own, slower)",
    )
    app.connect("config-inited", _install)


def _install(app: Sphinx, config: Config) -> None:
    if not config.guide_bibliography_speedups:
        return
    if not compat.require_tested(app, "the bibliography speed-ups", *SPEED_UPS_NEED):
        return
    register_installed_plugins()
    app.add_domain(IndexedBibtexDomain, override=True)
