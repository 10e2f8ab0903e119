"""
Directed graphs as plain mappings: the cycles a depth-first search meets
and a deterministic topological order. Shared by the checks a schedule
runs when built (stacking rules that displace each other in a circle), the
resolver (the order in which stacking rules are applied) and the test
strategies that draw acyclic rules.

>>> edges = {"a": [("b", "r1")], "b": [("c", "r2")], "c": [("a", "r3")]}
>>> [[label for _, _, label in cycle] for cycle in cycles(edges)]
[['r1', 'r2', 'r3']]
>>> topological_order(["c", "b", "a"], {"a": {"b"}, "b": {"c"}})
['a', 'b', 'c']
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

__all__ = ["cycles", "has_cycle", "topological_order"]

N = TypeVar("N", bound=Hashable)
L = TypeVar("L")

_ON_PATH, _DONE = 1, 2


def cycles(
    edges: Mapping[N, Sequence[tuple[N, L]]], key: Callable[[N], Any] | None = None
) -> list[list[tuple[N, N, L]]]:
    """
    One cycle per back edge a depth-first search meets: the edges
    ``(source, target, label)`` from the node met again round to it. Roots
    are visited in sorted order (by *key*), successors in the order given,
    so the answer is the same for the same mapping. A node pointing at
    itself is a cycle of one edge.

    >>> cycles({1: [(1, "self")]})
    [[(1, 1, 'self')]]
    >>> cycles({1: [(2, "x")]})
    []
    """
    found: list[list[tuple[N, N, L]]] = []
    state: dict[N, int] = {}
    path: list[tuple[N, N, L]] = []

    def visit(node: N) -> None:
        state[node] = _ON_PATH
        for target, label in edges.get(node, ()):
            path.append((node, target, label))
            if state.get(target) == _ON_PATH:
                start = next(i for i, edge in enumerate(path) if edge[0] == target)
                found.append(path[start:])
            elif target not in state:
                visit(target)
            path.pop()
        state[node] = _DONE

    for node in sorted(edges, key=key):  # type: ignore[type-var, arg-type]  # nodes are orderable, or a key is given
        if node not in state:
            visit(node)
    return found


def has_cycle(successors: Mapping[N, Iterable[N]]) -> bool:
    """
    Whether the directed graph has a cycle (a node pointing at itself counts).

    >>> has_cycle({1: {2}, 2: {1}}), has_cycle({1: {2}, 2: set()}), has_cycle({1: {1}})
    (True, False, True)
    """
    nodes = set(successors).union(*successors.values())
    # A topological order leaves out exactly the nodes on or after a cycle.
    return len(topological_order(nodes, successors)) < len(nodes)


def topological_order(nodes: Iterable[N], successors: Mapping[N, Iterable[N]]) -> list[N]:
    """
    *nodes* so that every node comes after those pointing at it, the
    smallest ready node first (deterministic). Nodes on a cycle, or after
    one, are left out: the caller compares lengths to find them.

    >>> topological_order([1, 2, 3], {1: {2}, 2: {1}})
    [3]
    """
    nodes = list(nodes)
    pending: dict[N, int] = dict.fromkeys(nodes, 0)
    for node in nodes:
        for nxt in set(successors.get(node, ())):
            pending[nxt] += 1
    ready = [node for node, n in pending.items() if n == 0]
    heapq.heapify(ready)  # type: ignore[type-var]  # nodes are orderable
    order: list[N] = []
    while ready:
        node = heapq.heappop(ready)  # type: ignore[type-var]
        order.append(node)
        for nxt in set(successors.get(node, ())):
            pending[nxt] -= 1
            if pending[nxt] == 0:
                heapq.heappush(ready, nxt)  # type: ignore[type-var]
    return order
