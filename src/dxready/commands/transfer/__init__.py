"""Spreadsheets in and out: the pieces of ``dxready export`` (commands/export.py) and ``dxready import``
(commands/import_.py).

Export: ``sheets`` (the workbook's sheets and columns, which import also recognises), ``rows`` (a catalogue as
those sheets' rows), ``writers`` (xlsx and CSV bytes, formula-safe, written atomically).

Import: ``read`` (xlsx and CSV files as raw sheets), ``tables`` (finding a known header row: the plan's table, the
counts table, export's sheets), ``cells`` (one cell's value: marks, counts, rates, dates, channels), ``match``
(names → catalogue procedures), ``plan`` and ``plan_counts`` (rows → pending changes), ``dispatch`` (sheets →
rows → the plan), ``apply`` and ``splices`` (the plan → new procedures.yaml text), ``entities`` (the システム and 工程表
sheets), ``fields`` / ``fieldcells`` / ``plan_fields`` / ``extras`` (every remaining field: export's last columns and
its 基本情報 sheet, read back and spliced into the final texts), ``computed`` (the cells export computes or repeats:
an edited one reported as not taken), ``kept`` (entries export's own sheets lack: kept, and said), ``commit`` (the three files written all or nothing),
``results`` (what import returns).
"""
