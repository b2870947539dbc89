"""The toolkit's per-page data, kept the way Sphinx keeps a domain's.

As ``sphinx.ext.todo`` keeps its todos, the toolkit keeps what it learns from
each page in a :class:`~sphinx.domains.Domain`; Sphinx calls ``clear_doc``
when a page is read again or removed and ``merge_domaindata`` when a parallel
build brings pages read in other processes, so no extension needs its own
purge or merge handlers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

# Per-page stores: docname -> what that page holds.
PER_PAGE = ("pages", "generated", "self_checks", "policy_clauses")


class ToolkitDomain(Domain):
    """What the toolkit knows of each page.

    ``pages``: typed front matter values (plus ``_lines``, the line of each
    key); ``generated``: the generated indexes a page shows (directive, line,
    options); ``self_checks``: a factor page's questions (id, text, line);
    ``policy_clauses``: the policy clauses a page holds (id, heading, text,
    kinds, sources, line...).
    """

    name = "toolkit"
    label = "Toolkit"
    data_version = 3
    initial_data: ClassVar[dict[str, Any]] = {name: {} for name in PER_PAGE}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # What the generated indexes showed of each page about to be read
        # again: from env-purge-doc to env-updated of one build, in the main
        # process only.  Not page data: never pickled, never merged.
        self.index_before: dict[str, str] = {}

    @property
    def pages(self) -> dict[str, dict[str, Any]]:
        return self.data["pages"]

    @property
    def generated(self) -> dict[str, list[dict[str, Any]]]:
        return self.data["generated"]

    @property
    def self_checks(self) -> dict[str, list[dict[str, Any]]]:
        return self.data["self_checks"]

    @property
    def policy_clauses(self) -> dict[str, list[dict[str, Any]]]:
        return self.data["policy_clauses"]

    def shows(self, docname: str, directive: str) -> bool:
        """Whether the page shows what *directive* generates (recorded by
        ``pages.record_generated``)."""
        return any(use["directive"] == directive for use in self.generated.get(docname, ()))

    def pages_showing(self, directive: str) -> list[str]:
        """The pages that show what *directive* generates, sorted."""
        return sorted(docname for docname in self.generated if self.shows(docname, directive))

    def clear_doc(self, docname: str) -> None:
        for name in PER_PAGE:
            self.data[name].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for name in PER_PAGE:
                if docname in otherdata[name]:
                    self.data[name][docname] = otherdata[name][docname]


def toolkit(env: BuildEnvironment) -> ToolkitDomain:
    """The toolkit's domain in *env*."""
    domain = env.get_domain(ToolkitDomain.name)
    assert isinstance(domain, ToolkitDomain)
    return domain
