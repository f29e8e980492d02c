@echo off
rem Buka Kinerja tanpa jendela konsol.
if not exist "%~dp0venv\Scripts\kinerja-gui.exe" (
    echo Kinerja belum terpasang di folder ini. Jalankan pasang.bat terlebih dahulu.
    pause
    exit /b 1
)
start "" "%~dp0venv\Scripts\kinerja-gui.exe" %*
