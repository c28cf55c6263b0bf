"""The command line (Typer) and process control: options, exit codes, where output goes, signals."""
