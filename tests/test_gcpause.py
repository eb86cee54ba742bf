"""generator/gcpause.py: collection held off in overlapping blocks, back after the last."""

from __future__ import annotations

import gc
import threading

from generator.gcpause import collection_paused


def test_collection_comes_back_after_the_last_of_overlapping_blocks():
    assert gc.isenabled()
    first_in, second_out = threading.Event(), threading.Event()

    def other() -> None:
        with collection_paused():
            first_in.set()
            second_out.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    assert first_in.wait(10)
    with collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()     # the other thread's block goes on
    second_out.set()
    thread.join(10)
    assert gc.isenabled()


def test_collection_stays_off_if_it_was_off():
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
