"""The Rekapitulasi tab: recap grid, summary line, drill-down, chart and exports."""
