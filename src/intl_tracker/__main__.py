"""`python -m intl_tracker` runs the command line."""

from intl_tracker.cli.entry_point import main

main()
