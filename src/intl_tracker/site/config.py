"""How a data set's follow-up site is published: ``site.yaml`` beside ``goals.yaml``.

The file is the city's own (the tool never writes it); every key is optional::

    base_url: https://www.example.fi/follow-up/   # absolute links: canonical, hreflang,
                                                    # sitemap, Open Graph, the 404 page
    organisation: {fi: Espoon kaupunki, sv: Esbo stad, en: City of Espoo}
    accessibility:                                  # the accessibility statement (306/2019)
      compliance: partially                         # fully | partially | not
      assessed_on: 2026-02-16                       # when the site was checked ...
      assessed_by: {fi: ..., sv: ..., en: ...}      # ... by whom, and how
      method: {fi: ..., sv: ..., en: ...}
      known_problems:                               # [] when none is known
        - {fi: ..., sv: ..., en: ...}
      feedback_email: saavutettavuus@example.fi     # the feedback channel: one or both
      feedback_url: https://www.example.fi/palaute
      reply_within_days: 14
      prepared_on: 2026-02-16
      reviewed_on: 2026-02-16
      supervisory_authority:                        # only to replace the tool's default
        name: {fi: ..., sv: ..., en: ...}
        url: {fi: ..., sv: ..., en: ...}

A fact not given stays a visible placeholder in the statement, and ``site`` warns until
none remains (:func:`placeholders`). Dates are written as text (``2026-02-16``, quoted or
not: the reader follows YAML 1.2, which has no date type).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from intl_tracker.core.errors import InvalidDataError, Problem, Severity
from intl_tracker.dataset.data_dirs import LINK_OUTSIDE, links_outside
from intl_tracker.dataset.locating import problem_at, problems_from_validation
from intl_tracker.dataset.models import LocalizedText
from intl_tracker.dataset.yaml_strict import parse_yaml

CONFIG_FILE = "site.yaml"

Url = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[^\s/\"'<>\\]+(?:/[^\s\"'<>\\]*)?$", max_length=2000),
]
Day = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Email = Annotated[
    str, StringConstraints(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$", max_length=320)
]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Authority(_Strict):
    """The supervisory authority a reader turns to when the city's answer does not satisfy."""

    name: LocalizedText
    url: LocalizedText


#: The supervisory authority of the Act on the Provision of Digital Services (306/2019):
#: Traficom, the Finnish Transport and Communications Agency, took the supervision over from
#: the Regional State Administrative Agency for Southern Finland, which no longer exists
#: (government proposal HE 71/2024, finlex.fi/fi/hallituksen-esitykset/2024/71; the
#: supervision unit's site in three languages). Checked 2026; ``supervisory_authority`` in
#: site.yaml replaces it should it change again.
SUPERVISORY_AUTHORITY = Authority(
    name={
        "fi": "Liikenne- ja viestintävirasto Traficom (saavutettavuusvalvonta)",
        "sv": "Transport- och kommunikationsverket Traficom (tillgänglighetstillsynen)",
        "en": "Finnish Transport and Communications Agency Traficom (web accessibility "
        "supervision)",
    },
    url={
        "fi": "https://www.saavutettavuusvaatimukset.fi/",
        "sv": "https://www.tillganglighetskrav.fi/",
        "en": "https://www.webaccessibility.fi/",
    },
)


class Accessibility(_Strict):
    """The facts of the accessibility statement (Act 306/2019, section 15)."""

    compliance: Literal["fully", "partially", "not"] | None = None
    assessed_on: Day | None = None
    assessed_by: LocalizedText | None = None
    method: LocalizedText | None = None
    known_problems: list[LocalizedText] | None = None
    feedback_email: Email | None = None
    feedback_url: Url | None = None
    reply_within_days: Annotated[int, Field(ge=1, le=60)] = 14
    prepared_on: Day | None = None
    reviewed_on: Day | None = None
    supervisory_authority: Authority = SUPERVISORY_AUTHORITY


class SiteConfig(_Strict):
    """``site.yaml``: see the module's docstring."""

    base_url: Url | None = None
    organisation: LocalizedText | None = None
    accessibility: Accessibility = Accessibility()


def placeholders(config: SiteConfig) -> list[str]:
    """The facts of the accessibility statement still missing, by their key in site.yaml."""
    a = config.accessibility
    missing = [
        name
        for name, value in (
            ("organisation", config.organisation),
            ("accessibility.compliance", a.compliance),
            ("accessibility.assessed_on", a.assessed_on),
            ("accessibility.assessed_by", a.assessed_by),
            ("accessibility.known_problems", a.known_problems),
            ("accessibility.prepared_on", a.prepared_on),
        )
        if value is None
    ]
    if a.feedback_email is None and a.feedback_url is None:
        missing.append("accessibility.feedback_email or feedback_url")
    return missing


def load_site_config(data_root: Path) -> SiteConfig:
    """``data_root/site.yaml``, or the defaults when there is none.

    Raises :class:`InvalidDataError` (exit 1) with each problem at its line and column when
    the file is not valid, and OSError when it cannot be read.
    """
    path = data_root / CONFIG_FILE
    if links_outside(path, data_root):  # never read (link-outside): its text could be shown
        problem = Problem(str(path), 0, 0, "link-outside", LINK_OUTSIDE)
        raise InvalidDataError([problem], f"'{path}' is not read; see the problem above")
    if not path.is_file():
        return SiteConfig()
    text = path.read_text(encoding="utf-8-sig")
    parsed = parse_yaml(text)
    shown = str(path)
    problems = [
        Problem(shown, i.mark.line, i.mark.column, i.code, i.message, Severity.ERROR)
        for i in parsed.issues
    ]
    if parsed.root is None or problems:
        raise InvalidDataError(problems, f"'{shown}' is not valid; see the problems above")
    data = parsed.data if parsed.data is not None else {}
    try:
        return SiteConfig.model_validate(data)
    except ValidationError as exc:
        if not isinstance(data, dict):
            found = [problem_at(parsed.root, shown, [], "not-a-mapping", "expected a mapping")]
        else:
            found, _ = problems_from_validation(exc, parsed.root, shown, SiteConfig)
        raise InvalidDataError(found, f"'{shown}' is not valid; see the problems above") from exc
