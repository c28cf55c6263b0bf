"""The terminal renderers: the report table, show, and the terminal chart, drawn with Rich (the
only home of Rich).
"""
