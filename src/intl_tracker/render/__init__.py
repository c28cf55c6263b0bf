"""Renderers: each writes one view in one format (JSON with its schemas, CSV, Markdown, text lists,
validation problems, charts). Rich lives only in render.terminal; matplotlib only in
render.charts; orjson only in render.json_text.
"""
