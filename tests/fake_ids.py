"""Synthetic ID numbers for tests: the check digit is computed here, independently
of the code under test (GB 11643, ISO 7064 MOD 11-2), never copied from a person."""

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def make_id(first17: str) -> str:
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]
