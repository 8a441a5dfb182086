"""Language switching without restart: the app's .qm plus Qt's own qtbase_<lang>.qm.

Installing a translator sends every widget a LanguageChange event; widgets re-set
their texts in ``retranslate()``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

APP_CATALOG = "outreach_desk"


class Translations:
    def __init__(self, app: QCoreApplication, folder: Path) -> None:
        self._app = app
        self._folder = folder
        self._installed: list[QTranslator] = []
        self.language = "en"

    def switch(self, language: str) -> bool:
        """Install ``language``'s catalogs. Returns False if one is missing."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        QLocale.setDefault(
            QLocale(
                QLocale.Language.Danish if language == "da" else QLocale.Language.English,
                QLocale.Country.Denmark,
            )
        )
        ok = True
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        catalogs = [(f"{APP_CATALOG}_{language}", str(self._folder))]
        if language != "en":  # English needs only the app's plural forms
            catalogs.insert(0, (f"qtbase_{language}", qt_folder))
        for name, folder in catalogs:
            translator = QTranslator(self._app)
            if translator.load(name, folder):
                self._app.installTranslator(translator)
                self._installed.append(translator)
            else:
                ok = False
        return ok
