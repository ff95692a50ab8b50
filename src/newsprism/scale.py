"""Run the per-article stages on a Dask cluster (needs the ``[scale]`` extra).

Reading and cleaning (one task per file, WARC files cut into shards of records, one task
per cleaning batch) and extraction (one task per chunk of articles) run on the cluster's
workers; de-duplication, storing, clustering and comparison run in this process over the
merged results, in input order, so the output equals a single-machine run (#7).

Workers must see the input paths under the same names (a shared file system, or the same
container image with the data mounted), and have newsprism and its spaCy model installed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from newsprism.errors import MissingExtraError, SchedulerError

__all__ = ["DaskExecutor", "dask_executor"]

log = logging.getLogger(__name__)

NEEDS = "running on a Dask cluster (--dask) needs: pip install 'newsprism[scale]'"


class DaskExecutor:
    """Adapts a ``dask.distributed.Client`` to the ``submit(fn, *args)`` the pipeline uses."""

    def __init__(self, client: Any) -> None:
        self.client = client
        # Tasks in flight per stage: twice the cluster's worker threads (at least 2).
        self.nthreads = max(1, sum(client.nthreads().values()))

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any:
        """Submit ``fn(*args)``; every call is a new task (``pure=False``: no result reuse)."""
        return self.client.submit(fn, *args, pure=False)


@contextmanager
def dask_executor(address: str | Any) -> Iterator[DaskExecutor]:
    """Connect to the Dask scheduler at ``address`` (or use a ``Client``/cluster object).

    ``address`` is a scheduler address such as ``tcp://10.0.0.5:8786``; a
    ``dask.distributed`` cluster object (``LocalCluster``) or ``Client`` works too.
    Raises :class:`~newsprism.errors.MissingExtraError` when dask is not installed.
    """
    try:
        from dask.distributed import Client
    except ImportError as e:
        raise MissingExtraError(NEEDS) from e
    if isinstance(address, Client):
        yield DaskExecutor(address)
        return
    try:
        client = Client(address)
    except OSError as e:
        raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {e}") from e
    try:
        log.info("connected to Dask scheduler %s", getattr(client.scheduler, "address", address))
        yield DaskExecutor(client)
    finally:
        client.close()
