"""Quoth's pure core: everything that imports no Textual.

The models of format 1, reading files into located diagnostics, the checks
and quote anchoring, libraries and their caches, the search index, people
across articles, exports, saved state and history. The CLI and the app both
stand on this package; a test and import-linter keep Textual out of it.
"""
