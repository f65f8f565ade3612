#!/usr/bin/env bash
# Rebuild the GermEval 2014 train split (CC BY 4.0; Benikova, Biemann, Reznicek 2014)
# outside the repository and check it.  Never commit the data.
#
#   training/ner_accurate/get_data.sh [OUT]          (default /work/data/germeval_train.bioes)
#
# Source: public GitHub repository pascalhuszar/NER-benchmark, file
# "GermEval 2014/train_bioes.train" (BIOES over outer labels, 23 999 sentences).
# MIRROR=/path/to/a/git/dir of that repository reads the blob from a local copy instead
# of the network.
set -euo pipefail
OUT=${1:-/work/data/germeval_train.bioes}
SHA=a1ea33c23619aacf98468557786572cf9a1982c59e3c718584235ce0e70abfee
FILE="GermEval 2014/train_bioes.train"
mkdir -p "$(dirname "$OUT")"
if [ -n "${MIRROR:-}" ]; then
  git --git-dir="$MIRROR" show HEAD:"$FILE" > "$OUT.tmp"
else
  curl -fsSL "https://raw.githubusercontent.com/pascalhuszar/NER-benchmark/HEAD/GermEval%202014/train_bioes.train" -o "$OUT.tmp"
fi
echo "$SHA  $OUT.tmp" | sha256sum -c --quiet - || { echo "sha256 mismatch for $OUT.tmp" >&2; exit 1; }
mv "$OUT.tmp" "$OUT"
n=$(awk 'NF{p=1} !NF{if(p)n++; p=0} END{if(p)n++; print n}' "$OUT")
echo "$OUT: $(wc -c < "$OUT") bytes, $n sentences"
