"""What is shown, independent of any format: views (what a report, show or list contains), the
wording of statuses and reasons, the number rule, table cells and layout. No I/O and no Rich.
"""
