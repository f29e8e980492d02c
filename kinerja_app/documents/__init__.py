"""Documents of the SOP: Word letters and forms (docxtpl), the format isian workbook, PDF."""
