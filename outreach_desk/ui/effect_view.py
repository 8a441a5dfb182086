"""Effekt: does what we do work? Progress across the team's caseload, as charts and tables.

Left: the citizens' own ratings per life area, month by month (1–10). Right: housing
situation at the start and at the end of the period (Housing First). Below: a table per
life area (first and last average rating, goals improved, achieved) and the moves between
housing situations. Filter by period and place; the area table exports as CSV.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import HousingSituation
from ..services.effect import Effect, EffectFilter, load_effect
from ..services.tasks import TaskRunner
from . import labels
from .progress_chart import PALETTE
from .widgets import ErrorLabel, OptionalDateEdit, fill_combo, guarded, heading, muted

HOUSING_ORDER = (
    HousingSituation.STREET_HOMELESS,
    HousingSituation.NIGHT_SHELTER,
    HousingSituation.SHELTER,
    HousingSituation.COUCH_SURFING,
    HousingSituation.TEMPORARY_HOUSING,
    HousingSituation.ALTERNATIVE_HOUSING,
    HousingSituation.OWN_HOME,
    HousingSituation.UNKNOWN,
)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


class EffectView(QWidget):
    loaded = Signal()
    export_requested = Signal(list, list, list, str)  # header, rows, citizen ids, what

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._generation = 0
        self._effect: Effect | None = None
        self._places_loaded = False

        self.title = heading()
        self.summary = muted(QLabel())
        self.loading = muted(QLabel())
        self.date_from = OptionalDateEdit()
        self.date_to = OptionalDateEdit()
        self.place_filter = QComboBox()
        self.place_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.captions = [QLabel(), QLabel(), QLabel()]
        for caption, field in zip(
            self.captions, (self.date_from, self.date_to, self.place_filter), strict=True
        ):
            caption.setBuddy(field)
        self.date_from.editingFinished.connect(self.refresh)
        self.date_to.editingFinished.connect(self.refresh)
        self.place_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._export)
        self.error = ErrorLabel()

        self.scores_chart = QChart()
        self.housing_chart = QChart()
        views = []
        for chart in (self.scores_chart, self.housing_chart):
            chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
            chart.setMargins(QMargins(4, 4, 4, 4))
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            view = QChartView(chart)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(280)
            view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            views.append(view)
        self.scores_view, self.housing_view = views

        self.areas = QTreeWidget()
        self.areas.setRootIsDecorated(False)
        self.areas.setAlternatingRowColors(True)
        self.moves = QTreeWidget()
        self.moves.setRootIsDecorated(False)
        self.moves.setAlternatingRowColors(True)

        filters = QHBoxLayout()
        for caption, field in zip(
            self.captions, (self.date_from, self.date_to, self.place_filter), strict=True
        ):
            filters.addWidget(caption)
            filters.addWidget(field)
        filters.addStretch(1)
        filters.addWidget(self.loading)
        filters.addWidget(self.export_button)
        filters.addWidget(self.refresh_button)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.scores_view)
        charts.addWidget(self.housing_view)
        charts.setStretchFactor(0, 3)
        charts.setStretchFactor(1, 2)
        tables = QSplitter(Qt.Orientation.Horizontal)
        tables.addWidget(self.areas)
        tables.addWidget(self.moves)
        tables.setStretchFactor(0, 3)
        tables.setStretchFactor(1, 2)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(charts)
        body.addWidget(tables)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([520, 260])
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.summary)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(body, 1)
        layout.addWidget(self.error)
        self.retranslate()

    @property
    def effect(self) -> Effect | None:
        return self._effect

    def set_period(self, start: date, end: date) -> None:
        self.date_from.set_value(start)
        self.date_to.set_value(end)

    def set_places(self, places: list[tuple[str, str]]) -> None:
        self.place_filter.blockSignals(True)
        fill_combo(self.place_filter, [(self.tr("All places"), None), *((n, i) for i, n in places)])
        self.place_filter.blockSignals(False)
        self._places_loaded = True

    def refresh(self) -> None:
        if not self._places_loaded:
            self._runner.run(
                lambda store: [(p.id, p.name) for p in store.places.all()],
                guarded(self, self.set_places),
                guarded(self, lambda _exc: None),
            )
        self._generation += 1
        generation = self._generation
        place = self.place_filter.currentData() or None
        start, end = self.date_from.value(), self.date_to.value()
        self.loading.setText(self.tr("Loading…"))

        def read(store):  # type: ignore[no-untyped-def]
            today = store.session.clock().date()
            flt = EffectFilter.last_months(today, 12, place)
            if start or end:
                flt = EffectFilter(start or flt.date_from, end or today, place)
            return load_effect(store, flt)

        self._runner.run(
            read,
            guarded(self, lambda effect: self._loaded(generation, effect)),
            guarded(self, lambda _exc: self._failed(generation)),
        )

    def clear(self) -> None:
        self._generation += 1
        self._effect = None
        self.clear_charts()
        self.areas.clear()
        self.moves.clear()
        self.summary.clear()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Effect"))
        for caption, text in zip(
            self.captions, (self.tr("&From"), self.tr("&To"), self.tr("&Place")), strict=True
        ):
            caption.setText(text)
        self.refresh_button.setText(self.tr("Refresh"))
        self.export_button.setText(self.tr("Export table (CSV)…"))
        self.scores_chart.setTitle(self.tr("The citizens' own rating per life area (1–10)"))
        self.housing_chart.setTitle(self.tr("Housing situation: start and end of the period"))
        self.scores_view.setAccessibleName(self.scores_chart.title())
        self.housing_view.setAccessibleName(self.housing_chart.title())
        self.areas.setHeaderLabels(self._area_header())
        self.moves.setHeaderLabels([self.tr("From"), self.tr("To"), self.tr("Citizens")])
        self.areas.setAccessibleName(self.tr("Progress per life area"))
        self.moves.setAccessibleName(self.tr("Moves between housing situations"))
        if self._effect is not None:
            self._show(self._effect)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _area_header(self) -> list[str]:
        return [
            self.tr("Life area"),
            self.tr("Citizens"),
            self.tr("Ratings"),
            self.tr("First rating (avg.)"),
            self.tr("Latest rating (avg.)"),
            self.tr("Improved"),
            self.tr("Worse"),
            self.tr("Goals"),
            self.tr("Achieved"),
        ]

    def area_rows(self) -> list[list[object]]:
        if self._effect is None:
            return []
        return [
            [
                labels.life_area(a.life_area),
                a.citizens,
                a.ratings,
                _number(a.first_average),
                _number(a.last_average),
                a.improved,
                a.worsened,
                a.goals,
                a.achieved,
            ]
            for a in self._effect.areas
        ]

    def _loaded(self, generation: int, effect: Effect) -> None:
        if generation != self._generation:
            return
        self.loading.clear()
        self._effect = effect
        if self.date_from.value() is None:
            self.set_period(effect.filter.date_from, effect.filter.date_to)
        self._show(effect)
        self.loaded.emit()

    def _failed(self, generation: int) -> None:
        if generation == self._generation:
            self.loading.clear()
            self.error.setText(self.tr("The effect figures could not be loaded."))
            self.error.show()

    def _show(self, effect: Effect) -> None:
        self.clear_charts()
        achieved = sum(a.achieved for a in effect.areas)
        goals = sum(a.goals for a in effect.areas)
        self.summary.setText(
            self.tr("%1 citizens · %2 of %3 goals achieved · %4 moved into a home")
            .replace("%1", f"{effect.citizens:,}".replace(",", "."))
            .replace("%2", str(achieved))
            .replace("%3", str(goals))
            .replace("%4", str(effect.into_housing))
        )
        # scores per life area over the months
        months = effect.months
        x_axis = QBarCategoryAxis()
        x_axis.append([f"{m[5:]}/{m[2:4]}" for m in months])
        y_axis = QValueAxis()
        y_axis.setRange(1, 10)
        y_axis.setTickCount(10)
        y_axis.setLabelFormat("%.0f")
        self.scores_chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.scores_chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for number, (area, values) in enumerate(effect.monthly_scores.items()):
            series = QLineSeries()
            series.setName(labels.life_area(area))
            pen = QPen(QColor(PALETTE[number % len(PALETTE)]))
            pen.setWidthF(2.2)
            series.setPen(pen)
            series.setPointsVisible(True)
            for i, value in enumerate(values):
                if value is not None:
                    series.append(QPointF(i, value))
            self.scores_chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        # housing at the start and the end
        present = [
            h for h in HOUSING_ORDER if effect.housing_start.get(h) or effect.housing_end.get(h)
        ]
        start_set, end_set = QBarSet(self.tr("Start")), QBarSet(self.tr("End"))
        start_set.setColor(QColor("#9bb7d4"))
        end_set.setColor(QColor("#1f3f66"))
        for h in present:
            start_set.append(effect.housing_start.get(h, 0))
            end_set.append(effect.housing_end.get(h, 0))
        bars = QHorizontalBarSeries()
        bars.append(start_set)
        bars.append(end_set)
        self.housing_chart.addSeries(bars)
        categories = QBarCategoryAxis()
        categories.append([labels.housing(h) for h in present])
        counts = QValueAxis()
        counts.setLabelFormat("%.0f")
        top = max([*effect.housing_start.values(), *effect.housing_end.values(), 1])
        counts.setRange(0, top)
        counts.setTickCount(top + 1 if top <= 8 else 5)
        self.housing_chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        self.housing_chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(categories)
        bars.attachAxis(counts)
        # tables
        self.areas.clear()
        for row in self.area_rows():
            item = QTreeWidgetItem([str(v) for v in row])
            for column in range(1, len(row)):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self.areas.addTopLevelItem(item)
        self.areas.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.moves.clear()
        for a, b, n in effect.housing_moves:
            item = QTreeWidgetItem([labels.housing(a), labels.housing(b), str(n)])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            self.moves.addTopLevelItem(item)
        self.moves.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def clear_charts(self) -> None:
        self.scores_chart.removeAllSeries()
        self.housing_chart.removeAllSeries()
        for chart in (self.scores_chart, self.housing_chart):
            for axis in chart.axes():
                chart.removeAxis(axis)

    def _export(self) -> None:
        self.export_requested.emit(self._area_header(), self.area_rows(), [], "effect-life-areas")
