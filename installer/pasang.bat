@echo off
rem Pasang Kinerja @VERSI@ tanpa internet: Python @PYTHON@ -> venv di folder ini -> wheel dari wheels\
setlocal EnableExtensions
cd /d "%~dp0"
title Pemasangan Kinerja @VERSI@
echo ============================================================
echo   Pemasangan aplikasi Kinerja @VERSI@ (tanpa internet)
echo   Paket untuk: @TARGET@
echo   Folder: %CD%
echo ============================================================
echo.

set "PYEXE="
set "PYARG="
call :cari_python
if not defined PYEXE (
    if exist "python\python-*.exe" (
        echo Python @PYTHON@ belum terpasang. Memasang Python dari folder python\ ...
        for %%F in ("python\python-*.exe") do "%%~fF" /passive InstallAllUsers=0 PrependPath=0 Include_launcher=1 Include_test=0
        call :cari_python
    )
)
if not defined PYEXE (
    echo Python @PYTHON@ ^(64-bit^) belum terpasang di komputer ini.
    echo Unduh penginstal Python @PYTHON@ 64-bit dari python.org di komputer yang terhubung
    echo internet, salin ke folder "python" di dalam folder ini, lalu jalankan pasang.bat lagi.
    goto gagal
)
echo Python ditemukan: %PYEXE% %PYARG%

rem pip must ignore any pip.ini on this computer: everything comes from wheels\
set "PIP_CONFIG_FILE=nul"
set "PIP_NO_INPUT=1"
set "PIP_DISABLE_PIP_VERSION_CHECK=1"

if not exist "venv\Scripts\python.exe" (
    echo Membuat lingkungan Python di %CD%\venv ...
    "%PYEXE%" %PYARG% -m venv venv
    if errorlevel 1 goto gagal
)
echo Memasang paket dari folder wheels ^(tanpa internet^), mohon tunggu ...
"venv\Scripts\python.exe" -m pip install --no-index --find-links wheels -r requirements.txt
if errorlevel 1 goto gagal
"venv\Scripts\python.exe" selesai_pasang.py
if errorlevel 1 goto gagal
echo.
echo SELESAI. Buka Kinerja dari ikon "Kinerja" di desktop atau dengan jalankan.bat.
pause
exit /b 0

:cari_python
rem the py launcher first, then the usual per-user and all-user folders, then PATH
py -@PYTHON@ -c "import sys" >nul 2>&1
if not errorlevel 1 (
    set "PYEXE=py"
    set "PYARG=-@PYTHON@"
    exit /b 0
)
for %%P in ("%LOCALAPPDATA%\Programs\Python\Python@PYTHON_NODOT@\python.exe" "%ProgramFiles%\Python@PYTHON_NODOT@\python.exe") do (
    if exist "%%~P" (
        set "PYEXE=%%~P"
        exit /b 0
    )
)
for /f "tokens=2" %%V in ('python --version 2^>nul') do (
    echo %%V | findstr /b /c:"@PYTHON@." >nul && set "PYEXE=python"
)
exit /b 0

:gagal
echo.
echo PEMASANGAN GAGAL. Pesan di atas menjelaskan sebabnya; data Kinerja yang sudah ada
echo tidak diubah. Foto layar ini dan kirimkan kepada administrator bila perlu bantuan.
pause
exit /b 1
