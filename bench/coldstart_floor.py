"""Cold start floor: a fresh interpreter to a painted bare QMainWindow (offscreen)."""

import time

T0 = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402

from bench_paint import peak_kb, wait_painted  # noqa: E402

from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1320, 860)
window.show()
wait_painted(app, window)
print(f"PAINTED {time.perf_counter() - T0:.4f} PEAK_KB {peak_kb()}", flush=True)
os._exit(0)
