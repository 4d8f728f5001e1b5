#!/usr/bin/env bash
# Installs Debian's chromium for the browser end-to-end test when it is missing (CI runs as root).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "[ensure-chromium] $(/usr/bin/chromium --version 2>/dev/null || echo chromium) present"
  exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
echo "[ensure-chromium] installing Debian's chromium (apt-get; a few minutes the first time)"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium
echo "[ensure-chromium] $(/usr/bin/chromium --version)"
