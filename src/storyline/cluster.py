# mypy: disallow-untyped-calls=False
# (distributed ships type hints, but leaves Client, LocalCluster and as_completed unannotated.)
"""The Dask engine: extraction mapped over a Dask cluster, the results loaded here by the one writer.

`DaskEngine(scheduler="tcp://host:8786")` uses a running cluster (whose workers have storyline and a
model installed); without a scheduler it starts a local cluster of `workers` processes, one thread
each (spaCy holds the GIL), and stops it when done. Each worker loads the pipeline once, when it
joins, through a worker plugin. At most a few batches per worker thread are in flight, so memory on
the workers, the scheduler and here stays flat however many articles there are.

Needs the optional `dask` extra (`pip install 'storyline[dask]'`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import dask
from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from storyline.ingest import Result, extract_batch
from storyline.model import Article
from storyline.pipeline import load_pipeline

__all__ = ["DaskEngine", "local_cluster"]

# Batches queued per worker thread: enough that a worker never waits for the next, few enough that
# the articles waiting and the results not yet loaded stay a handful of batches.
_QUEUED = 2


class _Pipeline(WorkerPlugin):
    """Loads the pipeline as a worker starts, so its first batch does not wait seconds for the model."""

    name = "storyline-pipeline"

    def setup(self, worker: Any) -> None:
        load_pipeline()


def local_cluster(workers: int) -> LocalCluster:
    """A cluster on this machine: `workers` processes of one thread each, no dashboard, no profiler.

    Dask's statistical profiler keeps a call tree a second per worker for its last 1,000 seconds;
    through spaCy's deep stacks that grows a worker by about 8 MB a minute, which would make memory
    depend on how long an ingest runs. (On a cluster of your own, set
    `distributed.worker.profile.enabled: false` for the same.)
    """
    # Without a dashboard the scheduler still serves a few HTTP routes (health, metrics), by default on
    # port 8787; a second ingest (or any Dask) already there made it warn and move. Any free port on
    # the loopback is all these need.
    no_dashboard = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs=no_dashboard,
        )


@dataclass(frozen=True, slots=True)
class DaskEngine:
    """Extraction on the Dask cluster at `scheduler`, else on a local one of `workers` processes."""

    scheduler: str | None = None
    workers: int = 2

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[Result]]:
        with ExitStack() as stack:
            if self.scheduler:
                client = stack.enter_context(Client(self.scheduler))
            else:
                cluster = stack.enter_context(local_cluster(self.workers))
                client = stack.enter_context(Client(cluster))
            client.register_plugin(_Pipeline())
            window = _QUEUED * max(1, sum(client.nthreads().values()))
            done = as_completed()
            for batch in batches:
                done.add(client.submit(extract_batch, batch, pure=False))
                if done.count() >= window:
                    yield next(done).result()
            for future in done:
                yield future.result()
