"""``intl-tracker site``: the annual follow-up as an accessible, multilingual static site.

:func:`build_site` (in :mod:`intl_tracker.site.build`) writes the folder; the page content
comes from :mod:`intl_tracker.site.content`, the charts from :mod:`intl_tracker.site.chart_svg`,
the site's own words from :mod:`intl_tracker.site.words`, the layout from Jinja2 templates in
``templates/`` and the style from ``static/site.css``. Needs the ``site`` extra (Jinja2,
matplotlib).
"""
