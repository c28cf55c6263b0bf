"""The assessment engine: statuses, paces and projections of one series by a registered method,
comparisons with an earlier year and the default report year. No I/O, no wording.

``engine`` (assess an indicator or a catalog) runs the shared steps (``series``: value, period,
growth rates, target; ``projections``; ``numeric``) on a ``draft``, asks the method, then applies
the shared ``rules``; ``records`` are its results. Each method is one module of ``methods``,
found by name through ``registry`` (ratio, unsd, dns, or one registered by a plug-in).
"""
