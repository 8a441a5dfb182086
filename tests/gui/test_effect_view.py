"""Effekt: ratings per life area over time, goals achieved, housing moves."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from outreach_desk.domain import HousingSituation, LifeArea
from outreach_desk.services.effect import EffectFilter, load_effect
from outreach_desk.services.tasks import TaskRunner
from outreach_desk.ui.effect_view import EffectView
from tests.gui.conftest import wait_for
from tests.gui.review_seed import seed_team


def test_effect_figures(qtbot: QtBot, open_runner: TaskRunner) -> None:
    seeded = wait_for(qtbot, open_runner, seed_team)
    effect = wait_for(
        qtbot,
        open_runner,
        lambda s: load_effect(s, EffectFilter.last_months(s.session.clock().date(), 12)),
    )
    assert effect.citizens == 4
    housing = {a.life_area: a for a in effect.areas}[LifeArea.HOUSING]
    assert housing.ratings == 24 and housing.citizens == 4
    assert housing.last_average is not None and housing.first_average is not None
    assert housing.last_average > housing.first_average and housing.improved == 4
    assert sum(a.achieved for a in effect.areas) == 3
    # Jens moved from the street to alternative housing (skæv bolig) after he was created
    assert effect.housing_moves == [
        (HousingSituation.STREET_HOMELESS, HousingSituation.ALTERNATIVE_HOUSING, 1)
    ]
    assert effect.into_housing == 1
    only_place = wait_for(
        qtbot,
        open_runner,
        lambda s: load_effect(
            s, EffectFilter(date(2025, 11, 24), date(2026, 11, 24), seeded.place_ids[2])
        ),
    )
    assert only_place.citizens == 2  # usually met there (Per) or met there in the period (Mona)


def test_effect_view_draws_charts_and_tables(qtbot: QtBot, open_runner: TaskRunner) -> None:
    wait_for(qtbot, open_runner, seed_team)
    view = EffectView(open_runner)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    assert len(view.scores_chart.series()) == 3  # housing, health, addiction
    assert view.areas.topLevelItemCount() == 3
    assert view.moves.topLevelItem(0).text(2) == "1"
    assert "moved into a home" in view.summary.text()
    assert view.date_from.value() is not None  # the default period is shown
    view.clear()
    assert view.scores_chart.series() == []
