"""The site's own words: page furniture, the methods page and the accessibility statement.

Every message is marked with ``N_`` here, so that Babel extracts it into the project's gettext
catalogue (``intl_tracker.core.i18n``; docs/development/architecture.md) with every other word
the tool prints; the Finnish and Swedish texts live in ``locale/{fi,sv}/LC_MESSAGES``. The
templates name a message by its key (``{{ w("skip") }}``), never by its English text, so a
template holds no words of its own. Placeholders are ``str.format`` fields, as in the rest of
the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable

from intl_tracker.core.i18n import N_, translator

#: The languages the site is built in, in the order of the default ``--lang``.
SITE_LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")

#: Each language's name in itself, for the language switcher (the same in every language).
LANGUAGE_NAMES: dict[str, str] = {"fi": "Suomi", "sv": "Svenska", "en": "English"}

WORDS: dict[str, str] = {
    "skip": N_("Skip to content"),
    "languages": N_("Languages"),
    "site": N_("Site"),
    "goals": N_("Goals"),
    "whole_report": N_("Whole report"),
    "methods": N_("Methods"),
    "accessibility_statement": N_("Accessibility statement"),
    "downloads": N_("Downloads"),
    "report_csv": N_("Report as CSV"),
    "report_json": N_("Report as JSON"),
    "all_data": N_("All data as a ZIP file"),
    "workbook": N_("Values and statuses as an Excel workbook"),
    "indicator_csv": N_("The values of this indicator as CSV"),
    "breadcrumb": N_("Breadcrumb"),
    "breakdowns": N_("Breakdowns"),
    "follow_up": N_("Follow-up {year}"),
    "follow_up_long": N_("Follow-up of the programme for {year}"),
    "assessed_with": N_("Assessed with data up to {year} by the {method}."),
    "editions": N_("Editions"),
    "all_editions": N_("All editions"),
    "editions_intro": N_(
        "Each year's follow-up stays at its own address. The newest edition is shown first."
    ),
    "newest": N_("newest"),
    "goal_number": N_("Goal {number}"),
    "by_sdg": N_("Indicators by Sustainable Development Goal"),
    "by_sdg_intro": N_(
        "The UN Sustainable Development Goals (SDGs) and their targets that each indicator "
        "informs, as the data set links them."
    ),
    "sdg_number": N_("SDG {number}"),
    "sdg_nav": N_("By SDG"),
    "not_linked_sdg": N_("Not linked to any SDG"),
    "sdg_list_source": N_(
        "Codes and names: the official UN list of goals, targets and indicators. Where a "
        "target has no name in this language, it is given in English."
    ),
    "reporting_status": N_("Reporting status"),
    "reporting_intro": N_(
        "Whether each objective of the programme is measured: complete, in progress, "
        "exploring data sources or not applicable. An objective without an indicator is "
        "listed too."
    ),
    "reporting_default": N_("worked out from the data"),
    "reporting_note": N_("Note"),
    "no_measure": N_("No indicator measures this objective yet."),
    "proxies_only": N_(
        "These indicators stand in for a measure of this objective (proxies): none measures "
        "it itself, so its reporting status is not theirs."
    ),
    "objective": N_("Objective"),
    "goal": N_("Goal"),
    "indicators_of_objective": N_("Indicators of this objective"),
    "all_objectives": N_("The reporting status of every objective"),
    "objectives": N_("Objectives"),
    "status_of_indicators": N_("Status of the indicators"),
    "whole_programme": N_("The whole programme"),
    "indicators_of_goal": N_("Indicators of this goal"),
    "no_indicators": N_("No indicators yet."),
    "status": N_("Status"),
    "reason": N_("Reason"),
    "key_figures": N_("Key figures"),
    # the values table's last column ("base", "assessed year"): a real name for screen readers
    "year_role": N_("Role of the year in the assessment"),
    "status_notes": N_("Why these statuses"),
    "chart_of": N_("Chart: {name}"),
    "chart_files": N_("The chart as a file"),
    "chart_svg": N_("full size (SVG)"),
    "chart_png": N_("for a slide (PNG, 1600 by 900 pixels)"),
    "about": N_("About the indicator"),
    "definition": N_("Definition"),
    "source": N_("Source"),
    "targets": N_("Targets"),
    "every_number": N_("Every number behind the status"),
    "legend": N_("Legend"),
    "marks_meaning": N_("What the marks mean"),
    "unit": N_("Unit"),
    "breakdowns_intro": N_(
        "The values by category, each category assessed by the same method as the indicator. "
        "Open a breakdown to see its chart and table."
    ),
    "breakdown_gap": N_("Gap between the best and the worst category"),
    "later_value": N_("after the report year: not in the chart or the status"),
    "back_to_goal": N_("Back to the goal"),
    "print_hint": N_("Print this page or save it as PDF from the browser's print dialogue."),
    "chart_desc_one": N_("The chart shows one value, {value}, from {year}."),
    "chart_target": N_("Target: {target}."),
    "chart_status": N_("Status: {status}."),
    "chart_later": N_("Values after {year} are in the table, not in the chart."),
    "chart_empty": N_("The chart has no values yet."),
    "colophon": N_("Published with intl-tracker from the programme's data files."),
    "choose_language": N_("Choose a language"),
    "language_fi": N_("Finnish"),
    "language_sv": N_("Swedish"),
    "language_en": N_("English"),
    "not_found": N_("Page not found"),
    "not_found_text": N_(
        "There is no page at this address. Each year's follow-up has its own address; the "
        "front page lists them all."
    ),
    "to_front_page": N_("To the front page"),
    # the methods page
    "how_to_read": N_("How to read the follow-up"),
    "statuses_mean": N_("What the statuses mean"),
    "statuses_intro": N_(
        "Each indicator gets one status. The status is always shown as a word and a symbol, "
        "never by colour alone."
    ),
    "mean_target_met": N_("The latest value has reached the target."),
    "mean_on_track": N_(
        "At the pace of the assessed period the target will be reached on time, or almost: "
        "the method tolerates a pace up to 5 per cent slower than the one needed (Eurostat's "
        "threshold), so the projection may fall slightly short; the reason then says by how much."
    ),
    "mean_trend_on_track": N_(
        "No target: the indicator improves by more than 1 % a year (Eurostat's threshold)."
    ),
    "mean_trend_moderate": N_("No target: the indicator improves by up to 1 % a year."),
    "mean_trend_no_change": N_(
        "No target: the indicator has not changed over the period judged (a rank: the same "
        "place at both ends)."
    ),
    "mean_trend_insufficient": N_("No target: the indicator worsens by up to 1 % a year."),
    "mean_trend_moving_away": N_("No target: the indicator worsens by more than 1 % a year."),
    "mean_moderate": N_(
        "Progress is in the right direction, but too slow to reach the target on time."
    ),
    "mean_insufficient": N_("Progress is in the right direction, but far too slow."),
    "mean_moving_away": N_("The indicator is moving in the wrong direction."),
    "mean_missed": N_("The target year has passed and the target was not reached."),
    "mean_insufficient_data": N_("There are too few values to judge the progress."),
    "how_decided": N_("How the status is decided"),
    "how_decided_text": N_(
        "The method compares the pace the indicator has actually had with the pace it needs to "
        "reach its target on time. The thresholds are:"
    ),
    "without_target": N_("Indicators without a target"),
    "without_target_text": N_(
        "When an indicator has no target, its status is judged on the trend alone: the yearly "
        "growth in the direction of progress. Such a status says whether things are getting "
        "better, not whether a target will be reached."
    ),
    "targets_forecasts": N_("Targets and forecasts"),
    "targets_forecasts_text": N_(
        "A target is a commitment the city has made. A forecast is a projection the programme "
        "follows but has not promised to reach."
    ),
    "rules": N_("Rules behind the statuses"),
    "rule_tolerance": N_(
        "On track within the tolerance. A status of on track accepts a pace up to 5 per cent "
        "slower than the one needed (a progress ratio of at least 0.95, Eurostat's threshold; "
        "for the German method a deviation under 5 per cent), so the projection may fall a "
        "little short of the target in the target year. The status then stays on track, and "
        "its reason says by how much the projection falls short, the edge in force and the "
        "year the target is reached at this pace."
    ),
    "rule_ranks": N_(
        "Ranks are judged in places. A rank is an order, not an amount: a move from 6th to "
        "2nd is four places, never a percentage. Without a target, a gain of at least half a "
        "place a year (one place every two years) is significant progress, any smaller gain "
        "moderate progress, a loss of less than half a place a year moderate movement away, "
        "and a larger loss significant movement away: the edge is half a place a year. "
        "Changes are written in places."
    ),
    "rule_zero": N_(
        "No change. Without a target, a value that is the same at both ends of the period "
        "judged is neither progress nor movement away: its status is no change, although "
        "Eurostat's bands would count a change of zero as moderate progress. A value held at "
        "its best possible value, such as rank 1, is no change too, and its reason says it is "
        "held at the best. When years between the two ends have no value, the reason names "
        "them: two values with a gap are not a level held."
    ),
    "rule_shares": N_(
        "Shares are projected in a straight line. A share of a whole, such as the share of "
        "residents with a foreign mother tongue, cannot keep growing at a compound rate, so "
        "its projection and the year it reaches the target follow a straight line in "
        "percentage points at the period's own average change a year, and its pace is "
        "written in percentage points a year. A count that is a part of a whole, and the "
        "whole, can declare the same straight line, so that the count of the same people is "
        "not compounded beside its share. The status itself is the method's as published, on "
        "the growth rate of the share, and the reason gives both projections."
    ),
    "rule_caveats": N_(
        "Balances, exceptional years and band edges. A net balance, such as net migration, "
        "can be zero or negative, so it is judged on its change a year, never on a growth "
        "rate, and is called significant only beyond an edge given in its unit. When the "
        "period judged starts or ends in a year the data mark as exceptional, such as a "
        "pandemic year, the status is kept and its reason says so. When values that round to "
        "the ones written could fall on either side of a band edge, the reason says the "
        "status is near a band edge."
    ),
    "old_data": N_("Old data"),
    "old_data_text": N_(
        "Each indicator is assessed with its latest value up to the report year. When that value "
        "is older than the report year, its year is shown beside it: the status then describes "
        "an earlier moment."
    ),
    "markers": N_("Markers"),
    "other_methods": N_("Other methods"),
    "other_methods_text": N_(
        "Each indicator page also shows the status by the other two methods, with every number "
        "behind it."
    ),
    # the accessibility statement (its facts come from the data set's site.yaml)
    "statement_scope": N_(
        "This accessibility statement concerns the follow-up site of {programme}, published "
        "by {organisation}."
    ),
    "placeholder": N_("[to be completed: {what}]"),
    "placeholder_note": N_(
        "This statement is not complete: the parts in brackets are still missing from the "
        "site's configuration (site.yaml)."
    ),
    "compliance": N_("Compliance status"),
    "compliance_fully": N_("The site is fully compliant with the accessibility requirements."),
    "compliance_partially": N_(
        "The site is partially compliant with the accessibility requirements."
    ),
    "compliance_not": N_("The site is not compliant with the accessibility requirements."),
    "assessed_line": N_("The site was assessed on {date} by {who}."),
    "method_line": N_("How it was assessed: {method}"),
    "tool_tested": N_(
        "intl-tracker, the tool that builds this site, is tested in a browser with axe-core "
        "against WCAG 2.1 levels A and AA on the pages it makes of its example data. That test "
        "is not an assessment of this site."
    ),
    "done": N_("What is done for accessibility"),
    "done_charts": N_("every chart has a text description and a table of its values;"),
    "done_status": N_("a status is always a word and a symbol, never colour alone;"),
    "done_keyboard": N_("the pages work without JavaScript and with the keyboard;"),
    "done_languages": N_("the pages are published in: {languages}."),
    "not_accessible": N_("Content that is not accessible"),
    "none_known": N_("No accessibility problems are known."),
    "feedback": N_("Feedback"),
    "feedback_text": N_(
        "If you notice an accessibility problem on this site, tell us. We answer within "
        "{days} days."
    ),
    "feedback_email": N_("E-mail:"),
    "feedback_form": N_("Feedback form"),
    "enforcement": N_("Enforcement"),
    "enforcement_text": N_(
        "If you are not satisfied with the answer, or get none within two weeks, you can "
        "report the problem to the supervisory authority:"
    ),
    "prepared_line": N_("This statement was prepared on {date}."),
    "reviewed_line": N_("It was last reviewed on {date}."),
    "missing_compliance": N_("compliance status"),
    "missing_assessed": N_("when and by whom the site was assessed"),
    "missing_problems": N_("known problems, or that none is known"),
    "missing_feedback": N_("an e-mail address or a feedback form"),
    "missing_prepared": N_("the date of this statement"),
    "missing_organisation": N_("the organisation"),
}

#: English month names for dates in English (Finnish and Swedish write 16.2.2026).
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def format_day(day: str, lang: str) -> str:
    """A YYYY-MM-DD date as the language writes it: 16.2.2026 (fi, sv), 16 February 2026."""
    year, month, date = (int(part) for part in day.split("-"))
    if lang == "en" and 1 <= month <= 12:
        return f"{date} {_MONTHS[month - 1]} {year}"
    return f"{date}.{month}.{year}"


def site_words(lang: str) -> Callable[..., str]:
    """``w(key, **fields)``: the message ``key`` of :data:`WORDS` in ``lang``, its fields
    filled in. Raises KeyError for an unknown key (a template error, caught by the tests)."""
    t = translator(lang)

    def w(key: str, /, **fields: object) -> str:
        text = t.gettext(WORDS[key])
        return text.format(**fields) if fields else text

    return w
