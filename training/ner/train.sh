#!/usr/bin/env bash
# Reproduce lagebild/models/ner-de end to end.  See README.md beside this file.
#
#   EXT=/tmp/ner-ext  DATA=../shared/data  WORK=/tmp/ner-work  STEPS=8000 \
#     bash training/ner/train.sh
#
# GERMEVAL_TRAIN (default $EXT/germeval_train.bioes): the GermEval 2014 train split in
#   BIOES (pascalhuszar/NER-benchmark, "GermEval 2014/train_bioes.train", README.md);
#   GERMEVAL_TRAIN= (empty) leaves it out, the recipe of version 1.1.0.
#
# EXT must hold the files taken from the public GitHub snapshots (README.md):
#   sd_v1_train.json.gz sd_v1_test.json.gz          (DFKI-NLP/smartdata-corpus)
#   enp_DE.lft.bio enp_DE.onb.bio enp_DE.sbb.bio     (EuropeanaNewspapers/ner-corpora)
#   gaz/vornamen.list gaz/nachnamen.list gaz/laendernamen.list   (name lists, README.md)
#   mobie/train.conll2003 mobie/dev.conll2003 mobie/test.conll2003  (DFKI-NLP/MobIE, only
#                                                    read with MOBIE=1, see README.md)
# Defaults reproduce the shipped model (see README.md);
# PREPARE_ARGS="..." overrides the prepare.py options; MOBIE=0/1 leaves out / adds the
# MobIE corpus; MODEL_OUT=dir writes the pipeline somewhere other than lagebild/models/ner-de.
# Everything runs on ONE core.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-python}
EXT=${EXT:-/tmp/ner-ext}
DATA=${DATA:-../shared/data}
WORK=${WORK:-/tmp/ner-work}
STEPS=${STEPS:-8000}
GERMEVAL_TRAIN=${GERMEVAL_TRAIN-$EXT/germeval_train.bioes}
SEED=${SEED:-0}
MOBIE=${MOBIE:-0}
MODEL_OUT=${MODEL_OUT:-lagebild/models/ner-de}
export MODEL_OUT
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 NUMEXPR_NUM_THREADS=1

mkdir -p "$WORK"
# 1. convert the extra corpora to CoNLL
$PY training/ner/convert_smartdata.py "$WORK/smartdata.conll" \
    "$EXT/sd_v1_train.json.gz" "$EXT/sd_v1_test.json.gz"
$PY training/ner/convert_europeana.py "$WORK/europeana.conll" \
    "$EXT/enp_DE.lft.bio" "$EXT/enp_DE.onb.bio" "$EXT/enp_DE.sbb.bio"
EXTRA=(--extra-conll "$WORK/smartdata.conll" --extra-conll "$WORK/europeana.conll")
VEC_EXTRA=(--corpus-file "$WORK/smartdata.conll" --corpus-file "$WORK/europeana.conll")
if [ -n "$GERMEVAL_TRAIN" ]; then
  $PY training/ner/convert_germeval_train.py "$WORK/germeval_train.tsv" "$GERMEVAL_TRAIN"
  EXTRA+=(--germeval-train "$WORK/germeval_train.tsv")
  VEC_EXTRA+=(--corpus-file "$WORK/germeval_train.tsv")
fi
if [ "$MOBIE" = 1 ]; then
  $PY training/ner/convert_mobie.py "$WORK/mobie.conll" \
      "$EXT/mobie/train.conll2003" "$EXT/mobie/dev.conll2003" "$EXT/mobie/test.conll2003"
  EXTRA+=(--extra-conll "$WORK/mobie.conll")
  VEC_EXTRA+=(--corpus-file "$WORK/mobie.conll")
fi
# 2. DocBins (GermEval train + GermEval dev minus 300 held-out sentences + Europarl train
#    + SmartData + Europeana,
#    plus MT-damage augmentation)
$PY training/ner/prepare.py --out "$WORK/corpus" --data "$DATA" "${EXTRA[@]}" \
    ${PREPARE_ARGS---substitute-share 0.5 --gazetteers $EXT/gaz --germeval-dev-repeat 3 --full-annotation}
# 3. static vectors from the USE-multilingual subword table (build time only)
$PY training/ner/build_vectors.py --out "$WORK/vectors" --dims 48 --max-words 90000 \
    --corpus-file "$DATA/germeval2014/dev.tsv" --corpus-file "$DATA/europarl-ner-de/train.tsv" \
    "${VEC_EXTRA[@]}"
# 4. train
$PY -m spacy train training/ner/config.cfg \
    --paths.train "$WORK/corpus/train.spacy" --paths.dev "$WORK/corpus/dev.spacy" \
    --paths.vectors "$WORK/vectors" --training.max_steps "$STEPS" --system.seed "$SEED" \
    -o "$WORK/out"
# 5. package: the last checkpoint of the fixed step budget (model-best is chosen on only
#    300 held-out sentences and proved a noisier pick); a spaCy pipeline directory holds
#    no optimizer state
rm -rf "$MODEL_OUT.new" && cp -r "$WORK/out/model-last" "$MODEL_OUT.new"
$PY - <<'PYEOF'
import json, pathlib
import os
p = pathlib.Path(os.environ["MODEL_OUT"] + ".new/meta.json")
m = json.loads(p.read_text())
m.update(name="ner_de_lagebild", version="1.2.0",
         description="German NER (PER/ORG/LOC/MISC + deriv/part) for lagebild; see MODEL_CARD.md",
         license="CC BY 4.0 (trained on CC BY 4.0 / CC0 / research data; see MODEL_CARD.md)")
p.write_text(json.dumps(m, indent=2, ensure_ascii=False))
PYEOF
if [ -f lagebild/models/ner-de/MODEL_CARD.md ]; then cp lagebild/models/ner-de/MODEL_CARD.md "$MODEL_OUT.new/"; fi
rm -rf "$MODEL_OUT" && mv "$MODEL_OUT.new" "$MODEL_OUT"
# 6. scores on the development sets (add --final for the test sets, report only)
$PY training/ner/evaluate_all.py "$MODEL_OUT" --corpus "$WORK/corpus" --data "$DATA" --damaged
