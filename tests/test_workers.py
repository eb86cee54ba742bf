"""Work done in forked processes comes back as if done here, errors included."""

from __future__ import annotations

import os

import pytest

from generator.problems import Problem, ProblemsError
from generator.workers import forked_map, in_child


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

