"""What grouping loads: datasketch's MinHash without SciPy's integrator (group/_features)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_minhash_without_scipy_integrate_same_sketch() -> None:
    code = textwrap.dedent(
        """
        import sys
        from lagebild.group import _features as f
        words = "die regierung in berlin hat am montag neue regeln für den handel beschlossen".split()
        mine = f._minhash(words)
        assert "datasketch" in sys.modules and "scipy.integrate" not in sys.modules, "integrator imported"
        import scipy.integrate  # the real one, as usual, afterwards
        assert scipy.integrate.quad(lambda x: x, 0, 1)[0] == 0.5
        from datasketch import MinHash
        import datasketch.lsh
        assert datasketch.lsh.integrate(lambda x: x, 0, 1)[0] == 0.5  # the stand-in calls the real one
        ref = MinHash(num_perm=f.NUM_PERM, seed=1)
        ref.update_batch(sorted({" ".join(words[i : i + f.SHINGLE]).encode() for i in range(len(words) - f.SHINGLE + 1)}))
        assert (mine == ref.hashvalues).all()
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")
