#!/bin/sh
# Makes sure a Chromium is installed for the browser tests (playwright-core drives the system's
# Chromium; it cannot download one here). Nothing to do when one is on PATH; otherwise installs
# Debian's package, as root or through passwordless sudo.
set -eu

# zipkin-ui.mjs takes $CHROMIUM_PATH before looking on PATH.
if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then
    exit 0
  fi
  echo "CHROMIUM_PATH is $CHROMIUM_PATH, which is not an executable file." >&2
  exit 1
fi
for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then
    exit 0
  fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The browser tests need Chromium: install it (the 'chromium' package) and put it on PATH." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run="sudo -n"
else
  echo "The browser tests need Chromium: run 'sudo apt-get install -y chromium' (no root, and sudo asks for a password)." >&2
  exit 1
fi

echo "Installing Chromium for the browser tests (apt-get install chromium)."
# A fresh machine's package index may not list chromium yet: update it once and try again.
$run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium || {
  $run apt-get update
  $run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
} || {
  echo "Could not install Chromium for the browser tests (apt-get install chromium failed, see above)." >&2
  exit 1
}
