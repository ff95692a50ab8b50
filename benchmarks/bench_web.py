"""Load test of the web app: N requests at C concurrent connections against a real server.

Starts ``newsprism.web.run`` (what ``newsprism serve`` runs: uvicorn, one process) on a
store in a subprocess, then fires a mix of HTML pages and JSON endpoints from C asyncio
keep-alive connections (a minimal HTTP/1.1 client, so the generator takes little CPU).
Prints requests/s, p50/p99 latency and errors; exits 1 on any error (a non-2xx answer
or a failed connection).

The store is the bundled sample with the test story documents (tests/story_fixture.py)
unless --db points at one written by ``newsprism analyze``.

Run: python benchmarks/bench_web.py [--requests 1000] [--concurrency 200] [--db FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _sample_db(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "tests"))
    from story_fixture import build_sample_db

    return build_sample_db(folder)


def _paths(base: str) -> list[str]:
    with urllib.request.urlopen(base + "/api/stories") as r:
        stories = [s["id"] for s in json.load(r)["stories"]]
    with urllib.request.urlopen(base + "/api/articles?limit=100") as r:
        articles = [a["id"] for a in json.load(r)["articles"]]
    paths = ["/", "/api/stories", "/search?q=ceasefire", "/api/search?q=Normandy", "/articles"]
    paths += [f"/stories/{s}" for s in stories[:3]] + [f"/api/stories/{s}" for s in stories[:3]]
    paths += [f"/articles/{a}" for a in articles[:3]] + [f"/api/articles/{a}" for a in articles[:3]]
    return paths


class _Connection:
    """One keep-alive HTTP/1.1 connection (a lean client: the load generator shares the
    machine with the server, so it should cost as little CPU as possible)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: */*\r\n\r\n".encode()
        )
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        if "content-length" not in headers:
            raise ValueError("response without Content-Length")
        await self.reader.readexactly(int(headers["content-length"]))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


async def _load(base: str, paths: list[str], n: int, concurrency: int) -> dict[str, object]:
    host, port = base.removeprefix("http://").split(":")
    queue: asyncio.Queue[str] = asyncio.Queue()
    for i in range(n):
        queue.put_nowait(paths[i % len(paths)])
    latencies: list[float] = []
    errors: list[str] = []

    async def worker() -> None:
        conn = _Connection(host, int(port))
        try:
            while True:
                try:
                    path = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t0 = time.perf_counter()
                try:
                    status = await asyncio.wait_for(conn.get(path), 60)
                    if status >= 400:
                        errors.append(f"{path}: HTTP {status}")
                except (OSError, ValueError, asyncio.IncompleteReadError, TimeoutError) as e:
                    errors.append(f"{path}: {type(e).__name__} {e}")
                    await conn.close()
                latencies.append(time.perf_counter() - t0)
        finally:
            await conn.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": n,
        "concurrency": concurrency,
        "seconds": round(elapsed, 3),
        "requests_per_s": round(n / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
        "errors": len(errors),
        "first_errors": errors[:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--db", type=Path, default=None, help="store to serve (default: sample)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or _sample_db(Path(tmp))
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        code = f"from newsprism.web import run; run({str(db)!r}, port={port})"
        server = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(base + "/api", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                print("server did not start", file=sys.stderr)
                return 1
            paths = _paths(base)
            # Warm up: every page rendered once (and cached) before timing.
            asyncio.run(_load(base, paths, len(paths), 1))
            result = asyncio.run(_load(base, paths, args.requests, args.concurrency))
        finally:
            server.terminate()
            server.wait(timeout=10)
    result["paths"] = len(paths)
    print(json.dumps(result, indent=2))
    print(
        f"{result['requests']} requests, {result['concurrency']} connections: "
        f"{result['requests_per_s']} req/s, p50 {result['p50_ms']} ms, "
        f"p99 {result['p99_ms']} ms, {result['errors']} errors"
    )
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
