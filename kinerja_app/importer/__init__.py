"""Reading and verifying the workbooks OPDs submit (SOP step 8), without Qt.

``guard`` refuses hostile or broken files, ``reader`` turns a workbook into indicator rows,
``verify`` applies the rules, ``report`` runs a batch check for the CLI.
"""
