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
    "breadcrumb": N_("Breadcrumb"),
    "follow_up": N_("Follow-up {year}"),
    "follow_up_long": N_("Follow-up of the programme for {year}"),
    "assessed_with": N_("Assessed with data up to {year} by the {method}."),
    "goal_number": N_("Goal {number}"),
    "objectives": N_("Objectives"),
    "status_of_indicators": N_("Status of the indicators"),
    "indicators_of_goal": N_("Indicators of this goal"),
    "no_indicators": N_("No indicators yet."),
    "status": N_("Status"),
    "reason": N_("Reason"),
    "key_figures": N_("Key figures"),
    "chart_of": N_("Chart: {name}"),
    "about": N_("About the indicator"),
    "definition": N_("Definition"),
    "source": N_("Source"),
    "targets": N_("Targets"),
    "every_number": N_("Every number behind the status"),
    "legend": N_("Legend"),
    "back_to_goal": N_("Back to the goal"),
    "print_hint": N_("Print this page or save it as PDF from the browser's print dialogue."),
    "chart_desc": N_(
        "The chart shows {points} values from {first} to {last}; the latest, {value}, "
        "is from {year}."
    ),
    "chart_target": N_("Target: {target}."),
    "chart_status": N_("Status: {status}."),
    "chart_empty": N_("The chart has no values yet."),
    "colophon": N_("Published with intl-tracker from the programme's data files."),
    "choose_language": N_("Choose a language"),
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
        "better, not whether a goal will be reached."
    ),
    "targets_forecasts": N_("Targets and forecasts"),
    "targets_forecasts_text": N_(
        "A target is a commitment the city has made. A forecast is a projection the programme "
        "follows but has not promised to reach."
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
    # the accessibility statement (a template the city completes)
    "template_note": N_(
        "This is a template. The city completes the parts in brackets before publishing."
    ),
    "statement_scope": N_(
        "This accessibility statement concerns the follow-up site of {programme}."
    ),
    "compliance": N_("Compliance status"),
    "compliance_text": N_(
        "[Fully / partially] compliant, according to the city's own assessment of [date]."
    ),
    "built_for": N_(
        "The site was built to meet the WCAG 2.1 criteria at level AA. Every page is checked "
        "automatically with axe-core in a browser when the site is built."
    ),
    "done": N_("What is done for accessibility"),
    "done_charts": N_("every chart has a title, a text description and a table of its values;"),
    "done_status": N_("a status is always a word and a symbol, never colour alone;"),
    "done_keyboard": N_("the pages work without JavaScript, with the keyboard and at 400 % zoom;"),
    "done_languages": N_("every page is published in Finnish, Swedish and English."),
    "not_accessible": N_("Content that is not accessible"),
    "not_accessible_text": N_(
        "[List what is known not to be accessible, or write that nothing is known.]"
    ),
    "feedback": N_("Feedback"),
    "feedback_text": N_(
        "If you notice an accessibility problem, tell us: [e-mail address or web form]. "
        "We answer within [14 days]."
    ),
    "enforcement": N_("Enforcement"),
    "enforcement_text": N_(
        "If you are not satisfied with the answer, you can contact the supervisory authority: "
        "the Regional State Administrative Agency for Southern Finland, webaccessibility.fi."
    ),
    "prepared": N_("Statement prepared on [date]; last reviewed on [date]."),
}


def site_words(lang: str) -> Callable[..., str]:
    """``w(key, **fields)``: the message ``key`` of :data:`WORDS` in ``lang``, its fields
    filled in. Raises KeyError for an unknown key (a template error, caught by the tests)."""
    t = translator(lang)

    def w(key: str, /, **fields: object) -> str:
        text = t.gettext(WORDS[key])
        return text.format(**fields) if fields else text

    return w
