#!/usr/bin/env bash
# Build the Linux packages of Outreach Desk: the frozen one-dir app, a .deb and a tarball.
#
#   packaging/linux/build.sh            # from anywhere; uses the repo's .venv
#
# Output (dist/):
#   outreach-desk/                                 the one-dir app (run ./outreach-desk)
#   outreach-desk_<version>_<arch>.deb             /opt/outreach-desk, /usr/bin symlinks,
#                                                  desktop entry, icons, policy conffile dir
#   outreach-desk-<version>-linux-<arch>.tar.gz    the one-dir app, for other distributions
#
# Idempotent: every run starts from a clean build/ and dist/ for these outputs.
# Needs: python3.11 venv at .venv (make creates it), dpkg-deb, fakeroot (optional).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
[ -x "$PY" ] || { echo "no .venv: run 'make test' or 'python3.11 -m venv .venv && .venv/bin/pip install -e .[dev]'" >&2; exit 1; }

VERSION="$("$PY" -c 'import outreach_desk; print(outreach_desk.__version__)')"
ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
NAME=outreach-desk
DIST="$ROOT/dist"
WORK="$ROOT/build/linux"
START=$(date +%s)

echo "== Outreach Desk $VERSION ($ARCH)"
"$PY" -m pip install --quiet 'pyinstaller>=6.10'

echo "== translations"
"$PY" resources/translations/update.py --release

echo "== icons"
"$PY" packaging/render_icons.py "$ROOT/build/icons"

echo "== pyinstaller"
rm -rf "$DIST/$NAME" "$ROOT/build/pyinstaller"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" packaging/outreach-desk.spec

echo "== tarball"
TARBALL="$DIST/$NAME-$VERSION-linux-$ARCH.tar.gz"
rm -f "$TARBALL"
tar -C "$DIST" --owner=0 --group=0 --numeric-owner -czf "$TARBALL" "$NAME"

echo "== .deb"
rm -rf "$WORK"
PKG="$WORK/pkg"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
    "$PKG/etc/xdg/OutreachDesk" "$PKG/usr/share/doc/$NAME"
cp -a "$DIST/$NAME" "$PKG/opt/$NAME"
ln -s "/opt/$NAME/$NAME" "$PKG/usr/bin/$NAME"
ln -s "/opt/$NAME/$NAME-policy" "$PKG/usr/bin/$NAME-policy"
for size in 16 24 32 48 64 128 256 512; do
    install -D -m 0644 "build/icons/$NAME-$size.png" \
        "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png"
done
install -D -m 0644 resources/icons/$NAME.svg "$PKG/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
install -m 0644 packaging/linux/outreach-desk.desktop "$PKG/usr/share/applications/"
install -m 0644 packaging/linux/policy.json.example "$PKG/etc/xdg/OutreachDesk/"
install -m 0644 docs/it-guide.md "$PKG/usr/share/doc/$NAME/"
INSTALLED_KB=$(du -sk "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$INSTALLED_KB/" \
    packaging/linux/control.in > "$PKG/DEBIAN/control"
echo /etc/xdg/OutreachDesk/policy.json.example > "$PKG/DEBIAN/conffiles"
install -m 0755 packaging/linux/postinst packaging/linux/postrm "$PKG/DEBIAN/"
# dpkg wants sane modes whatever the umask of the build machine
find "$PKG" -type d -exec chmod 0755 {} +
find "$PKG/opt" -type f -exec chmod go-w {} +
DEB="$DIST/${NAME}_${VERSION}_${ARCH}.deb"
rm -f "$DEB"
if command -v fakeroot >/dev/null; then
    fakeroot dpkg-deb --build -Zxz "$PKG" "$DEB" >/dev/null
else
    dpkg-deb --root-owner-group --build -Zxz "$PKG" "$DEB" >/dev/null
fi

echo "== done in $(( $(date +%s) - START )) s"
du -sh "$DIST/$NAME" "$DEB" "$TARBALL"
