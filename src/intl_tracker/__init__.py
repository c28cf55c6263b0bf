"""intl-tracker: follow a city programme's indicators against their targets."""

__version__ = "0.1.0"
