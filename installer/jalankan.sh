#!/bin/sh
# Buka Kinerja.
DIR="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$DIR/venv/bin/kinerja-gui" ]; then
    echo "Kinerja belum terpasang di folder ini. Jalankan ./pasang.sh terlebih dahulu."
    exit 1
fi
exec "$DIR/venv/bin/kinerja-gui" "$@"
