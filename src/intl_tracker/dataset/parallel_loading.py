"""Reading a data set's indicator files on several processes (speed only: see
:mod:`intl_tracker.core.speedups`; ``$INTL_TRACKER_SPEEDUPS=0`` or ``$INTL_TRACKER_JOBS=1``
reads them all in this process, with the same results).

:func:`loading.load_data_set` and :func:`loading.validate_paths` come here for data sets of
``worker_pool.PARALLEL_MIN_FILES`` files or more. The files are read in chunks: the workers
take chunks from the front of the queue and this process takes chunks from its back while
it waits (work stealing: every core stays busy, whatever the speed of each), and the chunks
come out in file order, so the problems and their order are those of a read on one core.

What a worker sends back for a valid indicator depends on what the caller keeps:

- its references (``validate``): ``IndicatorRefs``, small to pickle;
- its model (``report``, ``show``, ``list``, the site): the parsed data, validated again here
  (plain dicts unpickle and validate about 4x faster than pickled pydantic models);
- with :class:`KeepingWorkers` (the report's JSON): nothing of its values. The worker keeps
  the model in its store for a later task of the run (:func:`held_indicators`, used by
  :mod:`intl_tracker.app.parallel_report`) and sends a *stand-in* (:func:`_stand_in`).

Each one's slim parse (the nodes the cross-file rules point at) travels as nested tuples
(``_compact``): node objects were most of the time of pickling a chunk.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from intl_tracker.core.errors import Problem
from intl_tracker.core.worker_pool import Worker, WorkerGroup, in_order, worker_group
from intl_tracker.dataset.checks import IndicatorRefs
from intl_tracker.dataset.loading import (
    Loaded,
    TableChecked,
    TablesBeside,
    check_table_file,
    load_indicator,
    load_indicators,
    slim,
)
from intl_tracker.dataset.models import Indicator
from intl_tracker.dataset.yaml_strict import ParsedYaml

if TYPE_CHECKING:
    from intl_tracker.dataset.breakdowns import BreakdownRefs

# What a worker sends for a valid indicator (see the module's docstring).
REFS, DATA, KEEP = "refs", "data", "keep"


class KeepingWorkers:
    """Worker processes that keep the indicators they read for a later task of the same run
    (made by :func:`keeping_workers`; started by the loader only when it reads in parallel).
    ``held[worker]`` is what the loader recorded as held by that worker: indicator ids and the
    file each was read from (to read it again should the worker die)."""

    def __init__(self, group: WorkerGroup) -> None:
        self.group = group
        self.held: dict[Worker, dict[str, Path]] = {}

    def hold(self, worker: Worker, files: dict[str, Path]) -> None:
        """Record that ``worker`` holds the indicators ``files`` names (id: file)."""
        self.held.setdefault(worker, {}).update(files)


@contextmanager
def keeping_workers() -> Iterator[KeepingWorkers]:
    """Keeping workers (none started yet) that live until the block ends (``worker_group``)."""
    with worker_group() as group:
        yield KeepingWorkers(group)


def held_indicators(store: dict[str, Any], ids: Sequence[str]) -> list[Indicator]:
    """In a worker of a keeping load: the models of ``ids`` in its ``store``, which it read.
    Raises KeyError for an id it did not read."""
    return [store[i] for i in ids]


def _stand_in(indicator: Indicator) -> Indicator:
    """What a keeping worker sends for an indicator it keeps: what the catalog-wide steps of a
    report read (the id, goal and objectives; the years with a value and the assessment
    settings, for the default report year and the year checks) and nothing else: no target,
    and each year maps to None, so that anything that reads a value fails loudly instead of
    reporting a wrong one. The worker that keeps the model writes the indicator's row."""
    return Indicator.model_construct(  # type: ignore[call-arg]  # a partial stand-in
        id=indicator.id,
        goal=indicator.goal,
        objectives=indicator.objectives,
        targets=[],
        values=dict.fromkeys(indicator.values),  # type: ignore[arg-type]  # years only
        assessment=indicator.assessment,
        # What the declarations of breakdowns are checked against here (the breakdown
        # file itself is checked by the worker, against the whole model: _read_task).
        breakdowns=indicator.breakdowns,
        unit=indicator.unit,
        decimals=indicator.decimals,
        bounds=indicator.bounds,
    )


# A slim parse as nested tuples (kind, tag, value, line, column).
Compact = tuple[str, str, Any, int, int]
Sent = tuple[Any, list[Problem], Compact | None, str]


def _compact(node: Node) -> Compact:
    value: Any
    if isinstance(node, MappingNode):
        kind, value = "mapping", tuple((_compact(k), _compact(v)) for k, v in node.value)
    elif isinstance(node, SequenceNode):
        kind, value = "sequence", tuple(_compact(n) for n in node.value)
    else:
        kind, value = "scalar", node.value
    return (kind, node.tag, value, node.start_mark.line, node.start_mark.column)


def _node(compact: Compact) -> Node:
    """The node tree of a compact slim parse (its marks give the line and column only)."""
    kind, tag, value, line, column = compact
    mark = Mark("", 0, line, column, None, 0)
    if kind == "mapping":
        return MappingNode(tag, [(_node(k), _node(v)) for k, v in value], mark, mark)
    if kind == "sequence":
        return SequenceNode(tag, [_node(n) for n in value], mark, mark)
    return ScalarNode(tag, value, mark, mark)


def _read_task(
    store: dict[str, Any],
    files: Sequence[tuple[Path, str]],
    mode: str,
    beside: TablesBeside | None,
) -> tuple[list[Sent], dict[str, TableChecked]]:
    """In a worker: read ``files`` and say for each what ``mode`` asks (see the module), and
    check the breakdown files ``beside`` them (a keeping worker sends no text)."""
    results: list[Sent] = []
    refs: list[BreakdownRefs | None] = []
    for path, shown in files:
        indicator, found, parsed = load_indicator(path, shown)
        if indicator is None or parsed is None or parsed.root is None:
            results.append((None, found, None, shown))
            refs.append(None)
            continue
        refs.append(_breakdown_refs(indicator))
        sent: Any
        if mode == REFS:
            sent = IndicatorRefs.of(indicator)
        elif mode == DATA:
            sent = parsed.data
        else:
            store[indicator.id] = indicator
            sent = _stand_in(indicator)
        root = slim(parsed).root
        results.append((sent, found, None if root is None else _compact(root), shown))
    return results, _tables_beside(files, refs, beside, keep=mode == DATA)


def _here(
    chunk: Sequence[tuple[Path, str]], models: bool, beside: TablesBeside | None
) -> tuple[list[Loaded], dict[str, TableChecked]]:
    """What this process reads of a chunk: as :func:`_read_task`, with every model kept."""
    loaded = load_indicators(chunk, models=models)
    refs = [_breakdown_refs(indicator) for indicator, _, parsed, _ in loaded]
    return loaded, _tables_beside(chunk, refs, beside, keep=models)


def _breakdown_refs(indicator: Indicator | IndicatorRefs | None) -> BreakdownRefs | None:
    if isinstance(indicator, IndicatorRefs):
        return indicator.breakdown
    if isinstance(indicator, Indicator) and indicator.breakdowns:
        from intl_tracker.dataset.breakdowns import BreakdownRefs  # only for data with them

        return BreakdownRefs.of(indicator)
    return None


def _tables_beside(
    files: Sequence[tuple[Path, str]],
    refs: Sequence[BreakdownRefs | None],
    beside: TablesBeside | None,
    *,
    keep: bool,
) -> dict[str, TableChecked]:
    """The breakdown file beside each indicator file of ``files`` (whose valid indicator has
    ``refs``) checked as ``loading.read_breakdowns`` checks it, by the file's shown name."""
    if beside is None or beside.dimensions is None:
        return {}
    found: dict[str, TableChecked] = {}
    for (path, _), ref in zip(files, refs, strict=True):
        task = beside.task(path.stem, ref)
        if task is not None:
            found[task[1]] = check_table_file(task, beside.dimensions, keep and beside.keep)
    return found


def _received(results: list[Sent], mode: str) -> list[Loaded]:
    """A worker's results as :func:`loading.load_indicators` gives them: each slim parse's
    nodes made again and, in DATA mode, the models validated here."""
    return [
        (
            Indicator.model_validate(sent) if mode == DATA and sent is not None else sent,
            found,
            None if compact is None else ParsedYaml(root=_node(compact)),
            shown,
        )
        for sent, found, compact, shown in results
    ]


def read_in_parallel(
    chunks: Sequence[Sequence[tuple[Path, str]]],
    jobs: int,
    *,
    models: bool,
    keeping: KeepingWorkers | None = None,
    beside: TablesBeside | None = None,
) -> Iterator[list[Loaded]]:
    """Each chunk of indicator files read (as :func:`loading.load_indicators` reads it), in
    order, by this process and ``jobs - 1`` workers (``worker_pool.in_order``): those of
    ``keeping``, which then keep the models they read, or else workers that live while this
    runs. With ``beside``, the breakdown file beside each indicator file is checked by the
    process that read the indicator (``beside.found``; a keeping worker sends no text: the
    report's JSON never reads the values). With no worker to be had (a sandbox, a resource
    limit), this process reads every chunk."""
    mode = REFS if not models else DATA if keeping is None else KEEP
    with ExitStack() as stack:
        group = keeping.group if keeping is not None else stack.enter_context(worker_group())
        done = in_order(
            group.start(jobs - 1),
            len(chunks),
            _read_task,
            lambda index: (chunks[index], mode, beside and beside.part(chunks[index])),
            lambda index: _here(chunks[index], models, beside),
        )
        for chunk, (worker, (result, tables)) in zip(chunks, done, strict=True):
            if beside is not None:
                beside.found.update(tables)
            if worker is None:
                yield result
                continue
            loaded = _received(result, mode)
            if keeping is not None:
                keeping.hold(worker, _held_files(chunk, loaded))
            yield loaded


def _held_files(chunk: Sequence[tuple[Path, str]], loaded: list[Loaded]) -> dict[str, Path]:
    """The id and file of each indicator of ``chunk`` that a keeping worker holds."""
    return {
        indicator.id: path
        for (path, _), (indicator, _, _, _) in zip(chunk, loaded, strict=True)
        if indicator is not None
    }
