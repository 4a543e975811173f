"""Reviewer workflow: the review web app, the spreadsheet round trip, reviews as gold.

* ``app.create_app(registry_path)`` / ``app.serve(...)`` — ``pledge review``;
* ``sheet.export_sheet`` / ``sheet.import_sheet`` — ``pledge review export-sheet / import-sheet``;
* ``gold.reviewed_gold`` — ``pledge eval --reviewed``.
"""
