"""One tab per SOP role plus Perangkat Daerah, Arsip and Riwayat."""
