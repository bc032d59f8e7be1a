#!/bin/sh
# Installs the Debian bookworm packages Dermachart needs to build, run and
# test. Idempotent: when everything is present it prints nothing and touches
# nothing, so it is cheap to run before every build.
set -eu

PACKAGES="
  meson ninja-build pkg-config gcc libc6-dev
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev libcairo2-dev libpango1.0-dev
  libgdk-pixbuf-2.0-dev libportal-gtk4-dev libqpdf-dev libjson-glib-dev
  gettext desktop-file-utils appstream libglib2.0-bin libglib2.0-dev-bin
  xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi
  fonts-cantarell fonts-dejavu-core fonts-noto-core locales-all
  poppler-utils qpdf img2pdf time imagemagick heif-gdk-pixbuf webp-pixbuf-loader xdg-utils
  librsvg2-common adwaita-icon-theme hicolor-icon-theme gsettings-desktop-schemas
"

missing=""
for pkg in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing="$missing $pkg"
  fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages:$missing" >&2
  echo "install-deps: run as root, or install them with apt-get" >&2
  exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
