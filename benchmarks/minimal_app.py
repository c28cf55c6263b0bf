"""The framework floor for ``--help``: a minimal Typer app with two commands."""

from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command()
def validate(path: Annotated[str, typer.Argument(help="A path.")] = ".") -> None:
    """Check something."""
    typer.echo(path)


@app.command()
def report(year: Annotated[int, typer.Option(help="A year.")] = 2024) -> None:
    """Report something."""
    typer.echo(str(year))


if __name__ == "__main__":
    app(prog_name="minimal")
