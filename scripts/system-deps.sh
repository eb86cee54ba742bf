#!/usr/bin/env bash
# Installs the Debian packages gongkai's PDFs and tests need, only when missing.
# Usage: scripts/system-deps.sh [site|test]
set -euo pipefail
# Every program gongkai runs is here (tests/test_system_deps.py checks): git for the build
# stamp, changes and publish (the leak scan reads PDFs with pypdf). Fonts and Pango (with
# its fontconfig library) for the PDFs.
want=(fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 git)
# Debian's own python3 makes virtual environments only with python3-venv.
"${PYTHON:-python3}" -c 'import ensurepip' 2>/dev/null || want+=(python3-venv)
if [ "${1:-site}" = test ]; then
    want+=(chromium poppler-utils zbar-tools nodejs npm rsync)   # tests read PDFs back with poppler
fi
missing=()
for pkg in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# nodejs/npm may come from outside Debian (e.g. nvm); a working npm is enough.
if command -v npm >/dev/null 2>&1; then
    missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<< "${missing[*]}"
[ ${#missing[@]} -eq 0 ] && exit 0
echo "安装系统软件包：${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "需要 root 权限安装：sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
