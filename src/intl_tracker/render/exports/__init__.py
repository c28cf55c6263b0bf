"""Open-data exports: tidy CSV and the Frictionless Data Package (``open_data``), Open SDG's
format (``open_sdg``), DCAT-AP metadata (``dcat``) and the Excel workbook (``workbook``, the only
home of XlsxWriter)."""
