#!/usr/bin/env python3
"""Makes one operation slower in a compact Zipkin file (one span per line, see README.md).

    python3 Tests/Fixtures/gate/slow_down.py SERVICE NAME [--causal] < in.json > out.json

Default: the operation's durations times 3/2 (whole us, `duration * 3 // 2`); nothing else
moves, as the tests' scaled slowdown. --causal: as a real slowdown, the work after each slowed
span (later siblings of it and of every ancestor, with their subtrees) starts later by the
same amount and every ancestor ends later; concurrent siblings stay. The tests do the same in
Swift (Tests/LoupeGateTests/Support/Fixtures.swift).
"""
import json
import sys
from collections import defaultdict

service, name = sys.argv[1], sys.argv[2]
causal = "--causal" in sys.argv[3:]
spans = json.load(sys.stdin)
target = lambda s: s["localEndpoint"]["serviceName"] == service and s["name"] == name
if not causal:
    for s in spans:
        if target(s):
            s["duration"] = s["duration"] * 3 // 2
else:
    by_trace = defaultdict(list)
    for s in spans:
        by_trace[s["traceId"]].append(s)
    for trace in by_trace.values():
        index = {}
        for s in trace:
            index.setdefault(s["id"], s)
        children = defaultdict(list)
        for s in trace:
            if s.get("parentId") in index:
                children[s["parentId"]].append(s)

        def shift(root, delta):
            stack = [root]
            while stack:
                s = stack.pop()
                s["timestamp"] += delta
                stack += children[s["id"]]

        for x in sorted((s for s in trace if target(s)), key=lambda s: s["timestamp"]):
            delta = x["duration"] // 2
            node, original_end = x, x["timestamp"] + x["duration"]
            node["duration"] += delta
            while node.get("parentId") in index:
                parent = index[node["parentId"]]
                for sibling in children[parent["id"]]:
                    if sibling is not node and sibling["timestamp"] >= original_end:
                        shift(sibling, delta)
                node, original_end = parent, parent["timestamp"] + parent["duration"]
                node["duration"] += delta
sys.stdout.write("[\n" + ",\n".join(json.dumps(s, separators=(",", ":")) for s in spans) + "\n]\n")
