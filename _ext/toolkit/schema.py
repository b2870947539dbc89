"""The front matter that content pages carry, and the words of policy clauses:
their one definition.

The validator (frontmatter.py), the page scaffolding (tools/new_page.py) and
the field reference in CONTRIBUTING.md (generated, and tested for drift) all
read this module, so the three cannot disagree.  Change a field here and the
others follow.  The policy clauses' kinds of organisation, levels,
placeholders and conditions (end of the module) are read by policy.py, the
policy builder's data and the Word templates.
"""

from dataclasses import dataclass

PAGE_TYPES = ("guidance", "case-study", "success-factor", "tool", "reference")
# Each sector's id, and its name as readers see it (the case study browser).
SECTOR_LABELS = {"for-profit": "For-profit", "non-profit": "Non-profit", "government": "Government"}
SECTORS = tuple(SECTOR_LABELS)
# Channels a case study may name: each one's id, and its name as readers see
# it.  A closed list keeps the indexes tidy ("Facebook", "facebook" and "FB"
# would otherwise be three channels); add a channel here when a case study
# needs one.
CHANNEL_LABELS = {
    "blog": "Blog",
    "facebook": "Facebook",
    "flickr": "Flickr",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "online-forum": "Online forum",
    "tiktok": "TikTok",
    "twitter": "Twitter (now X)",
    "website": "Website",
    "whatsapp": "WhatsApp",
    "wiki": "Wiki",
    "youtube": "YouTube",
}
CHANNELS = tuple(CHANNEL_LABELS)

# Scaffolded pages start with values that begin with this word; validation
# rejects them, so a new page cannot be published half-filled.
PLACEHOLDER = "REPLACE"

# Keys MyST or Sphinx themselves understand; allowed on any page, not checked.
PASSTHROUGH_KEYS = ("myst", "html_meta", "substitutions", "orphan", "nosearch", "tocdepth")

ALL_TYPES = frozenset(PAGE_TYPES)


@dataclass(frozen=True)
class Field:
    """One front matter key.

    ``kind`` says how its value is checked: ``text`` (non-empty string),
    ``date`` (ISO date, YYYY-MM-DD), ``months`` (whole number of months, 1 or
    more), ``year`` (four-digit year), ``choice`` / ``choices`` (one or a list
    of ``choices``), ``factors`` (list of success factor ids declared by
    factor pages), ``factor-id`` (a lower-case id, unique across factor
    pages) and ``bibkeys`` (list of keys in references.bib).
    """

    name: str
    kind: str
    required_for: frozenset
    allowed_for: frozenset
    help: str
    example: str
    choices: tuple = ()


FIELDS = (
    Field(
        "page_type",
        "choice",
        ALL_TYPES,
        ALL_TYPES,
        "What kind of page this is; decides which other fields it needs.",
        "guidance",
        PAGE_TYPES,
    ),
    Field(
        "owner",
        "text",
        ALL_TYPES,
        ALL_TYPES,
        "Who keeps the page current: a role or team, not a private person.",
        "Guide editors",
    ),
    Field(
        "last_reviewed",
        "date",
        ALL_TYPES,
        ALL_TYPES,
        "The date the page was last checked against its sources (YYYY-MM-DD).",
        "2026-11-25",
    ),
    Field(
        "review_every_months",
        "months",
        frozenset(),
        ALL_TYPES,
        "How often the page is due for review, in months. Optional: the "
        "default is set in conf.py (guide_review_every_months).",
        "12",
    ),
    Field(
        "sectors",
        "choices",
        frozenset(),
        frozenset({"guidance", "tool"}),
        "The sectors the page is about, when it is about some and not all.",
        "[government, non-profit]",
        SECTORS,
    ),
    Field(
        "description",
        "text",
        ALL_TYPES,
        ALL_TYPES,
        "One plain sentence shown in lists and in link previews.",
        "How a district health board reached teenagers during a measles outbreak.",
    ),
    Field(
        "organisation",
        "text",
        frozenset({"case-study"}),
        frozenset({"case-study"}),
        "The organisation the case study is about, as it names itself.",
        "Waikato District Health Board",
    ),
    Field(
        "sector",
        "choice",
        frozenset({"case-study"}),
        frozenset({"case-study"}),
        "The organisation's sector.",
        "government",
        SECTORS,
    ),
    Field(
        "year",
        "year",
        frozenset({"case-study"}),
        frozenset({"case-study"}),
        "The year the work described took place (when it started).",
        "2011",
    ),
    Field(
        "channels",
        "choices",
        frozenset({"case-study"}),
        frozenset({"case-study"}),
        "The social media channels used.",
        "[facebook, twitter]",
        CHANNELS,
    ),
    Field(
        "success_factors",
        "factors",
        frozenset({"case-study"}),
        frozenset({"case-study"}),
        "The success factors the case illustrates: ids declared by the success factor pages.",
        "[strategy, considered-communication]",
    ),
    Field(
        "sources",
        "bibkeys",
        frozenset({"case-study"}),
        frozenset({"case-study"}),
        "Keys in references.bib for the sources the case study rests on.",
        "[oag2013waikato]",
    ),
    Field(
        "factor",
        "factor-id",
        frozenset({"success-factor"}),
        frozenset({"success-factor"}),
        "The factor's id, used by case studies' success_factors. Lower case, "
        "words joined by hyphens, unique across factor pages.",
        "leadership",
    ),
)

FIELDS_BY_NAME = {field.name: field for field in FIELDS}


def fields_for(page_type: str) -> tuple:
    """The fields a page of this type may carry, in reference order."""
    return tuple(field for field in FIELDS if page_type in field.allowed_for)


# -- Policy clauses (see policy.py) ------------------------------------------------


@dataclass(frozen=True)
class OrganisationKind:
    """A kind of organisation a policy clause may apply to.

    ``label`` names one ("Council"), ``plural`` names them in a sentence
    ("Required for councils"), ``article`` introduces one ("a council").
    """

    id: str
    label: str
    plural: str
    article: str


ORGANISATION_KINDS = (
    OrganisationKind(
        "public-service",
        "Public service agency",
        "public service agencies",
        "a public service agency",
    ),
    OrganisationKind("council", "Council", "councils", "a council"),
    OrganisationKind(
        "charity",
        "Charity or non-profit organisation",
        "charities",
        "a charity or non-profit organisation",
    ),
    OrganisationKind("business", "Business", "businesses", "a business"),
)
ORGANISATION_KINDS_BY_ID = {kind.id: kind for kind in ORGANISATION_KINDS}

# Whether a clause is required for a kind of organisation (by the law or
# guidance it cites) or recommended (good practice): a clause's options.
CLAUSE_LEVELS = ("required", "recommended")

# The placeholders a clause's text may use, as {name}, and what each stands
# for: the reading version and the Word templates show "[name of the
# organisation]"; the policy builder fills in the reader's answer.
POLICY_PLACEHOLDERS = {
    "organisation": "name of the organisation",
    "accounts": "official accounts",
    "complaints_contact": "who handles complaints",
    "review_date": "review date",
}

# Facts about an organisation that decide whether a clause is in its policy
# (a clause's ``only-if`` option): what the organisation does, completing
# "Only if the organisation ..." and the builder's "The organisation ...".
CLAUSE_CONDITIONS = {
    "takes-comments": "lets the public comment on or message its accounts",
    "works-with-children": "works with children or young people",
}
