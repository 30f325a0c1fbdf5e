#!/usr/bin/env bash
# Installs the Debian packages the test suites use when they are missing (LibreOffice and poppler for
# the Word/Excel checks, fonts for Chinese, Chromium + build tools for code-server, Neovim for the
# LSP-client test). Needs root and apt-get; otherwise it says what to install and fails.
set -euo pipefail
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer libreoffice-calc)
command -v pdftotext >/dev/null || need+=(poppler-utils)
fc-list 2>/dev/null | grep -i 'Noto Serif CJK' >/dev/null || need+=(fonts-noto-cjk)  # no -q: an early exit would fail the pipe
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
command -v nvim >/dev/null || need+=(neovim)
command -v g++ >/dev/null || need+=(build-essential)
command -v pkg-config >/dev/null || need+=(pkg-config)
for h in /usr/include/krb5.h /usr/include/X11/Xlib.h /usr/include/X11/extensions/XKBfile.h /usr/include/libsecret-1/libsecret/secret.h; do
  [ -e "$h" ] || { need+=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev); break; }
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "缺少测试依赖 / missing test dependencies (Debian packages): ${need[*]}" >&2
  exit 1
fi
echo "installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
