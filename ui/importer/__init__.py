"""The import dialog of step 8: OPD workbooks in, checked cell by cell, accepted or returned."""
