"""Work done in forked or spawned processes comes back as if done here, errors included."""

from __future__ import annotations

import gc
import os
import sys

import pytest

from generator import workers
from generator.problems import Problem, ProblemsError
from generator.workers import START_METHOD, forked_map, in_child, start_method


def test_a_child_returns_its_result_and_leaves_this_process_alone():
    seen = []

    def work(a, b):
        seen.append("child")         # the child's own copy of the list
        return os.getpid(), a + b

    pid, total = in_child(work, 2, 3)
    assert total == 5 and pid != os.getpid()
    assert seen == []


def test_a_childs_exception_is_raised_here_with_its_problems():
    def fail():
        raise ProblemsError([Problem("data/fees/a.yaml", 3, "title", "标题不能为空", "请填写标题")])

    with pytest.raises(ProblemsError) as raised:
        in_child(fail)
    assert raised.value.problems[0].line == 3


def test_an_unpicklable_result_and_a_dead_child_are_errors_not_hangs():
    with pytest.raises(RuntimeError, match="lambda|pickle"):
        in_child(lambda: (lambda: None))
    with pytest.raises(RuntimeError, match="退出码 7"):
        in_child(os._exit, 7)


def test_a_child_may_use_workers_of_its_own():
    assert in_child(forked_map, abs, [-n for n in range(600)]) == list(range(600))


def _collecting(_: int) -> bool:
    return gc.isenabled()


def test_a_stage_child_does_not_collect_and_its_workers_do():
    def stage() -> tuple[bool, set[bool]]:
        return gc.isenabled(), set(forked_map(_collecting, list(range(600))))

    assert in_child(stage) == (False, {True})
    assert gc.isenabled()


# Without fork (Windows, macOS; forced here): spawned workers get the work pickled,
# and work that cannot be pickled is done in this process.

def _pid_and_double(n: int) -> tuple[int, int]:
    return os.getpid(), 2 * n


def _fail_on_line_3():
    raise ProblemsError([Problem("data/fees/a.yaml", 3, "title", "标题不能为空", "请填写标题")])


@pytest.fixture
def spawn(monkeypatch):
    monkeypatch.setenv(START_METHOD, "spawn")
    monkeypatch.setattr(workers, "SPAWN_AT", 0)     # as for a large site's stages


def test_spawned_workers_return_results_in_order(spawn):
    outcome = forked_map(_pid_and_double, range(600), processes=2, chunksize=50)
    assert [double for _, double in outcome] == [2 * n for n in range(600)]
    assert os.getpid() not in {pid for pid, _ in outcome}


def test_a_spawned_child_returns_results_and_raises_errors_here(spawn):
    assert in_child(os.getpid) != os.getpid()
    with pytest.raises(ProblemsError) as raised:
        in_child(_fail_on_line_3)
    assert raised.value.problems[0].line == 3
    assert in_child(forked_map, abs, [-n for n in range(600)]) == list(range(600))


def _pid_and_call(item) -> tuple[int, int]:
    return os.getpid(), item()


def test_work_that_cannot_be_pickled_is_done_here(spawn):
    assert in_child(lambda: os.getpid()) == os.getpid()
    assert {pid for pid in forked_map(lambda _: os.getpid(), range(600))} == {os.getpid()}
    # A picklable function over items that are not (rendering's pages hold lambdas).
    items = [int] * 599 + [lambda: 7]
    assert {pid for pid, _ in forked_map(_pid_and_call, items)} == {os.getpid()}


def test_small_work_is_not_worth_a_new_interpreter(monkeypatch):
    monkeypatch.setenv(START_METHOD, "spawn")
    assert in_child(os.getpid) == os.getpid()


def test_start_method_follows_the_platform_and_the_environment(monkeypatch):
    monkeypatch.delenv(START_METHOD, raising=False)
    assert start_method() == "fork"                      # Linux
    monkeypatch.setattr(sys, "platform", "darwin")
    assert start_method() == "spawn"
    monkeypatch.setenv(START_METHOD, "fork")
    assert start_method() == "fork"
    monkeypatch.setenv(START_METHOD, "thread")
    with pytest.raises(SystemExit, match="GONGKAI_START_METHOD 只能是 fork 或 spawn"):
        start_method()
