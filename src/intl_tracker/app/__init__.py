"""The use cases below the command line: load, assess, build views and render, for each command;
the parallel JSON report.
"""
