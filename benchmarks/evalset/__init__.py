"""The evaluation set of benchmarks/make_set.py: synthetic diploma scans of many templates, a registry CSV
and truth.jsonl, deterministic for a seed.

Modules from the bottom up: names, people, grammar and institutions (who and what is printed); graduates
(their study records); fonts, layout and decorations (drawing a page); corpora (filler text); document (a
generated document and the shared look); templates (one module per family of documents); effects
(scanning and photographing); files (saving); registry; generate (a whole set) and cli.
"""
