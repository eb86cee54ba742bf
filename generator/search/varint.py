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
    sizes = np.ones(len(values), dtype=np.uint8)
    for index in range(1, width):
        sizes += values >= (1 << (7 * index))
    # Every value as `width` 7-bit groups, row by row; then only the groups it needs.
    groups = np.empty((len(values), width), dtype=np.uint8)
    needed = np.empty((len(values), width), dtype=bool)
    for index in range(width):
        part = (values >> (7 * index)).astype(np.uint8) & 0x7F
        part |= (sizes > index + 1).view(np.uint8) << 7
        groups[:, index] = part
        needed[:, index] = sizes > index
    return groups[needed], sizes


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
