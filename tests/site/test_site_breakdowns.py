"""The site's breakdowns (issue 24): each indicator page with values by category has a
"Breakdowns" section, a ``<details>`` disclosure per breakdown holding an accessible table
(caption, scoped headers, categories in the dimension's order, the statuses ``report --by``
gives, left behind and the gap), in three languages, without JavaScript; category names from
the data escaped, isolated and marked with their language; the downloads (the indicator CSV,
the ZIP, the workbook) carry the values by category as ``export`` writes them."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from intl_tracker.cli.commands import app
from intl_tracker.core.i18n import translator
from intl_tracker.dataset import breakdowns
from intl_tracker.dataset.loading import load_data_set
from intl_tracker.dataset.models import Catalog, localize
from intl_tracker.site.data_files import INDICATOR_CSV_COLUMNS
from intl_tracker.site.words import site_words
from tests.conftest import REPO
from tests.site.conftest import DATA, LANGS, build, write_data

SYNTHETIC = REPO / "tests" / "data" / "valid" / "breakdowns"
VOID = {"br", "img", "meta", "link", "source", "wbr", "col", "input", "hr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    yield child
                yield from child.all(tag)

    def first(self, tag: str) -> Node:
        return next(self.all(tag))

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(path: Path) -> Node:
    tree = _Tree()
    tree.feed(path.read_text(encoding="utf-8"))
    return tree.root


@dataclass
class Table:
    """A breakdown's disclosure as a reader meets it."""

    anchor: str
    summary: str
    caption: str
    region: dict[str, str | None]
    headers: list[str]
    rows: list[tuple[str, list[str], str, list[str]]]  # label, cells, status class, row classes
    gap: list[str]
    notes: list[str]
    node: Node


def breakdown_tables(page: Path) -> dict[str, Table]:
    """Each ``<details>`` of the page's Breakdowns section, by its id."""
    found = {}
    for details in parse(page).all("details"):
        region = next(d for d in details.all("div") if d.attrs.get("role") == "region")
        table = region.first("table")
        body = table.first("tbody")
        rows = []
        for tr in body.all("tr"):
            cells = list(tr.all("td"))
            status = next(
                (
                    s.classes[1].removeprefix("status-")
                    for s in tr.all("span")
                    if "status" in s.classes
                ),
                "",
            )
            rows.append((tr.first("th").text(), [c.text() for c in cells], status, tr.classes))
        foot = list(table.all("tfoot"))
        notes = [li.text() for ul in details.all("ul") for li in ul.all("li")]
        found[details.attrs["id"] or ""] = Table(
            anchor=details.attrs["id"] or "",
            summary=details.first("summary").text(),
            caption=table.first("caption").text(),
            region=region.attrs,
            headers=[th.text() for th in table.first("thead").all("th")],
            rows=rows,
            gap=[td.text() for td in foot[0].all("td")] if foot else [],
            notes=notes,
            node=details,
        )
    return found


def catalog(root: Path) -> Catalog:
    result = load_data_set(root)
    assert result.catalog is not None
    return result.catalog


def report_by(data: Path, year: str, lang: str, *by: str) -> dict[str, dict[str, object]]:
    """``report --by`` as JSON: each indicator's section by id."""
    args = [a for d in by for a in ("--by", d)]
    result = CliRunner().invoke(
        app, ["report", year, "-f", "json", "--lang", lang, "--data", str(data), *args]
    )
    assert result.exit_code == 0, result.output
    return {i["id"]: i for i in json.loads(result.stdout)["indicators"]}


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synthetic") / "public"
    build(CliRunner(), out, "2024", data=SYNTHETIC)
    return out / "2024"


# --- the bundled data ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_bundled_population_page_has_a_table_per_breakdown(edition: Path, lang: str) -> None:
    """Population by language group and by major district, in the listed order of each
    dimension; the statuses are the ones ``report --by`` gives, in the page's language."""
    page = edition / lang / "indicators" / "population.html"
    tables = breakdown_tables(page)
    assert list(tables) == ["breakdown-language-group", "breakdown-district"]
    data = catalog(DATA)
    t = translator(lang)
    for anchor, dim_id in [("breakdown-language-group", "language-group"),
                           ("breakdown-district", "district")]:  # fmt: skip
        dimension = data.dimension(dim_id)
        assert dimension is not None
        table = tables[anchor]
        assert table.summary == localize(dimension.name, lang)
        name = localize(next(i for i in data.indicators if i.id == "population").name, lang)
        assert table.caption == t.gettext("{indicator} by {dimensions}").format(
            indicator=name, dimensions=localize(dimension.name, lang)
        )
        labels = [label for label, *_ in table.rows]
        assert labels[0] == t.gettext("Total")
        assert labels[1:] == [localize(c.name, lang) for c in dimension.categories]
        expected = report_by(DATA, "2024", lang, dim_id)["population"]
        categories = expected["categories"]
        assert isinstance(categories, list)
        assert [c["names"][dim_id] for c in categories] == labels[1:]
        for (_, cells, status, _), category in zip(table.rows[1:], categories, strict=True):
            if not category["calculated"]:  # judged: false (the language groups): not judged
                assert status == "not_judged"
            else:
                assert status == ("trend-" if category["trend_only"] else "") + category["status"]
            assert category["status_label"] in cells[-1]


@pytest.mark.parametrize("lang", LANGS)
def test_partial_breakdowns_say_they_are_partial(edition: Path, lang: str) -> None:
    """The foreign-language population by its six largest languages: the sentence of
    ``report --by`` and the data's own note."""
    t = translator(lang)
    tables = breakdown_tables(edition / lang / "indicators" / "foreign-language-population.html")
    details = tables["breakdown-language"].node
    partial = next(p for p in details.all("p") if "partial" in p.classes).text()
    assert t.gettext("The categories do not cover the whole (a partial breakdown).") in partial
    note = next(b.breakdowns[0].note for b in catalog(DATA).indicators
                if b.id == "foreign-language-population")  # fmt: skip
    assert note is not None and localize(note, lang) in partial
    population = breakdown_tables(edition / lang / "indicators" / "population.html")
    assert not [p for p in population["breakdown-district"].node.all("p") if "partial" in p.classes]


def test_a_page_without_breakdowns_has_no_section(edition: Path) -> None:
    html = (edition / "en" / "indicators" / "foreign-language-share.html").read_text("utf-8")
    assert "breakdowns-heading" not in html and "<details" not in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_structure_works_without_javascript_and_is_labelled(edition: Path, lang: str) -> None:
    """No script; a disclosure per breakdown with a summary; the table inside a focusable,
    named region; a caption, column and row headers with scope; the unit in the header."""
    w = site_words(lang)
    page = edition / lang / "indicators" / "population.html"
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert f'<h2 id="breakdowns-heading">{w("breakdowns")}</h2>' in html
    unit = translator(lang).gettext("Values: {unit}").format(unit=translator(lang).gettext("count"))
    for table in breakdown_tables(page).values():
        assert table.region["tabindex"] == "0" and table.region["aria-label"] == table.caption
        node = table.node.first("table")
        scopes = {th.attrs.get("scope") for th in node.all("th")}
        assert scopes == {"col", "colgroup", "row"}
        assert unit in table.headers
        assert all(th.attrs.get("scope") for th in node.all("th"))


# --- the synthetic crossed data set -------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_crossed_breakdown_shows_who_is_left_behind(synthetic_site: Path, lang: str) -> None:
    """Employment rate by sex and area crossed: women in the south move away while the total
    progresses; the row is marked and the note names them; a rate has a gap row by year."""
    t = translator(lang)
    data = catalog(SYNTHETIC)
    tables = breakdown_tables(synthetic_site / lang / "indicators" / "employment-rate.html")
    assert list(tables) == ["breakdown-sex", "breakdown-sex-area"]
    crossed = tables["breakdown-sex-area"]
    sex, area = data.dimension("sex"), data.dimension("area")
    assert sex is not None and area is not None
    women_south = (
        f"{localize(sex.categories[0].name, lang)}, {localize(area.categories[2].name, lang)}"
    )
    behind = [label for label, _, _, classes in crossed.rows if "left-behind" in classes]
    assert behind == [women_south]
    line = t.gettext("Left behind, moving away while the total progresses: {categories}")
    assert line.format(categories=women_south) in crossed.notes
    expected = report_by(SYNTHETIC, "2024", lang, "sex", "area")["employment-rate"]
    assert (
        [c["left_behind"] for c in expected["categories"]]
        == [  # type: ignore[union-attr]
            "left-behind" in classes for _, _, _, classes in crossed.rows[1:]
        ]
    )
    years = [h for h in crossed.headers if h.isdigit()]
    assert years == [str(y) for y in range(2015, 2025)]
    points = t.gettext("{number} pp").format(number="14,3" if lang != "en" else "14.3")
    assert len(crossed.gap) == len(years) + 2 and crossed.gap[-3] == points


def _markdown_section(data: Path, lang: str, by: str) -> tuple[list[list[str]], list[str]]:
    """The first section of ``report --by`` as Markdown: its table's rows (label, year,
    value, change, status) and its notes."""
    result = CliRunner().invoke(
        app, ["report", "2024", "-f", "markdown", "--lang", lang, "--data", str(data), "--by", by]
    )
    assert result.exit_code == 0, result.output
    table, notes = result.stdout.split("\n\n| ", 1)[1].split("\n\n", 2)[:2]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in table.splitlines()[2:]]
    return rows, [line.strip("_") for line in notes.splitlines()]


@pytest.mark.parametrize("lang", LANGS)
def test_values_changes_and_gaps_are_written_as_report_by_writes_them(
    synthetic_site: Path, lang: str
) -> None:
    """A percentage's values carry the percent sign, its changes and gaps are percentage
    points: the site's latest value and change of every row are the cells of ``report --by``,
    and its latest gap the report's note's."""
    table = breakdown_tables(synthetic_site / lang / "indicators" / "employment-rate.html")[
        "breakdown-sex"
    ]
    years = [h for h in table.headers if h.isdigit()]
    report, notes = _markdown_section(SYNTHETIC, lang, "sex")
    assert [label for label, *_ in report] == [label for label, *_ in table.rows]
    for (_, year, value, change, _), (_, cells, _, _) in zip(report, table.rows, strict=True):
        assert cells[years.index(year)] == value and cells[len(years)] == change
    points = translator(lang).gettext("{number} pp").split("{number}")[1]
    assert all(change.endswith(f"{points} (2015\u20132024)") for *_, change, _ in report)
    latest_gap = table.gap[len(years) - 1]
    assert latest_gap.endswith(points)
    assert next(note for note in notes if latest_gap in note) in table.notes


@pytest.mark.parametrize("lang", LANGS)
def test_a_count_is_judged_on_its_trend_and_has_no_gap(synthetic_site: Path, lang: str) -> None:
    """Residents (a count): categories judged on the trend alone, in the trend words with
    "(trend)"; no gap between groups of different sizes; the provisional 2024 value marked
    ᵖ with the legend's words."""
    t = translator(lang)
    tables = breakdown_tables(synthetic_site / lang / "indicators" / "residents.html")
    assert list(tables) == ["breakdown-area", "breakdown-language", "breakdown-area-language"]
    for table in tables.values():
        assert table.gap == []
        assert all(status.startswith("trend-") for _, _, status, _ in table.rows[1:])
        assert all(t.gettext("(trend)") in cells[-1] for _, cells, _, _ in table.rows[1:])
    total = tables["breakdown-area"].rows[0][1]
    assert total[9].endswith("ᵖ")  # 2024
    assert f"ᵖ {t.gettext('provisional value')}" in tables["breakdown-area"].notes


def test_a_rate_uses_the_target_words(synthetic_site: Path) -> None:
    tables = breakdown_tables(synthetic_site / "en" / "indicators" / "employment-rate.html")
    statuses = {label: status for label, _, status, _ in tables["breakdown-sex"].rows}
    assert statuses == {"Total": "moderate", "Women": "insufficient", "Men": "on_track"}


# --- hostile names -------------------------------------------------------------------------

HOSTILE_GOALS = """\
programme:
  id: p
  name: {fi: Ohjelma, sv: Programmet, en: The programme}
goals:
  - id: g
    number: 1
    name: {fi: Kaupunki, sv: Staden, en: The city}
dimensions:
  - id: area
    name: {fi: "Alue <b>", en: "Area"}
    categories:
      - code: a
        name:
          fi: "<script>alert(1)</script>"
          sv: "<img src=x onerror=alert(1)>"
          en: "Markup"
      - {code: b, name: {fi: "\\u202e12,34 ylös", sv: "\\u202e12,34 upp", en: "Bidi"}}
      - code: c
        name:
          fi: "=HYPERLINK(\\"http://evil\\",\\"x\\")"
          sv: "=HYPERLINK(\\"http://evil\\",\\"x\\")"
          en: "=HYPERLINK(\\"http://evil\\",\\"x\\")"
      - {code: d, name: {en: "Only in English"}}
"""
HOSTILE_INDICATOR = """\
id: asukkaat
name: {fi: Asukkaat, sv: Invånare, en: Residents}
goal: g
unit: count
direction: increase
breakdowns: [area]
values: {2020: 100, 2021: 110, 2022: 120}
"""
HOSTILE_CSV = "year,area,value\n" + "".join(
    f"{y},{c},{v + i}\n"
    for y, v in ((2020, 20), (2021, 22), (2022, 24))
    for i, c in enumerate("abcd")
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-breakdowns")
    data = write_data(root / "data", {"asukkaat": HOSTILE_INDICATOR}, goals=HOSTILE_GOALS)
    (data / "indicators" / "asukkaat.csv").write_text(HOSTILE_CSV, encoding="utf-8")
    out = root / "public"
    # validate refuses such names (dimension-name); the site must still escape them
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(breakdowns, "check_dimension_names", lambda *args: [])
        build(CliRunner(), out, "2022", "--lang", "fi,sv", data=data)
    return out / "2022"


def test_markup_in_a_category_name_is_text(hostile_site: Path) -> None:
    for lang in ("fi", "sv"):
        html = (hostile_site / lang / "indicators" / "asukkaat.html").read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
    fi = (hostile_site / "fi" / "indicators" / "asukkaat.html").read_text("utf-8")
    assert "<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi>" in fi
    assert "<bdi>Alue &lt;b&gt;</bdi>" in fi
    sv = (hostile_site / "sv" / "indicators" / "asukkaat.html").read_text("utf-8")
    assert "<bdi>&lt;img src=x onerror=alert(1)&gt;</bdi>" in sv


def test_a_bidi_override_in_a_category_name_is_shown_not_obeyed(hostile_site: Path) -> None:
    html = (hostile_site / "fi" / "indicators" / "asukkaat.html").read_text("utf-8")
    assert "\u202e" not in html
    assert "<bdi>\\u202e12,34 ylös</bdi>" in html


def test_a_name_only_in_english_is_marked_english(hostile_site: Path) -> None:
    """The area dimension has no Swedish name and category d only an English one."""
    sv = breakdown_tables(hostile_site / "sv" / "indicators" / "asukkaat.html")["breakdown-area"]
    row = next(r for r in sv.node.all("tr") if "Only in English" in r.text())
    bdi = row.first("bdi")
    assert bdi.attrs.get("lang") == "en"
    summary = sv.node.first("summary").first("bdi")
    assert summary.attrs.get("lang") == "en" and summary.text() == "Area"


def test_a_formula_in_a_category_name_never_runs_in_the_downloads(hostile_site: Path) -> None:
    """The page shows it as text; the workbook's sheet of values by category holds it as
    text with Excel's quote prefix; the CSV holds the category's code."""
    html = (hostile_site / "fi" / "indicators" / "asukkaat.html").read_text("utf-8")
    assert "<bdi>=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)</bdi>" in html
    book = openpyxl.load_workbook(hostile_site / "fi" / "data-2022.xlsx")
    sheet = next(s for s in book.worksheets if s.title == translator("fi").gettext(
        "Values by category"))  # fmt: skip
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPER")]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    rows = list(csv.DictReader(io.StringIO(
        (hostile_site / "fi" / "data" / "asukkaat.csv").read_text("utf-8"))))  # fmt: skip
    assert {r["area"] for r in rows} == {"", "a", "b", "c", "d"}


# --- downloads -----------------------------------------------------------------------------


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("data", [DATA, SYNTHETIC], ids=["bundled", "synthetic"])
def test_the_indicator_csv_is_the_export_csv_with_the_edition_column(
    data: Path, tmp_path: Path
) -> None:
    """The same rows and columns as ``export``'s ``indicators/<id>.csv`` (one writer), plus
    ``after_report_year``: the headline and every value by category, long form."""
    out = tmp_path / "public"
    year = "2024"
    build(CliRunner(), out, year, "--lang", "fi", data=data)
    exported = tmp_path / "export"
    result = CliRunner().invoke(
        app, ["export", str(exported), "--format", "csv", "--lang", "fi", "--data", str(data)]
    )
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(out / year / "fi" / f"data-{year}.zip")
    with_breakdowns = 0
    for indicator in catalog(data).indicators:
        site_text = (out / year / "fi" / "data" / f"{indicator.id}.csv").read_text("utf-8")
        assert archive.read(f"indicators/{indicator.id}.csv").decode() == site_text
        site = _csv(site_text)
        export = _csv((exported / "indicators" / f"{indicator.id}.csv").read_text("utf-8"))
        assert [{k: v for k, v in r.items() if k != "after_report_year"} for r in site] == export
        assert [r["after_report_year"] for r in site] == [
            "true" if int(r["year"]) > int(year) else "false" for r in site
        ]
        if indicator.breakdowns:
            with_breakdowns += 1
            dims = {d for b in indicator.breakdowns for d in b.by}
            assert any(any(r[d] for d in dims) for r in site)
    assert with_breakdowns >= 2


def test_an_indicator_without_breakdowns_keeps_its_columns(edition: Path) -> None:
    text = (edition / "en" / "data" / "foreign-language-share.csv").read_text("utf-8")
    assert tuple(text.splitlines()[0].split(",")) == INDICATOR_CSV_COLUMNS


def test_the_workbook_has_the_values_by_category(synthetic_site: Path) -> None:
    book = openpyxl.load_workbook(synthetic_site / "en" / "data-2024.xlsx")
    sheet = next(s for s in book.worksheets if s.title == "Values by category")
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:4] == ["Goal", "Indicator", "Name", "Unit"]
    women_south = [r for r in rows[1:] if r[1] == "employment-rate" and "Women" in r
                   and "South" in r]  # fmt: skip
    assert len(women_south) == 10


# --- large breakdowns ----------------------------------------------------------------------

AREAS = 88


def large_data(root: Path) -> Path:
    """88 small areas with long names over 12 years (synthetic)."""
    categories = "".join(
        f'      - {{code: a{n}, name: {{fi: "Pienalue {n} Kauklahdenväylänpohjoispuoli", '
        f'sv: "Småområde {n}", en: "Small area {n}"}}}}\n'
        for n in range(AREAS)
    )
    goals = HOSTILE_GOALS.split("dimensions:")[0] + (
        "dimensions:\n  - id: small-area\n    name: {fi: Pienalue, sv: Småområde, "
        "en: Small area}\n    categories:\n" + categories
    )
    years = range(2013, 2025)
    indicator = (
        "id: asukkaat\nname: {fi: Asukkaat, sv: Invånare, en: Residents}\ngoal: g\n"
        "unit: count\ndirection: increase\nbreakdowns: [small-area]\nvalues:\n"
        + "".join(f"  {y}: {100_000 + 1_000 * i}\n" for i, y in enumerate(years))
    )
    data = write_data(root, {"asukkaat": indicator}, goals=goals)
    rows = "".join(
        f"{y},a{n},{1000 + n * 10 + i}\n" for i, y in enumerate(years) for n in range(AREAS)
    )
    (data / "indicators" / "asukkaat.csv").write_text("year,small-area,value\n" + rows, "utf-8")
    return data


def test_88_areas_make_one_scrolling_table(tmp_path: Path) -> None:
    data = large_data(tmp_path / "data")
    out = tmp_path / "public"
    build(CliRunner(), out, "2024", "--lang", "fi", data=data)
    tables = breakdown_tables(out / "2024" / "fi" / "indicators" / "asukkaat.html")
    table = tables["breakdown-small-area"]
    assert len(table.rows) == AREAS + 1
    assert [label for label, *_ in table.rows[1:4]] == [
        f"Pienalue {n} Kauklahdenväylänpohjoispuoli" for n in range(3)
    ]
    assert table.region["role"] == "region" and table.region["tabindex"] == "0"
