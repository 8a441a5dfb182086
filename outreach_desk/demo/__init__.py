"""Deterministic demo caseloads: ``generate`` fills a store, ``describe`` summarises one."""

from .describe import describe
from .generator import DemoSummary, SimulatedClock, fictitious_cpr, generate

__all__ = ["DemoSummary", "SimulatedClock", "describe", "fictitious_cpr", "generate"]
