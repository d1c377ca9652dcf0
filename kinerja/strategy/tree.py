"""The cascade (pohon kinerja) as a tree (pure: plain data in, plain data out).

Roots are the office IKU; below an IKU the goals that serve it (Kabid, Sekretaris), below each
goal the goals of the positions that serve it (Kasi, Kasubag), then the staff's. A goal whose
link is missing, points outside the decree or the Renstra in force, or loops back on itself
serves nothing and is listed apart, as is an IKU that no goal serves.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GoalInfo:
    id: int
    statement: str
    position_id: int
    position_name: str
    order: tuple[int, int]  # (position order, goal order)


@dataclass(frozen=True)
class IkuInfo:
    id: int
    code: str
    name: str
    sasaran: str


@dataclass
class Node:
    kind: str  # "iku" | "goal"
    id: int
    children: list[Node] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Tree:
    roots: list[Node]
    unlinked: list[tuple[int, str]]  # (goal id, why it serves nothing)
    unserved_ikus: list[int]
    reaches: dict[int, int]  # goal id -> the IKU it reaches
    detached: list[Node] = field(default_factory=list)  # unlinked goals with what serves them

    def depth_of(self) -> dict[tuple[str, int], int]:
        depths: dict[tuple[str, int], int] = {}

        def visit(node: Node, depth: int) -> None:
            depths[(node.kind, node.id)] = depth
            for child in node.children:
                visit(child, depth + 1)

        for root in self.roots:
            visit(root, 0)
        return depths


def build(
    ikus: list[IkuInfo],
    goals: list[GoalInfo],
    links: dict[int, list[tuple[str, int]]],
) -> Tree:
    """``links``: goal id -> its parents, [("goal", parent goal id)] or [("iku", id), ...]. A
    goal serving several IKU appears under each of them."""
    goal_ids = {g.id for g in goals}
    iku_ids = {i.id for i in ikus}
    order = {g.id: g.order for g in goals}
    unlinked: list[tuple[int, str]] = []
    parents: dict[int, list[tuple[str, int]]] = {}
    for goal in goals:
        given = links.get(goal.id) or []
        valid = [
            link
            for link in given
            if (link[0] == "goal" and link[1] in goal_ids)
            or (link[0] == "iku" and link[1] in iku_ids)
        ]
        if not given:
            unlinked.append((goal.id, "belum menyebut kinerja atau IKU yang didukung"))
        elif not valid and given[0][0] == "goal":
            unlinked.append((goal.id, "mendukung kinerja di luar keputusan yang berlaku"))
        elif not valid:
            unlinked.append((goal.id, "mendukung IKU di luar Renstra yang berlaku"))
        else:
            parents[goal.id] = valid
    up = {g: p[0][1] for g, p in parents.items() if p[0][0] == "goal"}
    reaches: dict[int, int] = {}
    for goal_id in parents:
        seen, current = set(), goal_id
        while current in up and current not in seen:
            seen.add(current)
            current = up[current]
        if current in parents and current not in up:
            reaches[goal_id] = parents[current][0][1]
        elif current in seen:
            unlinked.append((goal_id, "tautannya melingkar dan tidak sampai ke IKU"))
        # else: the chain ends at a goal that serves nothing (listed itself)
    looping = {g for g, why in unlinked if why.startswith("tautannya melingkar")}
    children: dict[tuple[str, int], list[int]] = {}
    for goal_id, links_of_goal in parents.items():
        if goal_id not in looping:
            for link in links_of_goal:
                children.setdefault(link, []).append(goal_id)

    def node(kind: str, pk: int) -> Node:
        below = sorted(children.get((kind, pk), []), key=lambda g: order[g])
        return Node(kind, pk, [node("goal", g) for g in below])

    roots = [node("iku", i.id) for i in ikus]
    unserved = [i.id for i in ikus if not children.get(("iku", i.id))]
    unlinked.sort(key=lambda item: order[item[0]])
    detached = [node("goal", g) for g, _ in unlinked if g not in looping]
    return Tree(roots, unlinked, unserved, reaches, detached)
