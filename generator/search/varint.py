"""LEB128 unsigned varints: 7 bits a byte, high bit set on all but the last.

Encoding is vectorised with numpy because a site of 10,000 pages has some ten
million positions to write; decoding happens only for a query's few postings.
"""

from __future__ import annotations

import numpy as np


def encode(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Encode non-negative integers below 2**32; returns the bytes and each value's size."""
    values = values.astype(np.uint32, copy=False)
    top = int(values.max()) if len(values) else 0
    width = max(1, (top.bit_length() + 6) // 7)
    sizes = np.ones(len(values), dtype=np.int64)
    for index in range(1, width):
        sizes += values >= (1 << (7 * index))
    ends = np.cumsum(sizes)
    starts = ends - sizes
    out = np.empty(int(ends[-1]) if len(values) else 0, dtype=np.uint8)
    out[starts] = (values & 0x7F) | ((sizes > 1).astype(np.uint32) << 7)
    for index in range(1, width):
        which = np.flatnonzero(sizes > index)
        out[starts[which] + index] = ((values[which] >> (7 * index)) & 0x7F) | (
            (sizes[which] > index + 1).astype(np.uint32) << 7)
    return out, sizes


def encode_one(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def decode(data: bytes, offset: int = 0) -> tuple[int, int]:
    """One value starting at offset; returns (value, offset after it)."""
    value = shift = 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, offset
        shift += 7
