#!/usr/bin/env bash
# System packages the test suite needs, from Debian's archive, installed when absent:
# chromium for the browser tests, gettext for the translation check, redis-server for the
# two-instance test (.ci/with-redis.sh), and Pango with a font for WeasyPrint's PDF (the
# training certificate).
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v msgfmt >/dev/null || missing+=(gettext)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -n "$(ldconfig -p | grep libpangoft2-1.0.so.0)" ] || missing+=(libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]} (install them with apt-get as root)." >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian's archive…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
