"""Furo's sidebar navigation, computed once per build instead of once per page.

Furo asks Sphinx for the whole site's toctree on every page
(``furo._compute_navigation_tree``): Sphinx resolves every toctree of the
site, renders it through docutils, and Furo re-parses the HTML with
BeautifulSoup to add its collapsible checkboxes.  Every step costs time in
proportion to the number of pages, so a site of N pages builds in time
proportional to N squared: at 500 pages that is most of the build.

Yet the trees of two pages differ in very little.  For pages in the same
folder the links are the same, and what differs is only which entries carry
the ``current`` class (the page itself and its ancestors), which checkboxes
are ``checked``, which entry is ``current-page``, and the page's own link
(``href="#"``).  So this extension, once per build (and per writer process
in a parallel build) and per output folder:

1. resolves the toctree with Sphinx's own function, for a page that does not
   exist in that folder, so nothing is marked current;
2. tags each list item, list and link with a unique marker class, in the
   very place where Sphinx would put ``current``;
3. renders it and runs Furo's own post-processing on it;
4. cuts the resulting HTML at the markers into a template.

Each page's sidebar is then the template with the page's own slots filled
in, which costs almost nothing.  The template is kept in the doctree folder
between builds, with what it was made from: a rebuild that read no page
still writes the index and search pages, and loads it instead of making
it.  The HTML is byte for byte what stock Furo produces (tests/extensions/test_fast_navigation.py compares every page of a test site
built both ways, serially and in parallel).

Outside the cases this is proven for (another builder than ``html``, a page
setting ``tocdepth``, ``only`` directives inside section titles), the
extension steps aside and Furo computes the navigation itself.  Set
``guide_fast_navigation = False`` in conf.py to always let Furo do it (the
benchmark, tools/bench.py, uses this for its comparison).

Before step 2 it emits ``navigation-tree-resolved`` (app, docname, tree), so
that an extension can leave entries out of every page's sidebar
(``_ext/sidebar_limit.py`` does, for the case studies).

That every page's sidebar shows the current titles after an incremental
build is a separate concern, of any theme: _ext/title_changes.py.

Upstream: pradyunsg/furo#939 (open pull request: render the navigation
tree once and fill in each page's marks, the same idea), after
pradyunsg/furo#674 (a navigation depth option, for the same slowness).
Delete this module when the installed Furo no longer re-renders and
re-parses the whole tree per page (``make bench`` shows no difference with
``guide_fast_navigation = False``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import posixpath
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from bs4 import BeautifulSoup
from docutils import nodes
from furo.navigation import get_navigation_tree
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from . import priorities
from .compat import installed, virtual_doc_names
from .stamps import code_stamp, read_stamp

logger = logging.getLogger(__name__)

# The arguments Furo passes to Sphinx's ``toctree()`` template function.
FURO_TOCTREE_ARGS: dict[str, Any] = {
    "collapse": False,
    "titles_only": True,
    "maxdepth": -1,
    "includehidden": True,
}

# A document name no page can have: the reference point for links from a folder.
PROBE_DOCNAME = "__fast-navigation-probe__"

MARKER = re.compile(r"fastnav-\d+")
# After rendering and Furo's post-processing, a marked element starts like
# ``<li class="toctree-l1 fastnav-7 has-children">`` or
# ``<a class="fastnav-9 reference internal" href="page.html">``.
MARKED_TAG = re.compile(r'<(li|ul|a) class="([^"]*\bfastnav-(\d+)\b[^"]*)"( href="[^"]*")?')
CHECKBOX_CHECKED = ' checked=""'
ATTRIBUTE = re.compile(r' ([a-z-]+)="')
# Hrefs that docutils and BeautifulSoup write unescaped.
SAFE_HREF = re.compile(r"[A-Za-z0-9_./#~-]*")


@dataclass
class _Template:
    """One folder's navigation HTML, cut at the places that differ per page.

    Markers are numbers.  ``slot_of`` maps each marker to its index in
    ``parts``, which holds the HTML with every slot in its unmarked form.
    """

    parts: list = field(default_factory=list)
    slot_of: dict = field(default_factory=dict)
    # marker -> the slot's text when the element is current (for a link:
    # when it points at the page being written)
    marked: dict = field(default_factory=dict)
    # list item marker -> index in ``parts`` of its checkbox's closing "/>"
    checkbox_of: dict = field(default_factory=dict)
    # docname -> markers of the links to it; link marker -> the markers of
    # the list items and lists that hold it; links that point at an anchor
    links_to: dict = field(default_factory=dict)
    branch: dict = field(default_factory=dict)
    anchored: set = field(default_factory=set)
    items: set = field(default_factory=set)
    # link marker -> its tag up to the href, and the (docname, anchor) it
    # points at: enough to move the template to another folder
    link_start: dict = field(default_factory=dict)
    link_target: dict = field(default_factory=dict)
    relocatable: bool = True

    def relocated(self, app: Sphinx, folder: str) -> _Template | None:
        """This template with its links made relative to ``folder``.

        Sphinx's rendering of another folder's tree differs only in the links'
        hrefs, so rewriting them spares resolving, rendering and parsing the
        tree again: an incremental build writes pages in several folders.
        """
        if not self.relocatable:
            return None
        probe = _probe(folder)
        parts = list(self.parts)
        for marker, (docname, anchor) in self.link_target.items():
            href = app.builder.get_relative_uri(probe, docname) + anchor
            if not SAFE_HREF.fullmatch(href):
                return None  # would need escaping: render this folder instead
            parts[self.slot_of[marker]] = f'{self.link_start[marker]} href="{href}"'
        return dataclasses.replace(self, parts=parts)

    def render(self, docname: str) -> str:
        """The navigation HTML for ``docname``, as stock Furo writes it."""
        links = self.links_to.get(docname)
        if not links:
            return "".join(self.parts)
        filled = list(self.parts)
        current = set()
        for link in links:
            filled[self.slot_of[link]] = self.marked[link]
            if link not in self.anchored:
                current.update(self.branch[link])
        # Furo adds "current-page" to the last current list item.
        current_items = [m for m in current if m in self.items]
        last_item = max(current_items, key=self.slot_of.__getitem__, default=None)
        for marker in current:
            text = self.marked[marker]
            if marker == last_item:
                text = text[:-1] + ' current-page"'
            filled[self.slot_of[marker]] = text
            if marker in self.checkbox_of:
                box = self.checkbox_of[marker]
                filled[box] = CHECKBOX_CHECKED + filled[box]
        return "".join(filled)


def _build_template(app: Sphinx, folder: str) -> _Template | None:
    """Resolve, mark, render and cut the navigation for pages in ``folder``.

    Returns None when the tree holds something this module does not model;
    the page then gets Furo's own navigation.
    """
    # Called on html-page-context only: the builder writes HTML.
    builder = cast(StandaloneHTMLBuilder, app.builder)
    probe = _probe(folder)
    tree = global_toctree_for_doc(app.env, probe, builder, tags=builder.tags, **FURO_TOCTREE_ARGS)
    if tree is None:
        return None
    # Other extensions may leave entries out of the sidebar (sidebar_limit);
    # nothing in the probe's tree is marked current for them to keep right.
    app.emit("navigation-tree-resolved", probe, tree)

    # Which document each internal link points at: invert the relative URLs
    # Sphinx wrote (from one folder, different documents give different URLs).
    url_to_doc = {
        builder.get_relative_uri(probe, docname): docname
        for docname in [*app.env.all_docs, *virtual_doc_names()]
    }
    template = _Template()
    hrefs = {}
    marker = 0
    for node in list(tree.findall(nodes.Element)):
        if isinstance(node, (nodes.list_item, nodes.bullet_list)):
            marker += 1
            # Appended last: where Sphinx appends "current".
            node["classes"].append(f"fastnav-{marker}")
            if isinstance(node, nodes.list_item):
                template.items.add(marker)
        elif isinstance(node, nodes.reference) and node.get("internal"):
            marker += 1
            node["classes"].append(f"fastnav-{marker}")
            anchor = node.get("anchorname", "")
            url = node["refuri"].removesuffix(anchor) if anchor else node["refuri"]
            if url not in url_to_doc:
                return None
            template.links_to.setdefault(url_to_doc[url], []).append(marker)
            template.link_target[marker] = (url_to_doc[url], anchor)
            if anchor:
                template.anchored.add(marker)
            # A page's link to itself is "" plus the anchor; docutils writes "" as "#".
            hrefs[marker] = anchor or "#"
            ancestors = []
            parent = node.parent
            while parent is not None:
                ancestors += [
                    int(m.group()[8:]) for c in parent["classes"] if (m := MARKER.fullmatch(c))
                ]
                parent = parent.parent
            template.branch[marker] = ancestors

    html = get_navigation_tree(builder.render_partial(tree)["fragment"])

    # Furo puts a checkbox into each list item that has children.
    checkbox_ids = {}
    for item in BeautifulSoup(html, "html.parser").find_all("li"):
        box = item.find("input", recursive=False)
        if box is not None:
            checkbox_ids[_marker_in(item["class"])] = box["id"]
    cuts = []
    for match in MARKED_TAG.finditer(html):
        tag, classes, number, href = match.groups()
        number = int(number)
        tokens = classes.split()
        rest = [t for t in tokens if not MARKER.fullmatch(t)]
        unmarked = f'<{tag} class="{" ".join(rest)}"' if rest else f"<{tag}"
        if tag == "a":
            current = " ".join(
                rest
                if number in template.anchored
                else ["current" if MARKER.fullmatch(t) else t for t in tokens]
            )
            marked = f'<a class="{current}" href="{hrefs[number]}"'
            template.link_start[number] = unmarked
            docname, anchor = template.link_target[number]
            expected = builder.get_relative_uri(probe, docname) + anchor
            if href != f' href="{expected}"' or not SAFE_HREF.fullmatch(expected):
                template.relocatable = False
            unmarked += href or ""
        else:
            current = " ".join("current" if MARKER.fullmatch(t) else t for t in tokens)
            marked = f'<{tag} class="{current}"'
        cuts.append((match.start(), match.end(), number, unmarked, marked))
    for number, box_id in checkbox_ids.items():
        # BeautifulSoup writes attributes in alphabetical order: "checked"
        # goes before the first attribute that sorts after it.
        tag_start = html.rindex("<input", 0, html.index(f'id="{box_id}"'))
        tag = html[tag_start : html.index("/>", tag_start)]
        offset = next(m.start() for m in ATTRIBUTE.finditer(tag) if m.group(1) > "checked")
        cuts.append((tag_start + offset, tag_start + offset, -number, "", ""))
    cuts.sort()

    position = 0
    for start, end, number, unmarked, marked in cuts:
        template.parts.append(html[position:start])
        if number < 0:
            template.checkbox_of[-number] = len(template.parts)
            template.parts.append("")
        else:
            template.slot_of[number] = len(template.parts)
            template.parts.append(unmarked)
            template.marked[number] = marked
        position = end
    template.parts.append(html[position:])
    return template


def _probe(folder: str) -> str:
    return f"{folder}/{PROBE_DOCNAME}" if folder else PROBE_DOCNAME


def _marker_in(classes: Iterable[str]) -> int:
    return next(int(c[8:]) for c in classes if MARKER.fullmatch(c))


# --- Kept between builds ---------------------------------------------------------
# Sphinx writes the index and search pages on every build, so even a rebuild
# that read nothing needs the root folder's template.  It is saved in the
# doctree folder with what it was made from, and loaded when that is the same:
# the pages read (stamps.read_stamp), the configuration that affects HTML, the tags,
# the extensions' and libraries' versions and this module's code.
SAVED_TEMPLATE = "fast-navigation.pickle"
CODE_STAMP = code_stamp(__file__)


def _saved_key(app: Sphinx) -> str:
    # The configuration that affects HTML, and the tags: the digests Sphinx
    # itself compares to decide whether every page must be written again.
    build_info = cast(StandaloneHTMLBuilder, app.builder).build_info
    versions = sorted((name, str(ext.version)) for name, ext in app.extensions.items())
    libraries = [installed(name) for name in ("sphinx", "docutils", "furo", "beautifulsoup4")]
    key = repr(
        (
            read_stamp(app.env),
            build_info.config_hash,
            build_info.tags_hash,
            versions,
            libraries,
            CODE_STAMP,
        )
    )
    return hashlib.sha256(key.encode()).hexdigest()


def _load_saved(app: Sphinx, key: str) -> tuple[bool, _Template | None] | None:
    """(modelled, root template) as saved under ``key``, or None."""
    try:
        with open(Path(app.doctreedir) / SAVED_TEMPLATE, "rb") as file:
            saved_key, modelled, template = pickle.load(file)
    except Exception:  # missing, unreadable or of an older shape: make it again
        return None
    return (modelled, template) if saved_key == key else None


def _save(app: Sphinx, key: str, modelled: bool, template: _Template | None) -> None:
    # Written whole then renamed: writer processes of a parallel build may
    # save the same template at the same time.
    path = Path(app.doctreedir) / SAVED_TEMPLATE
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    with open(temporary, "wb") as file:
        pickle.dump((key, modelled, template), file, pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


# --- When the fast path applies ------------------------------------------------

# One dict of templates per builder, keyed by output folder; emptied when a
# build starts writing, so every build works from its own environment.
_templates: weakref.WeakKeyDictionary[Any, dict] = weakref.WeakKeyDictionary()


def _tree_is_modelled(env: BuildEnvironment) -> bool:
    """Whether every page's tree is the same tree with different marks.

    Sphinx copies an ancestor's table of contents whole but prunes the others
    to their ``tocdepth`` and to the ``only`` directives that apply, so with
    either the trees of two pages can differ in shape.
    """
    if any("tocdepth" in meta for meta in env.metadata.values()):
        return False
    return not any(toc.next_node(addnodes.only) for toc in env.tocs.values())


def _template_for(app: Sphinx, pagename: str) -> _Template | None:
    cache = _templates.get(app.builder)
    if cache is None:
        key = _saved_key(app)
        saved = _load_saved(app, key)
        if saved is not None:
            modelled, root = saved
            folders = {"": root} if modelled else {}
        else:
            modelled = _tree_is_modelled(app.env)
            folders = {"": _build_template(app, "")} if modelled else {}
            _save(app, key, modelled, folders.get(""))
        if not modelled:
            logger.info(
                "fast_navigation: a page sets tocdepth or a toctree holds "
                "an only directive; Furo computes the navigation"
            )
        cache = _templates[app.builder] = {"modelled": modelled, "folders": folders}
    if not cache["modelled"]:
        return None
    folders = cache["folders"]
    folder = posixpath.dirname(pagename)
    if folder not in folders:
        root = folders[""]
        if folder:
            relocated = root.relocated(app, folder) if root is not None else None
            folders[folder] = relocated or _build_template(app, folder)
    return folders[folder]


def _forget_templates(app: Sphinx, builder: Any) -> None:
    _templates.pop(builder, None)


def _take_over_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Before Furo's handler: make Furo's own tree computation a no-op."""
    if (
        not app.config.guide_fast_navigation
        or app.config.html_theme != "furo"
        or app.builder.name != "html"
        or "toctree" not in context
    ):
        return
    template = _template_for(app, pagename)
    if template is None:
        return
    stock_toctree = context["toctree"]
    state = {"asked": False}

    def toctree(**kwargs: Any) -> str:
        if kwargs == FURO_TOCTREE_ARGS and not state["asked"]:
            state["asked"] = True
            return ""  # Furo turns "" into an empty tree without parsing it
        return stock_toctree(**kwargs)

    context["toctree"] = toctree
    _pending[id(context)] = (template, stock_toctree, state)


# context id -> (template, Sphinx's toctree function, whether Furo asked)
_pending: dict = {}


def _fill_in_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """After Furo's handler: give it the page's tree, put ``toctree`` back."""
    taken = _pending.pop(id(context), None)
    if taken is None:
        return
    template, stock_toctree, state = taken
    context["toctree"] = stock_toctree
    if state["asked"]:
        context["furo_navigation_tree"] = template.render(pagename)
    else:
        # Furo did not ask as expected (a newer Furo?): it computed nothing
        # through us, so its own result stands.
        logger.warning(
            "fast_navigation: Furo did not request the navigation tree "
            "as expected; check the Furo version (guide_fast_navigation = False "
            "turns this extension off)",
            type="fast_navigation",
            once=True,
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    # (app, docname, tree): the sidebar's toctree, resolved for docname and
    # not yet rendered; handlers may remove entries from it.
    app.add_event("navigation-tree-resolved")
    app.add_config_value(
        "guide_fast_navigation",
        True,
        "",
        types=[bool],
        description="Compute Furo's sidebar once per build (False: per page, as stock Furo)",
    )
    app.connect("write-started", _forget_templates)
    app.connect(
        "html-page-context", _take_over_navigation, priority=priorities.NAVIGATION_TAKE_OVER
    )
    app.connect("html-page-context", _fill_in_navigation, priority=priorities.NAVIGATION_FILL_IN)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
