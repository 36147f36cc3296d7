"""The all-pairs figure comparison used for long figure lists agrees with the pairwise rule."""

from __future__ import annotations

import random

from digest.identity import _shared, figures_match

VALUES = [0, 1, 2, 5, 6, 6.2, 10, 12, 20, 25, 68, 68.5, 128, 128.3, 412, 412.6, 2480, 2500,
          2.5e9, 2.48e9, -5, -5.2, 99.5, 100, 101, 1e6, 1.2e6]


def _pairwise(a, b, loose):
    return sum(1 for x in a if any(figures_match(x, y, loose) for y in b))


def test_shared_figures_equal_the_pairwise_rule_for_short_and_long_lists():
    rng = random.Random(7)
    for _ in range(3000):
        a = frozenset((rng.choice(VALUES), rng.choice("ab")) for _ in range(rng.randint(0, 14)))
        b = frozenset((rng.choice(VALUES), rng.choice("ab")) for _ in range(rng.randint(0, 14)))
        for loose in (False, True):
            assert _shared(a, b, loose) == _pairwise(a, b, loose), (a, b, loose)
