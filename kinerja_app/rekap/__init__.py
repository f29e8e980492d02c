"""The recap: capaian and predikat, the per-OPD recap rows, the export to Excel."""
