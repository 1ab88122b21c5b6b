"""graph.lru.Lru, the one bounded cache behind every cache and memo: least recently used out first, by count and,
when asked, by total weight."""

from __future__ import annotations

from graph.lru import Lru


def test_the_least_recently_used_entry_goes_first() -> None:
    lru: Lru[str, int] = Lru(2)
    lru.put("a", 1)
    lru.put("b", 2)
    assert lru.get("a") == 1  # "b" is now the least recently used
    lru.put("c", 3)
    assert (lru.get("b"), lru.get("a"), lru.get("c")) == (None, 1, 3)
    assert (lru.hits, lru.misses) == (3, 1)


def test_a_weight_bound_evicts_until_the_total_fits_and_refuses_what_alone_exceeds_it() -> None:
    lru: Lru[str, bytes] = Lru(10, max_weight=10, weight=len)
    lru.put("a", b"12345")
    lru.put("b", b"1234")
    lru.put("c", b"123")  # 12 > 10: "a" goes
    assert "a" not in lru and "b" in lru and "c" in lru
    lru.put("huge", b"x" * 11)
    assert "huge" not in lru and len(lru) == 2


def test_a_size_of_zero_keeps_nothing() -> None:
    lru: Lru[str, int] = Lru(0)
    assert lru.put("a", 1) == 1 and lru.get("a") is None and len(lru) == 0
