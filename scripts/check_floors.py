#!/usr/bin/env python3
"""Fails when a dev-corpus F1 drops below its recorded floor.

Usage: check_floors.py FLOORS.json SCORE.json
FLOORS.json maps "entities.KIND", "entities_micro", "facts_strict", "facts_loose" to the
lowest F1 accepted; floors only go up (raise them when quality rises).
"""
import json
import sys


def main(floors_path, score_path):
    floors = json.load(open(floors_path))
    score = json.load(open(score_path))
    if score.get("failures"):
        print(f"{score['failures']} documents failed to extract")
        return 1
    bad = []
    for key, floor in sorted(floors.items()):
        node = score
        for part in key.split("."):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        f1 = node.get("f1", 0.0) if isinstance(node, dict) else 0.0
        status = "ok" if f1 + 1e-9 >= floor else "BELOW FLOOR"
        print(f"  {key:<28} F1 {f1:.3f}  floor {floor:.3f}  {status}")
        if status != "ok":
            bad.append(key)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
