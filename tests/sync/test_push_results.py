"""The stored answer of a pushed op (``applied_ops.result``) is the answer's JSON, whichever
way it is written out."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sync.protocol import OpResult
from sync.protocol.client import result_wire
from sync.protocol.wirejson import dumps_text, loads
from sync.server.push import result_text

_ids = st.one_of(st.uuids().map(str), st.text(max_size=40))
_texts = st.none() | st.text(max_size=30)


@st.composite
def op_results(draw: st.DrawFn) -> OpResult:
    status = draw(st.sampled_from(["applied", "conflict", "rejected"]))
    conflict_ids = draw(st.lists(st.uuids().map(str), max_size=3))
    return OpResult(
        draw(_ids),
        status,
        draw(st.none() | st.integers(min_value=0, max_value=2**63 - 1)),
        draw(st.none() | st.uuids().map(str)),
        conflict_ids,
        draw(_texts),
        draw(_texts),
    )


@given(op_results())
def test_the_stored_answer_is_the_answers_json_byte_for_byte(result: OpResult) -> None:
    assert result_text(result) == dumps_text(result_wire(result))


@given(st.none() | st.integers(min_value=0, max_value=2**63 - 1))
def test_a_plain_applied_answer_reads_back_as_sent(seq: int | None) -> None:
    op_id = str(uuid.uuid4())
    result = OpResult(op_id, "applied", seq)
    written = result_text(result)
    expected: dict[str, Any] = result_wire(result)
    assert loads(written) == expected
    assert written == dumps_text(expected)
