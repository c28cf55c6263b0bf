"""The folder a site is written to: editions side by side (case 7), and a build that never
harms what it did not write (case 9): files beside the site, planted pages and manifests,
symlinks, the working folder, and a build stopped by a signal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intl_tracker.core import worker_pool
from intl_tracker.core.errors import ExitCode
from intl_tracker.site.folder import MANIFEST, STAGING_PREFIX
from tests.conftest import REPO
from tests.site.conftest import build, run_site, write_data

sys.path.insert(0, str(REPO / "benchmarks"))
from datagen import generate

EXE = str(Path(sys.executable).with_name("intl-tracker"))

SHARE = """\
id: osuus
name: {fi: Osuus, sv: Andelen, en: The share}
goal: g
unit: percent
direction: increase
targets: [{value: 30, year: 2030}]
values: {2020: 18.0, 2021: 19.0, 2022: 20.0, 2023: 21.0, 2024: 22.5}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data", {"osuus": SHARE})


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


# --- editions (case 7) ------------------------------------------------------------------------


def test_two_editions_build_side_by_side_and_link_to_each_other(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    out = tmp_path / "public"
    build(runner, out, "2023", data=data)
    first = _tree(out / "2023")
    build(runner, out, "2024", data=data)
    assert _tree(out / "2023") == first  # an edition's pages stay as published
    root = (out / "index.html").read_text(encoding="utf-8")
    assert root.index('href="2024/fi/index.html"') < root.index('href="2023/fi/index.html"')
    assert 'href="2024/sv/index.html" hreflang="sv">Svenska' in root  # the newest is default
    for year in ("2023", "2024"):  # each edition's pages lead to the list of all editions
        page = (out / year / "fi" / "indicators" / "osuus.html").read_text(encoding="utf-8")
        assert 'href="../../../index.html#editions"' in page
    # building the older edition again keeps the newest as the default
    build(runner, out, "2023", data=data)
    root = (out / "index.html").read_text(encoding="utf-8")
    assert root.index('href="2024/fi/index.html"') < root.index('href="2023/fi/index.html"')
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["editions"] == {"2023": ["fi", "sv", "en"], "2024": ["fi", "sv", "en"]}


YEARS = ("2023", "2024")


def test_two_editions_built_at_the_same_time_into_one_folder_are_both_kept(
    tmp_path: Path, data: Path
) -> None:
    """A web team's ``make -j`` builds 2023 and 2024 at once: one failed with "files in the
    way ... not written by intl-tracker" (the other's front page), or both succeeded and the
    last manifest written forgot the other edition, its files and its place on the front
    page. The builds draw side by side and move their files into place one at a time."""
    env = {**os.environ, "INTL_TRACKER_JOBS": "1"}
    for attempt in range(3):
        out = tmp_path / f"public{attempt}"
        commands = [[EXE, "site", y, "--output", str(out), "--data", str(data)] for y in YEARS]
        runs = [
            subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            for c in commands
        ]
        errors = [run.communicate(timeout=300)[1].decode() for run in runs]
        assert [run.returncode for run in runs] == [0, 0], errors
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        assert sorted(manifest["editions"]) == ["2023", "2024"]
        assert {p.split("/")[0] for p in manifest["files"]} >= {"2023", "2024"}
        root = (out / "index.html").read_text(encoding="utf-8")
        assert 'href="2023/fi/index.html"' in root and 'href="2024/fi/index.html"' in root


def test_an_edition_removed_by_hand_is_no_longer_listed(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    import shutil

    out = tmp_path / "public"
    build(runner, out, "2023", "--lang", "en", data=data)
    shutil.rmtree(out / "2023")
    build(runner, out, "2024", "--lang", "en", data=data)
    root = (out / "index.html").read_text(encoding="utf-8")
    assert "2023/" not in root
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["editions"] == {"2024": ["en"]}


def test_a_manifest_with_an_unknown_language_is_read_safely(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    out = tmp_path / "public"
    (out / "2023").mkdir(parents=True)
    (out / "2023" / "index.html").write_text("x")
    planted = {"files": {}, "editions": {"2023": ["de", "<b>"], "nope": ["en"]}}
    (out / MANIFEST).write_text(json.dumps(planted))
    build(runner, out, "2024", "--lang", "en", data=data)
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["editions"] == {"2024": ["en"]}


def test_a_base_url_gives_absolute_links_a_sitemap_and_a_404_page(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    out = tmp_path / "public"
    base = "https://www.example.fi/seuranta/"
    (data / "site.yaml").write_text(f"base_url: {base}\n", encoding="utf-8")
    build(runner, out, "2023", data=data)
    (data / "site.yaml").write_text(f"base_url: {base.rstrip('/')}\n", encoding="utf-8")
    build(runner, out, "2024", data=data)
    page = (out / "2024" / "sv" / "indicators" / "osuus.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{base}2024/sv/indicators/osuus.html">' in page
    for lang in ("fi", "sv", "en"):
        assert f'hreflang="{lang}" href="{base}2024/{lang}/indicators/osuus.html"' in page
    assert f'hreflang="x-default" href="{base}2024/index.html"' in page
    assert f'<meta property="og:url" content="{base}2024/sv/indicators/osuus.html">' in page
    assert f'<meta property="og:image" content="{base}2024/sv/charts/osuus.png">' in page
    assert '<meta property="og:locale" content="sv_FI">' in page
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}2023/fi/indicators/osuus.html</loc>" in sitemap  # both editions
    assert f"<loc>{base}2024/en/report.html</loc>" in sitemap
    assert "404.html" not in sitemap
    missing = (out / "404.html").read_text(encoding="utf-8")
    assert f'href="{base}index.html"' in missing
    assert f'href="{base}2024/fi/accessibility.html"' in missing
    assert f'href="{base}2024/assets/site.css"' in missing


def test_a_base_url_that_is_not_http_is_an_error_at_its_line(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    (data / "site.yaml").write_text("base_url: javascript:alert(1)\n", encoding="utf-8")
    result = run_site(runner, tmp_path / "o", "2024", data=data)
    assert result.exit_code == ExitCode.INVALID_DATA
    assert "site.yaml:1:11: error" in result.output and "base_url" in result.output


# --- the folder is never harmed (case 9) ------------------------------------------------------


def test_a_rebuild_next_to_cname_and_a_hand_written_page_keeps_both(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    out = tmp_path / "public"
    build(runner, out, "2024", "--lang", "en", data=data)
    (out / "CNAME").write_text("seuranta.example.fi\n")
    (out / "hello.html").write_text("<p>my own page</p>")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / "2024" / "en" / "extra.html").write_text("<p>added by hand</p>")
    build(runner, out, "2024", "--lang", "en", data=data)
    assert (out / "CNAME").read_text() == "seuranta.example.fi\n"
    assert (out / "hello.html").read_text() == "<p>my own page</p>"
    assert (out / ".git" / "HEAD").exists()
    assert (out / "2024" / "en" / "extra.html").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]


def test_the_first_build_next_to_other_files_keeps_them(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    build(runner, out, "2024", "--lang", "en", data=data)
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "2024" / "en" / "index.html").exists()


def test_a_file_in_the_way_stops_the_build_before_anything_changes(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    """A planted index.html with the generator line made a folder of data look like an
    earlier site, and the rebuild deleted it all."""
    folder = tmp_path / "mixed"
    (folder / "indicators").mkdir(parents=True)
    (folder / "indicators" / "precious.yaml").write_text("id: precious\n")
    (folder / "index.html").write_text('<meta name="generator" content="intl-tracker">')
    before = _tree(folder)
    result = run_site(runner, folder, "2024", "--lang", "en", data=data)
    assert result.exit_code == ExitCode.USAGE
    assert "index.html (not written by intl-tracker)" in result.output
    assert _tree(folder) == before
    assert not [p for p in folder.iterdir() if p.name.startswith(STAGING_PREFIX)]


def test_a_planted_manifest_cannot_remove_files_it_names(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    """A manifest naming other files (data, a path outside the folder), with their true
    SHA-256, removes nothing: only paths the tool writes are ever removed."""
    import hashlib

    folder = tmp_path / "target"
    (folder / "indicators").mkdir(parents=True)
    precious = folder / "indicators" / "precious.yaml"
    precious.write_text("id: precious\n")
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    digest = hashlib.sha256(precious.read_bytes()).hexdigest()
    planted = {
        "files": {
            "indicators/precious.yaml": digest,
            "../outside.txt": hashlib.sha256(b"keep").hexdigest(),
        },
        "editions": {"2024": ["en"]},
    }
    (folder / MANIFEST).write_text(json.dumps(planted))
    build(runner, folder, "2024", "--lang", "en", data=data)
    assert precious.read_text() == "id: precious\n"
    assert outside.read_text() == "keep"


def test_a_page_changed_by_hand_is_not_overwritten(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    out = tmp_path / "public"
    build(runner, out, "2024", "--lang", "en", data=data)
    page = out / "2024" / "en" / "methods.html"
    page.write_text("edited by the city", encoding="utf-8")
    result = run_site(runner, out, "2024", "--lang", "en", data=data)
    assert result.exit_code == ExitCode.USAGE
    assert "2024/en/methods.html (changed since intl-tracker wrote it)" in result.output
    assert page.read_text(encoding="utf-8") == "edited by the city"


def test_files_of_a_dropped_language_are_removed_only_if_unchanged(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    out = tmp_path / "public"
    build(runner, out, "2024", "--lang", "en,sv", data=data)
    (out / "2024" / "sv" / "methods.html").write_text("changed", encoding="utf-8")
    result = build(runner, out, "2024", "--lang", "en", data=data)
    assert not (out / "2024" / "sv" / "index.html").exists()
    assert (out / "2024" / "sv" / "methods.html").read_text(encoding="utf-8") == "changed"
    assert "kept '2024/sv/methods.html'" in result.stderr


def test_a_symlinked_output_is_written_through(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    target = tmp_path / "www"
    target.mkdir()
    link = tmp_path / "public"
    link.symlink_to(target, target_is_directory=True)
    result = build(runner, link, "2024", "--lang", "en", data=data)
    assert link.is_symlink()
    assert (target / "2024" / "en" / "index.html").is_file()
    assert "cannot write" not in result.output
    build(runner, link, "2024", "--lang", "en", data=data)  # and rebuilt through it
    assert link.is_symlink() and (target / "index.html").is_file()


def test_a_symlink_inside_the_output_is_not_followed(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    out = tmp_path / "public"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "2024").symlink_to(elsewhere, target_is_directory=True)
    result = run_site(runner, out, "2024", "--lang", "en", data=data)
    assert result.exit_code == ExitCode.USAGE
    assert "2024 (not a folder)" in result.output
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("how", [".", "absolute"])
def test_the_working_folder_is_handled_safely(
    tmp_path: Path, data: Path, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--output .`` was an internal error, and the working folder's full path deleted it
    from under the shell. Now the site is written beside what is there, which stays."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "README.md").write_text("mine")
    monkeypatch.chdir(work)
    output = "." if how == "." else str(work)
    result = subprocess.run(
        [EXE, "site", "2024", "--lang", "en", "--output", output, "--data", str(data)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert work.is_dir() and (work / "README.md").read_text() == "mine"
    assert (work / "2024" / "en" / "index.html").is_file()


def test_a_file_as_output_is_refused(tmp_path: Path, runner: CliRunner, data: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = run_site(runner, target, "2024", data=data)
    assert result.exit_code == ExitCode.OUTPUT_CLOSED
    assert "it is a file; give a folder" in result.output
    assert target.read_text() == "x"


def test_a_staging_folder_left_by_a_killed_build_is_removed(
    tmp_path: Path, runner: CliRunner, data: Path
) -> None:
    out = tmp_path / "public"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()  # fmt: skip
    stale = out / f"{STAGING_PREFIX}{dead}-abc"
    stale.mkdir()
    (stale / ".intl-tracker-staging").write_text(f"{dead}\n")
    (stale / "half.html").write_text("x")
    foreign = out / f"{STAGING_PREFIX}not-ours"  # no mark: not a staging folder of ours
    foreign.mkdir()
    build(runner, out, "2024", "--lang", "en", data=data)
    assert not stale.exists()
    assert foreign.exists()


# --- signals (case 9) -------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


needs_two_cores = pytest.mark.skipif(
    worker_pool.usable_cores() < 2 or not Path("/proc/self/task").exists(),
    reason="needs two cores (chart workers) and Linux /proc",
)


def _drawing(out: Path) -> bool:
    """Whether a build into ``out`` is drawing: a chart is in its staging folder."""
    return any(out.glob(f"{STAGING_PREFIX}*/*/*/charts/*.png"))


def _ctrl_c_as_in_a_terminal() -> None:
    """In the command's process before it starts: Ctrl-C does what it does in a terminal,
    even when the tests run in the background (``cmd &``, ``nohup``), where it is ignored
    and the command rightly keeps ignoring it (cli/entry_point.py)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_drawing(data: Path, out: Path, timeout: float) -> subprocess.Popen[bytes]:
    env = {**os.environ, "INTL_TRACKER_JOBS": "2"}
    process = subprocess.Popen(
        [EXE, "site", "--lang", "en", "--output", str(out), "--data", str(data)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )  # fmt: skip
    deadline = time.monotonic() + timeout
    while not _drawing(out) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert _drawing(out), "the build never started drawing"
    return process


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("many") / "data", 200)


def _gone(pids: list[int], seconds: float = 3.0) -> list[int]:
    """The processes of ``pids`` still alive after waiting up to ``seconds`` for them to go."""
    deadline = time.monotonic() + seconds
    while [p for p in pids if _alive(p)] and time.monotonic() < deadline:
        time.sleep(0.02)
    return [p for p in pids if _alive(p)]


@needs_two_cores
@pytest.mark.interrupts
@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGINT, ExitCode.INTERRUPTED), (signal.SIGTERM, ExitCode.TERMINATED)],
    ids=["SIGINT", "SIGTERM"],
)
def test_a_signal_stops_the_build_its_workers_and_removes_staging(
    tmp_path: Path, many: Path, signum: int, code: int
) -> None:
    """The signal reaches the build while it draws (its workers started, a chart in its
    staging folder). It once went unnoticed, about one time in ten under load: its handler
    ran inside a weakref callback of matplotlib's objects, where Python drops the exception
    (tests/core/test_stopping.py), and the build drew on to its end."""
    out = tmp_path / "public"
    process = _start_drawing(many, out, timeout=240)
    workers = _children(process.pid)
    assert workers
    start = time.perf_counter()
    process.send_signal(signum)
    assert process.wait(timeout=10) == code
    elapsed = time.perf_counter() - start
    assert process.stderr is not None
    err = process.stderr.read().decode()
    process.stderr.close()
    assert "Traceback" not in err and "Exception ignored" not in err, err
    print(f"{signal.Signals(signum).name}: exited in {elapsed:.3f} s")
    assert elapsed < 1.0
    assert not _gone(workers)
    assert not [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]
    assert not (out / "index.html").exists()  # nothing was moved into place


def _phase(out: Path) -> str:
    """How far a build into ``out`` is, read from its folder."""
    if (out / MANIFEST).exists():
        return "done"
    staging = [p for p in out.glob(f"{STAGING_PREFIX}*") if p.is_dir()]
    if not staging:
        return "starting"
    if any(staging[0].glob("*/*/indicators/*.html")):
        return "pages"
    if any(staging[0].glob("*/*/charts/*.png")):
        return "charts"
    return "staging"


@needs_two_cores
@pytest.mark.interrupts
def test_sigterm_at_any_moment_stops_the_build_and_leaves_all_or_nothing(
    tmp_path: Path, data: Path
) -> None:
    """SIGTERM at moments spread over a whole build (loading, starting the workers,
    drawing, writing pages, moving files into place, done): the build ends at once, exit 143
    (or killed by the signal's default once the build is over, or 0 when it was over before
    the signal came), never a traceback or a staging folder left, and the folder holds the
    whole site or nothing of it."""
    many = generate(tmp_path / "many", 12)
    env = {**os.environ, "INTL_TRACKER_JOBS": "2"}
    command = [EXE, "site", "--lang", "en", "--data", str(many)]
    full = tmp_path / "full"
    started = time.monotonic()
    subprocess.run([*command, "--output", str(full)], env=env, check=True, capture_output=True)
    whole = time.monotonic() - started  # the moments are spread over a build this long
    files = sorted(_tree(full))
    phases: list[str] = []
    for moment in range(7):
        out = tmp_path / f"public{moment}"
        process = subprocess.Popen([*command, "--output", str(out)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
        time.sleep(whole * moment / 5)  # the last ones after a build as long as the first
        phases.append(_phase(out))
        process.send_signal(signal.SIGTERM)
        returncode = process.wait(timeout=10)
        assert process.stderr is not None
        err = process.stderr.read().decode()
        process.stderr.close()
        # 143 (stopped), or killed by the signal's default after the build, or 0: it had
        # finished before the signal came (then the whole site is there, checked below)
        assert returncode in (ExitCode.TERMINATED, -signal.SIGTERM, ExitCode.OK), err
        assert "Traceback" not in err and "Exception ignored" not in err, err
        written = sorted(_tree(out)) if out.exists() else []
        assert not [p for p in written if STAGING_PREFIX in p]
        assert written in ([], files), (phases[-1], returncode)
        assert returncode != ExitCode.OK or written == files
    print("phases reached:", phases)


@needs_two_cores
@pytest.mark.interrupts
def test_workers_die_with_a_killed_build(tmp_path: Path, many: Path) -> None:
    out = tmp_path / "public"
    process = _start_drawing(many, out, timeout=240)
    workers = _children(process.pid)
    process.kill()
    process.wait(timeout=10)
    deadline = time.monotonic() + 3
    while [w for w in workers if _alive(w)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)]
    assert process.stderr is not None
    process.stderr.close()


@needs_two_cores
@pytest.mark.interrupts
def test_ctrl_c_stops_a_build_of_10000_indicators_within_a_second(tmp_path: Path) -> None:
    data = generate(tmp_path / "data", 10_000)
    out = tmp_path / "public"
    process = _start_drawing(data, out, timeout=900)
    start = time.perf_counter()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == ExitCode.INTERRUPTED
    elapsed = time.perf_counter() - start
    assert process.stderr is not None
    process.stderr.close()
    print(f"Ctrl-C at 10,000 indicators: exited in {elapsed:.3f} s")
    assert elapsed < 1.0
    assert not [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]
