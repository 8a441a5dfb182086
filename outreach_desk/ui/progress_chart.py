"""Progress over time (progressionsmåling): the citizen's own rating and the support need.

One colour per goal: a solid line for the citizen's rating (1–10, left axis) and a
dashed line in the same colour for the caseworker's support-need assessment (0–4,
right axis). The legend names the goals; the note under the chart explains the lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDate, QDateTime, QEvent, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from ..domain import Goal, ProgressRating
from . import labels
from .widgets import fmt_date, muted

PALETTE = ("#1f77b4", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d")
LEGEND_CHARS = 34


def short(text: str, limit: int = LEGEND_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _msecs(day: date) -> float:
    return float(QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0)).toMSecsSinceEpoch())


class ProgressChart(QWidget):
    """Line chart of the ratings per goal; an empty-state text when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._goals: list[Goal] = []
        self._ratings: list[ProgressRating] = []
        self._score_series: dict[str, QLineSeries] = {}
        self._need_series: dict[str, QLineSeries] = {}

        self._chart = QChart()
        self._chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self._chart.setMargins(QMargins(4, 4, 4, 4))
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self._view = QChartView(self._chart)
        self._view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._view.setMinimumHeight(260)
        self._view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so screen readers reach it

        self._empty = muted(QLabel())
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._key = muted(QLabel())
        self._key.setWordWrap(True)

        self._stack = QStackedWidget()
        self._stack.addWidget(self._empty)
        self._stack.addWidget(self._view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self._key)
        self.retranslate()
        self._rebuild()

    # --- public -------------------------------------------------------------------------
    def set_data(self, goals: Sequence[Goal], ratings: Sequence[ProgressRating]) -> None:
        self._goals = list(goals)
        self._ratings = sorted(ratings, key=lambda r: r.rated_on)
        self._rebuild()

    def clear(self) -> None:
        self.set_data([], [])

    def score_series(self, goal_id: str) -> QLineSeries | None:
        """The citizen's-rating line of a goal (for tests and summaries)."""
        return self._score_series.get(goal_id)

    def need_series(self, goal_id: str) -> QLineSeries | None:
        return self._need_series.get(goal_id)

    @property
    def chart(self) -> QChart:
        return self._chart

    @property
    def is_empty(self) -> bool:
        return not self._score_series

    def summary(self) -> str:
        """The latest values in words, for screen readers."""
        if self.is_empty:
            return self.tr("No progress ratings yet.")
        parts = []
        for goal in self._goals:
            rated = [r for r in self._ratings if r.goal_id == goal.id]
            if not rated:
                continue
            last = rated[-1]
            text = self.tr("%1: own rating %2 of 10 on %3").replace("%1", short(goal.wording))
            text = text.replace("%2", str(last.citizen_score)).replace(
                "%3", fmt_date(last.rated_on)
            )
            if last.support_need is not None:
                text += self.tr(", support need %1").replace(
                    "%1", labels.support_need(last.support_need)
                )
            parts.append(text)
        return "; ".join(parts) + "."

    # --- language -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._empty.setText(
            self.tr(
                "No progress ratings yet. Rate progress on a goal in the plan to see "
                "how things develop over time."
            )
        )
        self._key.setText(
            self.tr(
                "Solid line: the citizen's own rating (1–10, left axis). Dashed line: "
                "support need assessed by the caseworker (0 none – 4 complete, right axis)."
            )
        )
        self.setAccessibleName(self.tr("Progress chart"))
        if self._goals:
            self._rebuild()
        else:
            self.setAccessibleDescription(self.summary())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- drawing ----------------------------------------------------------------------------
    def _rebuild(self) -> None:
        chart = self._chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self._score_series.clear()
        self._need_series.clear()

        rated_goals = [g for g in self._goals if any(r.goal_id == g.id for r in self._ratings)]
        self._key.setVisible(bool(rated_goals))
        if not rated_goals:
            self._stack.setCurrentWidget(self._empty)
            self.setAccessibleDescription(self.summary())
            return

        x_axis = QDateTimeAxis()
        x_axis.setFormat("dd-MM-yyyy")
        x_axis.setTitleText(self.tr("Date"))
        score_axis = QValueAxis()
        score_axis.setRange(0, 10)
        score_axis.setTickCount(6)
        score_axis.setLabelFormat("%d")
        score_axis.setTitleText(self.tr("Own rating"))
        need_axis = QValueAxis()
        need_axis.setRange(0, 4)
        need_axis.setTickCount(5)
        need_axis.setLabelFormat("%d")
        need_axis.setTitleText(self.tr("Support need"))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(score_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(need_axis, Qt.AlignmentFlag.AlignRight)

        days = [r.rated_on for r in self._ratings]
        first, last = min(days), max(days)
        if first == last:
            first, last = first - timedelta(days=7), last + timedelta(days=7)
        x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(_msecs(first))),
            QDateTime.fromMSecsSinceEpoch(int(_msecs(last))),
        )
        x_axis.setTickCount(min(6, max(2, len(set(days)) + 1)))

        for index, goal in enumerate(rated_goals):
            colour = QColor(PALETTE[index % len(PALETTE)])
            rated = [r for r in self._ratings if r.goal_id == goal.id]
            score = QLineSeries()
            score.setName(f"{labels.life_area(goal.life_area)}: {short(goal.wording)}")
            score.setPen(QPen(colour, 2.5))
            score.setPointsVisible(True)
            for rating in rated:
                score.append(QPointF(_msecs(rating.rated_on), rating.citizen_score))
            chart.addSeries(score)
            score.attachAxis(x_axis)
            score.attachAxis(score_axis)
            self._score_series[goal.id] = score

            needs = [r for r in rated if r.support_need is not None]
            if needs:
                need = QLineSeries()
                need.setName(self.tr("%1 (support need)").replace("%1", short(goal.wording, 20)))
                pen = QPen(colour, 1.5)
                pen.setStyle(Qt.PenStyle.DashLine)
                need.setPen(pen)
                need.setPointsVisible(True)
                for rating in needs:
                    need.append(QPointF(_msecs(rating.rated_on), float(rating.support_need or 0)))
                chart.addSeries(need)
                need.attachAxis(x_axis)
                need.attachAxis(need_axis)
                self._need_series[goal.id] = need
                for marker in chart.legend().markers(need):
                    marker.setVisible(False)  # the key under the chart explains dashed lines
        self._stack.setCurrentWidget(self._view)
        summary = self.summary()
        self.setAccessibleDescription(summary)
        self._view.setAccessibleName(self.tr("Progress chart"))
        self._view.setAccessibleDescription(summary)
        self._view.setToolTip(summary)
