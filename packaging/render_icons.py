"""Render the SVG app icon to the raster files installers want (PNG sizes, .ico, .icns).

    python packaging/render_icons.py [OUT_DIR]        # default: build/icons

Uses Qt's own SVG renderer, so no extra tools are needed on any build machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "outreach-desk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "icons"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot render {SVG}", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    images: dict[int, QImage] = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        images[size] = image
        image.save(str(out / f"outreach-desk-{size}.png"))
    ok = images[256].save(str(out / "outreach-desk.ico"))
    ok = images[512].save(str(out / "outreach-desk.icns")) and ok
    del app
    print(f"icons in {out}" + ("" if ok else " (.ico/.icns writer missing)"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
