#!/usr/bin/env bash
# Build "Outreach Desk.app" and a .dmg on macOS (run on the Mac that matches the target CPU;
# for both Intel and Apple silicon build twice, or use a universal2 Python and PySide6).
#
#   packaging/macos/build.sh
#
# Output: dist/Outreach Desk.app, dist/OutreachDesk-<version>-macos-<arch>.dmg
# Signing/notarisation (needed for distribution outside MDM): set SIGN_IDENTITY to a
# "Developer ID Application: …" identity and NOTARY_PROFILE to a notarytool keychain
# profile; without them the app is ad-hoc signed (fine for MDM-pushed or test installs).
# The Info.plist values are in packaging/outreach-desk.spec (BUNDLE).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
[ -x "$PY" ] || python3.11 -m venv .venv
"$PY" -m pip install --quiet --upgrade pip
"$PY" -m pip install --quiet -e '.[dev]' 'pyinstaller>=6.10'
VERSION="$("$PY" -c 'import outreach_desk; print(outreach_desk.__version__)')"
ARCH="$(uname -m)"
APP="dist/Outreach Desk.app"

"$PY" resources/translations/update.py --release
"$PY" packaging/render_icons.py build/icons
rm -rf "$APP" dist/outreach-desk build/pyinstaller
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/outreach-desk.spec

# the smoke test, from inside the bundle (a real window if a session is logged in)
OUTREACH_DESK_POLICY="$ROOT/build/no-policy.json" "$APP/Contents/MacOS/outreach-desk" --smoke-test

if [ -n "${SIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$SIGN_IDENTITY" "$APP"
else
    codesign --force --deep --sign - "$APP"
fi
DMG="dist/OutreachDesk-$VERSION-macos-$ARCH.dmg"
rm -f "$DMG"
hdiutil create -volname "Outreach Desk" -srcfolder "$APP" -ov -format UDZO "$DMG"
if [ -n "${SIGN_IDENTITY:-}" ] && [ -n "${NOTARY_PROFILE:-}" ]; then
    codesign --sign "$SIGN_IDENTITY" --timestamp "$DMG"
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
fi
echo "done: $DMG"
