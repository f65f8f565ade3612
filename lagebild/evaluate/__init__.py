"""Evaluation beside the pipeline: score lagebild's stages on annotated public data.

One module per stage, each with the reader of its gold format, the scorer and the pinned
floors' inputs: :mod:`.ner` (CoNLL / GermEval TSV), :mod:`.quotes` (SpkAtt-2023, PolNeAR,
the project's JSONL sets), :mod:`.timex` (TimeML), :mod:`.topic` (10kGNAD) and
:mod:`.sentences` (SpkAtt sentence boundaries).  ``lagebild eval`` is the command-line face.
"""
