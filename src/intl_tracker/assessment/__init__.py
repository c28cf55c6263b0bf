"""The assessment engine: statuses, paces and projections of one series by the ratio, unsd and dns
methods, comparisons with an earlier year and the default report year. No I/O, no wording.
"""
