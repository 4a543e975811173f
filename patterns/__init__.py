"""Declarative pattern and lexicon files (shipped inside the package as ``pipeline.patterns``)."""
