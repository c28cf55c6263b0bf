"""Building blocks every layer may use: errors, text safety, the text catalogue, shared words
(methods, paces, statuses), progress and the worker pool. Standard library only (orjson, Rich,
YAML, pydantic stay out).
"""
