"""The garbage collector while a sync runs: old objects frozen, young ones collected seldom,
and everything as it was afterwards, whatever the order overlapping syncs end in."""

from __future__ import annotations

import gc
import weakref

from outreach_desk.services.sync_service import SYNC_GC_THRESHOLD, fewer_collections


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_a_sync_freezes_old_objects_and_collects_young_ones_seldom() -> None:
    default = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (SYNC_GC_THRESHOLD, *default[1:])
        assert gc.get_freeze_count() > 0
        a, b = _Node(), _Node()
        a.other, b.other = b, a  # a cycle made during the sync is still collected
        gone = weakref.ref(a)
        del a, b
        gc.collect()
        assert gone() is None
    assert gc.get_threshold() == default
    assert gc.get_freeze_count() == 0


def test_overlapping_syncs_leave_the_default_threshold_in_either_order() -> None:
    default = gc.get_threshold()
    first, second = fewer_collections(), fewer_collections()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first ends while the second still runs
    second.__exit__(None, None, None)
    assert gc.get_threshold() == default
    with fewer_collections():
        with fewer_collections():
            pass
        assert gc.get_threshold()[0] == SYNC_GC_THRESHOLD  # the outer one still runs
    assert gc.get_threshold() == default
