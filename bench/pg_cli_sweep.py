"""Every store command of the CLI against PostgreSQL, once with --db URL and once with $LAGEBILD_DB.

Usage:  .venv/bin/python bench/pg_cli_sweep.py

Starts a throwaway server (tests/pgserver.py), ingests examples/, then runs stats, list, search
(keyword, semantic), entities, regroup, stories, timeline, brief, plot, show, merge --rebuild,
export (jsonl, parquet), enrich, spark enrich --local + load into a fresh database, and serve
(GET /api/articles). Prints one line per command: mode | command | exit code | seconds | last
stderr line on failure. The issue 14 audit in docs/scale.md ran it (2026-12-07).
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.pgserver import PgServer  # noqa: E402

LB = [str(ROOT / ".venv" / "bin" / "lagebild")]
TMP = tempfile.mkdtemp(prefix="lb-pg-sweep-")
env0 = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
env0.pop("LAGEBILD_DB", None)
srv = PgServer().start()
res = []
try:
    for mode in ("flag", "env"):
        url = srv.new_database()
        out = f"{TMP}/{mode}"
        os.makedirs(out, exist_ok=True)
        env = dict(env0)
        def run(*a, check_out=None):
            args = list(a)
            if mode == "flag":
                cmd = LB + ["--db", url] + args
            else:
                env["LAGEBILD_DB"] = url
                cmd = LB + args
            t = time.time()
            p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900, cwd=ROOT)
            res.append((mode, " ".join(args)[:60], p.returncode, round(time.time() - t, 1), (p.stderr or p.stdout).strip().splitlines()[-1:] if p.returncode else ""))
            return p
        run("ingest", "examples/")
        run("stats"); run("list", "--limit", "3")
        run("search", "Regierung"); run("search", "--mode", "semantic", "Wahl")
        run("entities", "--limit", "5")
        run("regroup"); p = run("stories", "--json")
        try:
            st = json.loads(p.stdout)
            st = st[0] if isinstance(st, list) else st
            sid = st.get("id") or st.get("storyline")
        except Exception as e:
            sid = None; res.append((mode, "stories json parse", -1, 0, repr(e)[:80] + p.stdout[:80]))
        if sid:
            run("timeline", sid); run("brief", sid, "-o", f"{out}/b.md")
            run("plot", "--out", f"{out}/t.svg", "timeline", sid)
        p = run("list", "--json", "--limit", "1")
        try:
            aid = json.loads(p.stdout.splitlines()[0])
            aid = (aid[0] if isinstance(aid, list) else aid)["id"]
            run("show", aid[:8])
        except Exception as e:
            res.append((mode, "list json parse", -1, 0, repr(e)[:80] + p.stdout[:80]))
        p = run("entities", "--json", "--limit", "2")
        run("merge", "--rebuild")
        run("export", "--format", "jsonl", "--out", f"{out}/e.jsonl")
        run("export", "--format", "parquet", "--out", f"{out}/e.parquet")
        run("enrich")
        if mode == "flag":
            run("spark", "enrich", "examples/", "--out", f"{out}/rows", "--local")
            url2 = srv.new_database()
            cmd = LB + ["--db", url2, "load", f"{out}/rows"]
            p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900, cwd=ROOT)
            res.append((mode, "load rows (fresh db)", p.returncode, 0, p.stderr.strip().splitlines()[-1:]))
        # serve: start, fetch /, stop
        port = 8765 if mode == "flag" else 8766
        cmd = (LB + ["--db", url] if mode == "flag" else LB) + ["serve", "--port", str(port)]
        sp = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        code = None
        for _ in range(120):
            try:
                code = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles", timeout=5).status; break
            except Exception:
                time.sleep(1)
        sp.send_signal(signal.SIGINT); sp.wait(30)
        res.append((mode, "serve /api/articles", code, 0, ""))
finally:
    srv.stop()
for r in res:
    print(*r, sep=" | ")
