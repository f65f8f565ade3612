"""Benchmark: web pages and API endpoints under concurrent load on a synthetic store.

Usage:  .venv/bin/python bench/bench_web.py [--articles 20000] [--clients 1,20] [--seconds 30]

Builds a store of ``--articles`` articles written straight into the tables (title and text
from the real 10kGNAD articles, bench/_corpus.py; 2 000 entities, 3 per article; events of
1-8 articles, storylines of 1-5 events, every 10th article a duplicate), starts
``lagebild serve`` as its own process, then for each number in ``--clients`` that many threads
request the URLs below in random order for ``--seconds`` (1 client: the server's own time per
request; 20: queueing under load).  Prints a Markdown table per run: requests, p50, p95, max
per URL, and the first (cold-cache) time of the overview.  Keyword search only: semantic and hybrid
search need the embedding model and are measured by bench_search.py.

To measure another version on the same synthetic store, run the whole script with that
version's package first on the path (builder and server alike), e.g.
``git archive 7fd5674 lagebild | tar -x -C /tmp/old`` then
``PYTHONPATH=/tmp/old .venv/bin/python -P bench/bench_web.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import load_gnad  # noqa: E402

from lagebild.search import normalise  # noqa: E402
from lagebild.store import Store  # noqa: E402

NAMES = ["Kim Jong Un", "Olaf Scholz", "Angela Merkel", "Wladimir Putin", "Joe Biden", "Sebastian Kurz",
         "Vereinte Nationen", "Europäische Union", "Nato", "Wien", "Berlin", "Graz", "Österreich",
         "Südkorea", "Nordkorea", "Japan", "Bundesregierung", "ÖVP", "SPÖ", "FPÖ"]  # fmt: skip


def build(path: Path, n: int, seed: int = 3) -> dict[str, object]:
    """Write the synthetic store; return ids the URLs need."""
    rng = random.Random(seed)
    gnad = load_gnad()
    normed = [(normalise(t[:120]), normalise(t)) for _, t in gnad]
    store = Store(path)
    conn = store.conn
    conn.execute("BEGIN")
    conn.execute("INSERT INTO raws (sha256, bytes, size) VALUES ('bench', x'00', 1)")
    n_ent = 2000
    for e in range(n_ent):
        name = f"{NAMES[e % len(NAMES)]} {e}" if e >= len(NAMES) else NAMES[e]
        typ = ("PER", "ORG", "LOC", "MISC")[e % 4]
        conn.execute("INSERT INTO entities (id, name, type, wikidata, aliases) VALUES (?, ?, ?, NULL, ?)",
                     (f"lb:{typ.lower()}:e{e}", name, typ, json.dumps([name, name.upper()])))  # fmt: skip
    ids: list[str] = []
    for i in range(n):
        label, text = gnad[i % len(gnad)]
        aid = f"{i:016x}"
        ids.append(aid)
        day = None if i % 50 == 0 else f"20{14 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        conn.execute(
            "INSERT INTO articles (id, format, raw_sha256, encoding, text, title, title_raw, source, section,"
            " published, published_from, agencies, language, flags, added_at)"
            " VALUES (?, 'text', 'bench', 'utf-8', ?, ?, '', ?, ?, ?, 'record', '[]', ?, '[]', '')",
            (aid, text, text[:120], rng.choice(["standard", "dw", "toi", "apa", "orf"]), label, day,
             "de" if i % 9 else "en"),
        )  # fmt: skip
        rowid = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
        t_norm, b_norm = normed[i % len(gnad)]
        conn.execute("INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)", (rowid, t_norm, b_norm))
        for e in {min(n_ent - 1, int(rng.paretovariate(1.2))) for _ in range(3)}:
            typ = ("PER", "ORG", "LOC", "MISC")[e % 4]
            eid = f"lb:{typ.lower()}:e{e}"
            conn.execute("INSERT INTO article_entities (article_id, entity_id, name, role, aliases) VALUES "
                         "(?, ?, 'x', NULL, '[]')", (aid, eid))  # fmt: skip
            conn.execute('INSERT INTO mentions (article_id, entity_id, text, start, "end") VALUES (?, ?, ?, 0, 5)',
                         (aid, eid, text[:5]))  # fmt: skip
    # events of 1-8 consecutive articles, storylines of 1-5 consecutive events
    i = seq = ev_seq = st_seq = 0
    storyline, st_left, st_events = None, 0, 0
    while i < n:
        size = min(rng.randint(1, 8), n - i)
        members = ids[i : i + size]
        ev = f"ev-{members[0][-12:]}"
        if st_left == 0:
            if storyline:
                _storyline(conn, storyline, st_seq, st_events)
            storyline, st_left, st_events, st_seq = f"st-{members[0][-12:]}", rng.randint(1, 5), 0, st_seq + 1
        st_left, st_events = st_left - 1, st_events + 1
        day = 735000 + i // 20
        for k, aid in enumerate(members):
            seq += 1
            dup = members[0] if k and k % 10 == 9 else None
            conn.execute("INSERT INTO group_articles (article_id, seq, duplicate_of, event_id, day, day_from,"
                         " minhash) VALUES (?, ?, ?, ?, ?, 'published', NULL)", (aid, seq, dup, ev, day))  # fmt: skip
        ev_seq += 1
        title = conn.execute("SELECT title FROM articles WHERE id = ?", (members[0],)).fetchone()[0]
        conn.execute("INSERT INTO events (id, storyline_id, seq, title, first_day, last_day, size, emb_sum, n_emb,"
                     " terms, entities) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, '{}')",
                     (ev, storyline, ev_seq, title, day, day + 1, size, json.dumps({"regierung": 1.0})))  # fmt: skip
        i += size
    _storyline(conn, storyline, st_seq, st_events)
    conn.execute("INSERT INTO group_meta (key, value) VALUES ('docs', ?)", (n,))
    conn.execute("COMMIT")
    deep = conn.execute(
        "SELECT published, rowid FROM articles WHERE published IS NOT NULL "
        "ORDER BY published DESC, rowid DESC LIMIT 1 OFFSET ?", (int(n * 0.9),)
    ).fetchone()  # fmt: skip
    big_story = conn.execute("SELECT id FROM storylines ORDER BY events DESC LIMIT 1").fetchone()[0]
    store.close()
    return {"article": ids[n // 2], "deep": f"{deep[0]}.{deep[1]}", "storyline": big_story,
            "event": f"ev-{ids[0][-12:]}"}  # fmt: skip


def _storyline(conn, sid: str, seq: int, events: int) -> None:  # type: ignore[no-untyped-def]
    last = conn.execute("SELECT max(last_day), min(first_day) FROM events WHERE storyline_id = ?", (sid,)).fetchone()
    conn.execute("INSERT INTO storylines (id, seq, first_day, last_day, events, emb_sum, n_emb, terms, entities)"
                 " VALUES (?, ?, ?, ?, ?, NULL, 0, ?, '{}')",
                 (sid, seq, last[1], last[0], events, json.dumps({"regierung": 1.0})))  # fmt: skip


def urls(ids: dict[str, object], n: int) -> list[str]:
    prefixes = " ".join(f"{a}{b}{c}*" for a, b, c in zip("abcdefghijkl", "eiouaeiouaei", "rnstlmrnstlm"))
    return [
        "/", "/articles", f"/articles?after={ids['deep']}", f"/api/articles?after={ids['deep']}",
        f"/api/articles?offset={min(10_000, int(n * 0.45))}", "/entities?q=merkel", "/api/entities",
        "/storylines", "/storylines?sort=size&offset=200", "/events?sort=sources",
        "/search?q=Regierung&mode=keyword", "/api/search?q=Regierung+Wien&mode=keyword",
        f"/api/search?q={prefixes}&mode=keyword", f"/articles/{ids['article']}",
        f"/storylines/{ids['storyline']}", f"/events/{ids['event']}",
    ]  # fmt: skip


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    prog = (
        "import uvicorn, lagebild.web as w;"
        f"uvicorn.run(w.create_app({str(db)!r}), host='127.0.0.1', port={port}, log_level='error')"
    )
    # -P: not the current directory first on sys.path, so that PYTHONPATH chooses the package
    proc = subprocess.Popen([sys.executable, "-P", "-c", prog], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def load(base: str, paths: list[str], clients: int, seconds: float) -> dict[str, list[tuple[float, int]]]:
    times: dict[str, list[tuple[float, int]]] = {p: [] for p in paths}
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker(k: int) -> None:
        rng = random.Random(k)
        with httpx.Client(base_url=base, timeout=120) as c:
            while time.monotonic() < stop:
                p = rng.choice(paths)
                t0 = time.perf_counter()
                r = c.get(p)
                dt_ = time.perf_counter() - t0
                with lock:
                    times[p].append((dt_, r.status_code))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--clients", default="1,20", help="comma-separated client counts, one run each")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--db", type=Path, help="keep the synthetic store here and reuse it when it exists "
                    "(with its ids in DB.ids.json); default: a temporary store built for this run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        db = args.db or Path(d) / "bench.db"
        sidecar = db.with_name(db.name + ".ids.json")
        if args.db and db.exists() and sidecar.exists():
            ids = json.loads(sidecar.read_text())
            if ids.get("articles") != args.articles:
                raise SystemExit(f"{db} holds {ids.get('articles')} articles, not {args.articles}")
            print(f"reusing {db}", file=sys.stderr)
        else:
            t0 = time.perf_counter()
            ids = build(db, args.articles)
            print(f"built {args.articles} articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            if args.db:
                sidecar.write_text(json.dumps(ids | {"articles": args.articles}))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = serve(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            t0 = time.perf_counter()
            first = httpx.get(base + "/", timeout=300)
            cold = time.perf_counter() - t0
            paths = urls(ids, args.articles)
            costs = cpu_costs(base, paths, proc.pid)
            runs = [(int(c), load(base, paths, int(c), args.seconds)) for c in args.clients.split(",")]
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"\n{args.articles} articles; first `/` (cold cache): {cold * 1000:.0f} ms (status {first.status_code})")
    print("\nPer URL, one client: the first request (cold cache) and the server's CPU time per request")
    print("after it (mean of 20; robust against other load on the machine)\n")
    print("| URL | first ms | server CPU ms/request |")
    print("|---|---|---|")
    for p in paths:
        shown = p if len(p) < 60 else p[:57] + "…"
        print(f"| `{shown}` | {costs[p][0] * 1000:.0f} | {costs[p][1] * 1000:.1f} |")
    for clients, times in runs:
        report(paths, times, clients, args.seconds)


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_costs(base: str, paths: list[str], pid: int, n: int = 20) -> dict[str, tuple[float, float]]:
    """URL -> (wall time of the first request, server CPU seconds per later request)."""
    out = {}
    with httpx.Client(base_url=base, timeout=300) as c:
        for p in paths:
            t0 = time.perf_counter()
            c.get(p)
            first = time.perf_counter() - t0
            cpu0 = _cpu(pid)
            for _ in range(n):
                c.get(p)
            out[p] = (first, (_cpu(pid) - cpu0) / n)
    return out


def report(paths: list[str], times: dict[str, list[tuple[float, int]]], clients: int, seconds: float) -> None:
    total = sum(len(v) for v in times.values())
    print(f"\n{clients} clients, {seconds:g} s, {total / seconds:.0f} requests/s\n")
    print("| URL | status | requests | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|---|")
    for p in paths:
        ts = sorted(t for t, _ in times[p])
        if not ts:
            continue
        codes = sorted({c for _, c in times[p]})
        p95 = ts[min(len(ts) - 1, int(0.95 * len(ts)))]
        shown = p if len(p) < 60 else p[:57] + "…"
        print(f"| `{shown}` | {','.join(map(str, codes))} | {len(ts)} | {statistics.median(ts) * 1000:.0f} "
              f"| {p95 * 1000:.0f} | {ts[-1] * 1000:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
