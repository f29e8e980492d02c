#!/bin/sh
# Pasang Kinerja @VERSI@ tanpa internet: Python @PYTHON@ -> venv di folder ini -> wheel dari wheels/
set -eu
cd "$(dirname "$0")"
echo "============================================================"
echo "  Pemasangan aplikasi Kinerja @VERSI@ (tanpa internet)"
echo "  Paket untuk: @TARGET@"
echo "  Folder: $(pwd)"
echo "============================================================"

gagal() {
    echo
    echo "PEMASANGAN GAGAL: $1"
    echo "Data Kinerja yang sudah ada tidak diubah."
    exit 1
}

PY=""
for candidate in "python@PYTHON@" python3 python; do
    found=$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
    if [ "$found" = "@PYTHON@" ]; then
        PY="$candidate"
        break
    fi
done
[ -n "$PY" ] || gagal "Python @PYTHON@ belum terpasang (mis. sudo apt install python@PYTHON@ python@PYTHON@-venv)."
echo "Python ditemukan: $(command -v "$PY")"

# pip must ignore any pip.conf on this computer: everything comes from wheels/
export PIP_CONFIG_FILE=/dev/null PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1

if [ ! -x venv/bin/python ]; then
    echo "Membuat lingkungan Python di $(pwd)/venv ..."
    "$PY" -m venv venv || gagal "venv tidak dapat dibuat (pasang paket python@PYTHON@-venv)."
fi
echo "Memasang paket dari folder wheels (tanpa internet), mohon tunggu ..."
venv/bin/python -m pip install --no-index --find-links wheels -r requirements.txt ||
    gagal "pip tidak dapat memasang paket dari folder wheels."
venv/bin/python selesai_pasang.py || gagal "pemeriksaan setelah pemasangan."
echo
echo "SELESAI. Buka Kinerja dari menu aplikasi atau desktop, atau dengan ./jalankan.sh."
