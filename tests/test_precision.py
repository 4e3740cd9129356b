"""Precision mechanisms whose effect is not a finding's presence (issue 15): the level of a finding
and the knowledge it quotes. Presence and absence are in the fixtures."""
from __future__ import annotations

from fixture_harness import FIXTURES
from kmemlint import pipeline
from kmemlint.model import Severity


def _run(path, rule):
    return pipeline.run(pipeline.Options(paths=[str(path)], select=(rule,)), warn=lambda m: None).findings


def test_stack_buffer_levels_follow_the_sink() -> None:
    """A transmit-only SPI buffer on the stack is a warning, a receive buffer an error, USB an error."""
    spi = {f.loc.line: f for f in _run(FIXTURES / "dma-on-stack" / "spi_stack.c", "dma-on-stack")}
    tx = [f for f in spi.values() if "transmit buffer" in f.message]
    rx = [f for f in spi.values() if "receive buffer" in f.message]
    assert tx and all(f.level == Severity.WARNING for f in tx)
    assert rx and all(f.level == Severity.ERROR for f in rx)
    assert not any("the stack is not DMA-able" in f.message for f in spi.values())
    usb = _run(FIXTURES / "dma-on-stack" / "usb_stack.c", "dma-on-stack")
    assert usb and all(f.level == Severity.ERROR and "transfer buffer is on stack" in f.message for f in usb)
