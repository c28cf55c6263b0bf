"""The assessment methods, one module each; :mod:`intl_tracker.assessment.registry` names them.

Each module declares one :class:`~intl_tracker.assessment.registry.AssessmentMethod` called
``METHOD``. :mod:`.growth` holds what the compound-growth methods (ratio, unsd) share.
"""
