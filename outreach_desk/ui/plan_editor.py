"""Én plan: the citizen's wish, goals in their own words, efforts, and progress.

"Det er borgerens plan": the wish and the goals are written in the citizen's words.
Every save goes through the task runner; the editor then reloads the plan state and
tells the citizen screen (``changed``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import (
    LEGAL_BASES,
    Consent,
    Effort,
    EffortStatus,
    Goal,
    GoalStatus,
    LifeArea,
    Plan,
    ResponsibleParty,
    ValidationError,
)
from ..services import casework
from ..services.casework import PlanState
from ..services.tasks import TaskRunner
from . import labels
from .progress_chart import ProgressChart, short
from .widgets import (
    ErrorLabel,
    FieldErrors,
    OptionalDateEdit,
    fill_combo,
    fmt_date,
    guarded,
    heading,
    muted,
    select_data,
)

ID_ROLE = Qt.ItemDataRole.UserRole


def _error_list(exc: BaseException) -> list[Any]:
    return list(exc.errors) if isinstance(exc, ValidationError) else []


class _SaveDialog(QDialog):
    """A small editor dialog that saves through the runner and shows errors by field."""

    saved = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.general_error = ErrorLabel()
        self.errors = FieldErrors(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def build(self) -> object:
        raise NotImplementedError

    def save_fn(self, obj: Any) -> Any:
        raise NotImplementedError

    def save(self) -> None:
        self.errors.clear()
        self.buttons.setEnabled(False)
        obj = self.build()
        self._runner.run(
            lambda store: self.save_fn(store, obj),  # type: ignore[call-arg]
            guarded(self, self._done),
            guarded(self, self._failed),
        )

    def _done(self, obj: object) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(obj)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        errors = _error_list(exc)
        if errors:
            self.errors.show(errors)
        else:
            self.general_error.setText(
                QCoreApplication.translate("PlanEditor", "Could not save. Nothing was changed.")
            )
            self.general_error.show()


class GoalDialog(_SaveDialog):
    """Add or edit a goal: life area, the citizen's wording, status, target date."""

    def __init__(
        self, runner: TaskRunner, plan_id: str, goal: Goal | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self._plan_id = plan_id
        self._goal = goal
        self.setWindowTitle(self.tr("Edit goal") if goal else self.tr("New goal"))
        self.life_area = QComboBox()
        fill_combo(self.life_area, labels.options(LifeArea, labels.life_area))
        self.life_area.setAccessibleName(self.tr("Life area"))
        self.wording = QPlainTextEdit()
        self.wording.setTabChangesFocus(True)
        self.wording.setPlaceholderText(self.tr("Write it as the citizen says it"))
        self.wording.setAccessibleName(self.tr("The goal in the citizen's own words"))
        self.wording.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.status = QComboBox()
        fill_combo(self.status, labels.options(GoalStatus, labels.goal_status))
        self.status.setAccessibleName(self.tr("Status"))
        self.target = OptionalDateEdit()
        self.target.setAccessibleName(self.tr("Target date"))
        form = QFormLayout()
        form.addRow(self.tr("&Life area"), self.life_area)
        form.addRow(self.tr("&Goal, in the citizen's own words"), self.wording)
        form.addRow("", self.errors.bind("wording", ErrorLabel()))
        form.addRow(self.tr("&Status"), self.status)
        form.addRow(self.tr("&Target date"), self.target)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item and isinstance(item.widget(), QLabel):
                item.widget().setBuddy(form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())
        if goal:
            select_data(self.life_area, goal.life_area)
            self.wording.setPlainText(goal.wording)
            select_data(self.status, goal.status)
            self.target.set_value(goal.target_date)

    def build(self) -> Goal:
        values = {
            "life_area": self.life_area.currentData(),
            "wording": self.wording.toPlainText().strip(),
            "status": self.status.currentData(),
            "target_date": self.target.value(),
        }
        if self._goal is None:
            return Goal.new(self._plan_id, **values)  # type: ignore[arg-type]
        return replace(self._goal, **values)

    def save_fn(self, store: Any, goal: Goal) -> Goal:  # type: ignore[override]
        return casework.save_goal(store, goal)


class EffortDialog(_SaveDialog):
    """Add or edit an effort: what, who is responsible, legal basis, due date, status."""

    def __init__(
        self,
        runner: TaskRunner,
        plan_id: str,
        effort: Effort | None,
        goals: list[Goal],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._plan_id = plan_id
        self._effort = effort
        self.setWindowTitle(self.tr("Edit effort") if effort else self.tr("New effort"))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.description.setAccessibleName(self.tr("Description of the effort"))
        self.responsible = QComboBox()
        fill_combo(self.responsible, labels.options(ResponsibleParty, labels.responsible))
        select_data(self.responsible, ResponsibleParty.CASEWORKER)
        self.responsible.setAccessibleName(self.tr("Responsible"))
        self.legal_basis = QComboBox()
        self.legal_basis.setEditable(True)
        self.legal_basis.addItem("")
        self.legal_basis.addItems(list(LEGAL_BASES))
        self.legal_basis.setAccessibleName(self.tr("Legal basis"))
        self.goal = QComboBox()
        self.goal.addItem(self.tr("(the plan as a whole)"), None)
        for goal in goals:
            self.goal.addItem(f"{labels.life_area(goal.life_area)}: {short(goal.wording)}", goal.id)
        self.goal.setAccessibleName(self.tr("Goal the effort supports"))
        self.due = OptionalDateEdit()
        self.due.setAccessibleName(self.tr("Due date"))
        self.status = QComboBox()
        fill_combo(self.status, labels.options(EffortStatus, labels.effort_status))
        self.status.setAccessibleName(self.tr("Status"))
        form = QFormLayout()
        form.addRow(self.tr("&Effort"), self.description)
        form.addRow("", self.errors.bind("description", ErrorLabel()))
        form.addRow(self.tr("&Responsible"), self.responsible)
        form.addRow(self.tr("&Legal basis"), self.legal_basis)
        form.addRow("", self.errors.bind("legal_basis", ErrorLabel()))
        form.addRow(self.tr("Supports &goal"), self.goal)
        form.addRow(self.tr("&Due date"), self.due)
        form.addRow(self.tr("&Status"), self.status)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item and isinstance(item.widget(), QLabel) and item.widget().text():
                item.widget().setBuddy(form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
        if effort:
            self.description.setPlainText(effort.description)
            select_data(self.responsible, effort.responsible)
            self.legal_basis.setCurrentText(effort.legal_basis)
            select_data(self.goal, effort.goal_id)
            self.due.set_value(effort.due_date)
            select_data(self.status, effort.status)

    def build(self) -> Effort:
        values = {
            "description": self.description.toPlainText().strip(),
            "responsible": self.responsible.currentData(),
            "legal_basis": self.legal_basis.currentText().strip(),
            "goal_id": self.goal.currentData(),
            "due_date": self.due.value(),
            "status": self.status.currentData(),
        }
        if self._effort is None:
            return Effort.new(self._plan_id, **values)  # type: ignore[arg-type]
        return replace(self._effort, **values)

    def save_fn(self, store: Any, effort: Effort) -> Effort:  # type: ignore[override]
        return casework.save_effort(store, effort)


class PlanEditor(QWidget):
    """The citizen's one plan. ``show_citizen`` loads it; ``set_state`` shows loaded data."""

    changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._state: PlanState | None = None
        self._generation = 0
        self.goal_dialog: GoalDialog | None = None
        self.effort_dialog: EffortDialog | None = None

        # --- no plan yet -------------------------------------------------------------
        self._no_plan = QWidget()
        self._no_plan_text = muted(QLabel())
        self._no_plan_text.setWordWrap(True)
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self.create_plan)
        no_plan_layout = QVBoxLayout(self._no_plan)
        no_plan_layout.addWidget(self._no_plan_text)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addStretch(1)
        no_plan_layout.addLayout(row)
        no_plan_layout.addStretch(1)

        # --- the plan ------------------------------------------------------------------
        self.wish = QPlainTextEdit()
        self.wish.setTabChangesFocus(True)
        self.wish.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.plan_general_error = ErrorLabel()
        self._plan_errors = FieldErrors(self.plan_general_error)
        self.follow_up = OptionalDateEdit()
        self.consent = QComboBox()
        self.consent.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.save_plan_button = QPushButton()
        self.save_plan_button.clicked.connect(self.save_plan)
        self._wish_label, self._follow_label, self._consent_label = QLabel(), QLabel(), QLabel()
        self._wish_label.setBuddy(self.wish)
        self._follow_label.setBuddy(self.follow_up)
        self._consent_label.setBuddy(self.consent)
        self._plan_box = QGroupBox()
        plan_form = QFormLayout(self._plan_box)
        plan_form.addRow(self._wish_label, self.wish)
        plan_form.addRow("", self._plan_errors.bind("wish", ErrorLabel()))
        plan_form.addRow(self._follow_label, self.follow_up)
        plan_form.addRow(self._consent_label, self.consent)
        save_row = QHBoxLayout()
        save_row.addWidget(self.plan_general_error)
        save_row.addStretch(1)
        save_row.addWidget(self.save_plan_button)
        plan_form.addRow(save_row)

        self.goals = QTreeWidget()
        self.goals.setRootIsDecorated(False)
        self.goals.setAlternatingRowColors(True)
        self.goals.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.goals.setMinimumHeight(90)
        self.goals.setMaximumHeight(170)
        self.goals.itemActivated.connect(lambda *_: self.edit_goal())
        self.goals.currentItemChanged.connect(self._goal_selected)
        self.add_goal_button = QPushButton()
        self.add_goal_button.clicked.connect(self.add_goal)
        self.edit_goal_button = QPushButton()
        self.edit_goal_button.clicked.connect(self.edit_goal)

        self.rate_goal = QComboBox()
        self.score = QSpinBox()
        self.score.setRange(1, 10)
        self.score.setValue(5)
        self.need = QComboBox()
        self.rating_comment = QLineEdit()
        self.rate_button = QPushButton()
        self.rate_button.clicked.connect(self.save_rating)
        self.rating_error = ErrorLabel()
        self._rating_errors = FieldErrors(self.rating_error)
        self._rate_goal_label, self._score_label, self._need_label = QLabel(), QLabel(), QLabel()
        self._comment_label = QLabel()
        self._rate_goal_label.setBuddy(self.rate_goal)
        self._score_label.setBuddy(self.score)
        self._need_label.setBuddy(self.need)
        self._comment_label.setBuddy(self.rating_comment)

        self._goals_box = QGroupBox()
        goals_layout = QVBoxLayout(self._goals_box)
        goals_layout.addWidget(self.goals)
        goal_buttons = QHBoxLayout()
        goal_buttons.addWidget(self.add_goal_button)
        goal_buttons.addWidget(self.edit_goal_button)
        goal_buttons.addStretch(1)
        goals_layout.addLayout(goal_buttons)
        self._rating_box = QGroupBox()
        rating_form = QFormLayout(self._rating_box)
        rating_form.addRow(self._rate_goal_label, self.rate_goal)
        scale_row = QHBoxLayout()
        scale_row.addWidget(self.score)
        scale_row.addSpacing(16)
        scale_row.addWidget(self._need_label)
        scale_row.addWidget(self.need)
        scale_row.addStretch(1)
        rating_form.addRow(self._score_label, scale_row)
        rating_form.addRow(self._comment_label, self.rating_comment)
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.rating_error)
        rate_row.addStretch(1)
        rate_row.addWidget(self.rate_button)
        rating_form.addRow(rate_row)
        goals_layout.addWidget(self._rating_box)

        self.efforts = QTreeWidget()
        self.efforts.setRootIsDecorated(False)
        self.efforts.setAlternatingRowColors(True)
        self.efforts.setMinimumHeight(90)
        self.efforts.setMaximumHeight(170)
        self.efforts.itemActivated.connect(lambda *_: self.edit_effort())
        self.add_effort_button = QPushButton()
        self.add_effort_button.clicked.connect(self.add_effort)
        self.edit_effort_button = QPushButton()
        self.edit_effort_button.clicked.connect(self.edit_effort)
        self._efforts_box = QGroupBox()
        efforts_layout = QVBoxLayout(self._efforts_box)
        efforts_layout.addWidget(self.efforts)
        effort_buttons = QHBoxLayout()
        effort_buttons.addWidget(self.add_effort_button)
        effort_buttons.addWidget(self.edit_effort_button)
        effort_buttons.addStretch(1)
        efforts_layout.addLayout(effort_buttons)

        self.chart = ProgressChart()
        self._chart_box = QGroupBox()
        QVBoxLayout(self._chart_box).addWidget(self.chart)

        plan_page = QWidget()
        plan_layout = QVBoxLayout(plan_page)
        plan_layout.setSpacing(12)
        self._title = heading(scale=1.1)
        plan_layout.addWidget(self._title)
        for box in (self._plan_box, self._goals_box, self._efforts_box, self._chart_box):
            plan_layout.addWidget(box)
        plan_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(plan_page)
        self._plan_page = scroll

        self._stack = QStackedWidget()
        self._stack.addWidget(self._no_plan)
        self._stack.addWidget(self._plan_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

        QWidget.setTabOrder(self.wish, self.follow_up)
        QWidget.setTabOrder(self.follow_up, self.consent)
        QWidget.setTabOrder(self.consent, self.save_plan_button)
        QWidget.setTabOrder(self.save_plan_button, self.goals)
        QWidget.setTabOrder(self.goals, self.add_goal_button)
        QWidget.setTabOrder(self.add_goal_button, self.edit_goal_button)
        QWidget.setTabOrder(self.edit_goal_button, self.rate_goal)
        QWidget.setTabOrder(self.rate_goal, self.score)
        QWidget.setTabOrder(self.score, self.need)
        QWidget.setTabOrder(self.need, self.rating_comment)
        QWidget.setTabOrder(self.rating_comment, self.rate_button)
        QWidget.setTabOrder(self.rate_button, self.efforts)
        QWidget.setTabOrder(self.efforts, self.add_effort_button)
        QWidget.setTabOrder(self.add_effort_button, self.edit_effort_button)
        self.save_plan_button.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.retranslate()
        self.clear()

    # --- public -----------------------------------------------------------------------
    @property
    def state(self) -> PlanState | None:
        return self._state

    def show_citizen(self, citizen_id: str) -> None:
        self._generation += 1
        generation = self._generation
        self._runner.run(
            lambda store: casework.load_plan_state(store, citizen_id),
            guarded(self, lambda state: self._loaded(generation, state)),
            guarded(self, self._load_failed),
        )

    def set_state(self, state: PlanState) -> None:
        """Show a plan state loaded elsewhere (the citizen screen loads it with the rest)."""
        self._generation += 1
        self._show(state)

    def clear(self) -> None:
        """Drop everything shown (on lock or when no citizen is chosen)."""
        self._generation += 1
        self._state = None
        self.wish.clear()
        self.follow_up.set_value(None)
        self.consent.clear()
        self.goals.clear()
        self.efforts.clear()
        self.rate_goal.clear()
        self.rating_comment.clear()
        self.chart.clear()
        self._plan_errors.clear()
        self._rating_errors.clear()
        self._title.clear()
        for dialog in (self.goal_dialog, self.effort_dialog):
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.reject()
        self._stack.setCurrentWidget(self._no_plan)
        self.create_button.setEnabled(False)

    def create_plan(self) -> None:
        if self._state is None:
            return
        citizen_id = self._state.citizen_id
        self.create_button.setEnabled(False)
        self._runner.run(
            lambda store: casework.create_plan(store, citizen_id),
            guarded(self, lambda _: self._after_save()),
            guarded(self, self._plan_failed),
        )

    def save_plan(self) -> None:
        if self._state is None or self._state.plan is None:
            return
        plan = replace(
            self._state.plan,
            wish=self.wish.toPlainText().strip(),
            follow_up_date=self.follow_up.value(),
            consent_id=self.consent.currentData(),
        )
        self._plan_errors.clear()
        self.save_plan_button.setEnabled(False)
        self._runner.run(
            lambda store: casework.save_plan(store, plan),
            guarded(self, lambda _: self._after_save()),
            guarded(self, self._plan_failed),
        )

    def add_goal(self) -> None:
        if self._state and self._state.plan:
            self._open_goal_dialog(None)

    def edit_goal(self) -> None:
        goal = self._current_goal()
        if goal is not None:
            self._open_goal_dialog(goal)

    def add_effort(self) -> None:
        if self._state and self._state.plan:
            self._open_effort_dialog(None)

    def edit_effort(self) -> None:
        item = self.efforts.currentItem()
        if item is None or self._state is None:
            return
        effort = next((e for e in self._state.efforts if e.id == item.data(0, ID_ROLE)), None)
        if effort is not None:
            self._open_effort_dialog(effort)

    def save_rating(self) -> None:
        goal_id = self.rate_goal.currentData()
        if goal_id is None:
            return
        score, need = self.score.value(), self.need.currentData()
        comment = self.rating_comment.text().strip()
        self._rating_errors.clear()
        self.rate_button.setEnabled(False)

        def saved(_: object) -> None:
            self.rate_button.setEnabled(True)
            self.rating_comment.clear()
            self._after_save()

        def failed(exc: BaseException) -> None:
            self.rate_button.setEnabled(True)
            self._show_failure(exc, self._rating_errors, self.rating_error)

        self._runner.run(
            lambda store: casework.rate_progress(store, goal_id, score, need, comment),
            guarded(self, saved),
            guarded(self, failed),
        )

    # --- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        self._no_plan_text.setText(
            self.tr(
                "The citizen has no plan yet. A plan holds the citizen's wish and goals in "
                "their own words, and the efforts that support them."
            )
        )
        self.create_button.setText(self.tr("&Create plan"))
        self.create_button.setAccessibleName(self.tr("Create plan"))
        self._plan_box.setTitle(self.tr("The citizen's plan"))
        self._wish_label.setText(self.tr("&Wish, in the citizen's own words"))
        self.wish.setAccessibleName(self.tr("The citizen's wish, in their own words"))
        self.wish.setPlaceholderText(self.tr("What does the citizen want their life to be like?"))
        self._follow_label.setText(self.tr("Plan &follow-up"))
        self.follow_up.setAccessibleName(self.tr("Follow-up date for the plan"))
        self._consent_label.setText(self.tr("Co&nsent for coordination"))
        self.consent.setAccessibleName(self.tr("Consent for coordination"))
        self.save_plan_button.setText(self.tr("Save plan"))
        self.save_plan_button.setToolTip(self.tr("Save the wish, follow-up date and consent"))
        self.save_plan_button.setAccessibleName(self.tr("Save plan"))
        self._goals_box.setTitle(self.tr("Goals"))
        self.goals.setHeaderLabels(
            [
                self.tr("Life area"),
                self.tr("Goal, in the citizen's words"),
                self.tr("Status"),
                self.tr("Target date"),
                self.tr("Latest rating"),
            ]
        )
        self.goals.setAccessibleName(self.tr("Goals"))
        self.add_goal_button.setText(self.tr("Add &goal…"))
        self.add_goal_button.setAccessibleName(self.tr("Add goal"))
        self.edit_goal_button.setText(self.tr("Edit goal…"))
        self.edit_goal_button.setAccessibleName(self.tr("Edit the selected goal"))
        self._rating_box.setTitle(self.tr("Rate progress"))
        self._rate_goal_label.setText(self.tr("G&oal"))
        self.rate_goal.setAccessibleName(self.tr("Goal to rate"))
        self._score_label.setText(self.tr("Citizen's own &rating (1–10)"))
        self.score.setAccessibleName(self.tr("Citizen's own rating from 1 to 10"))
        self._need_label.setText(self.tr("Support &need"))
        self.need.setAccessibleName(self.tr("Support need from 0 to 4"))
        self._comment_label.setText(self.tr("Co&mment"))
        self.rating_comment.setAccessibleName(self.tr("Comment on the rating"))
        self.rate_button.setText(self.tr("Save ra&ting"))
        self.rate_button.setAccessibleName(self.tr("Save rating"))
        fill_combo(
            self.need,
            [(self.tr("Not assessed"), None)]
            + [(labels.support_need(level), level) for level in range(5)],
        )
        self._efforts_box.setTitle(self.tr("Efforts"))
        self.efforts.setHeaderLabels(
            [
                self.tr("Effort"),
                self.tr("Responsible"),
                self.tr("Legal basis"),
                self.tr("Due"),
                self.tr("Status"),
            ]
        )
        self.efforts.setAccessibleName(self.tr("Efforts"))
        self.add_effort_button.setText(self.tr("Add &effort…"))
        self.add_effort_button.setAccessibleName(self.tr("Add effort"))
        self.edit_effort_button.setText(self.tr("Edit effort…"))
        self.edit_effort_button.setAccessibleName(self.tr("Edit the selected effort"))
        self._chart_box.setTitle(self.tr("Progress"))
        if self._state is not None:
            self._show(self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- internals ----------------------------------------------------------------------
    def _loaded(self, generation: int, state: PlanState) -> None:
        if generation == self._generation:
            self._show(state)

    def _load_failed(self, exc: BaseException) -> None:
        self.plan_general_error.setText(self.tr("The plan could not be loaded."))
        self.plan_general_error.show()

    def _after_save(self) -> None:
        self.save_plan_button.setEnabled(True)
        self.wish.document().setModified(False)
        if self._state is not None:
            self.show_citizen(self._state.citizen_id)
        self.changed.emit()

    def _plan_failed(self, exc: BaseException) -> None:
        self.save_plan_button.setEnabled(True)
        self.create_button.setEnabled(True)
        self._show_failure(exc, self._plan_errors, self.plan_general_error)

    def _show_failure(self, exc: BaseException, errors: FieldErrors, general: ErrorLabel) -> None:
        found = _error_list(exc)
        if found:
            errors.show(found)
        else:
            general.setText(self.tr("Could not save. Nothing was changed."))
            general.show()

    def _show(self, state: PlanState) -> None:
        same_citizen = self._state is not None and self._state.citizen_id == state.citizen_id
        self._state = state
        self.create_button.setEnabled(True)
        if state.plan is None:
            self._stack.setCurrentWidget(self._no_plan)
            self.chart.clear()
            return
        self._stack.setCurrentWidget(self._plan_page)
        plan = state.plan
        self._title.setText(self.tr("Plan"))
        if not (same_citizen and self.wish.document().isModified()):
            self.wish.setPlainText(plan.wish)  # keeps what is being typed
            self.wish.document().setModified(False)
        self.follow_up.set_value(plan.follow_up_date)
        self._fill_consents(state.consents, plan)

        current_goal = self.rate_goal.currentData()
        self.goals.clear()
        self.rate_goal.clear()
        for goal in state.goals:
            rated = [r for r in state.ratings if r.goal_id == goal.id]
            latest = ""
            if rated:
                last = rated[-1]
                latest = self.tr("%1/10 on %2").replace("%1", str(last.citizen_score))
                latest = latest.replace("%2", fmt_date(last.rated_on))
                if last.support_need is not None:
                    latest += self.tr(", need %1").replace("%1", str(last.support_need))
            item = QTreeWidgetItem(
                [
                    labels.life_area(goal.life_area),
                    goal.wording,
                    labels.goal_status(goal.status),
                    fmt_date(goal.target_date),
                    latest,
                ]
            )
            item.setData(0, ID_ROLE, goal.id)
            item.setToolTip(1, goal.wording)
            self.goals.addTopLevelItem(item)
            self.rate_goal.addItem(
                f"{labels.life_area(goal.life_area)}: {short(goal.wording, 50)}", goal.id
            )
        select_data(self.rate_goal, current_goal)
        self._rating_box.setEnabled(bool(state.goals))
        self.edit_goal_button.setEnabled(bool(state.goals))
        header = self.goals.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.efforts.clear()
        for effort in state.efforts:
            item = QTreeWidgetItem(
                [
                    effort.description,
                    labels.responsible(effort.responsible),
                    effort.legal_basis,
                    fmt_date(effort.due_date),
                    labels.effort_status(effort.status),
                ]
            )
            item.setData(0, ID_ROLE, effort.id)
            item.setToolTip(0, effort.description)
            self.efforts.addTopLevelItem(item)
        self.edit_effort_button.setEnabled(bool(state.efforts))
        header = self.efforts.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.chart.set_data(state.goals, state.ratings)

    def _fill_consents(self, consents: list[Consent], plan: Plan) -> None:
        today = self._state.today if self._state else None
        items: list[tuple[str, object]] = [(self.tr("No consent chosen"), None)]
        for consent in consents:
            valid = today is not None and consent.is_valid_on(today)
            state = self.tr("valid") if valid else self.tr("not valid")
            text = self.tr("%1 (given %2, %3)").replace("%1", short(consent.scope, 40))
            items.append(
                (text.replace("%2", fmt_date(consent.given_on)).replace("%3", state), consent.id)
            )
        fill_combo(self.consent, items)
        select_data(self.consent, plan.consent_id)

    def _goal_selected(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None:
            select_data(self.rate_goal, current.data(0, ID_ROLE))

    def _current_goal(self) -> Goal | None:
        item = self.goals.currentItem()
        if item is None or self._state is None:
            return None
        return next((g for g in self._state.goals if g.id == item.data(0, ID_ROLE)), None)

    def _open_goal_dialog(self, goal: Goal | None) -> None:
        assert self._state is not None and self._state.plan is not None
        dialog = GoalDialog(self._runner, self._state.plan.id, goal, self)
        dialog.saved.connect(lambda _: self._after_save())
        dialog.finished.connect(dialog.deleteLater)
        self.goal_dialog = dialog
        dialog.open()

    def _open_effort_dialog(self, effort: Effort | None) -> None:
        assert self._state is not None and self._state.plan is not None
        dialog = EffortDialog(self._runner, self._state.plan.id, effort, self._state.goals, self)
        dialog.saved.connect(lambda _: self._after_save())
        dialog.finished.connect(dialog.deleteLater)
        self.effort_dialog = dialog
        dialog.open()
