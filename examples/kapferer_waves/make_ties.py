#!/usr/bin/env python3
"""Kapferer's tailor shop at two time points, as one ties file with a wave column.

Reads ../shared/data/kapferer_tailorshop (people.csv, and ties.csv whose types are
sociational_t1, sociational_t2, instrumental_t1 and instrumental_t2) and writes, next to this
script, people.csv (a copy) and ties.csv with columns source,target,type,weight,wave: type
`sociational` or `instrumental`, wave `t1` or `t2`. Standard library only:

    python3 examples/kapferer_waves/make_ties.py [path/to/kapferer_tailorshop]

The data are not committed here (the source states no licence); this script makes them from the
shared copy. tests/cli/compare_test.cpp does the same conversion in C++.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "data", "kapferer_tailorshop")


def main():
    with open(os.path.join(SOURCE, "people.csv"), encoding="utf-8", newline="") as f:
        people = list(csv.reader(f))
    with open(os.path.join(HERE, "people.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(people)
    with open(os.path.join(SOURCE, "ties.csv"), encoding="utf-8", newline="") as f:
        ties = list(csv.DictReader(f))
    with open(os.path.join(HERE, "ties.csv"), "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["source", "target", "type", "weight", "wave"])
        for t in ties:
            kind, wave = t["type"].rsplit("_", 1)  # sociational_t1 -> sociational, t1
            out.writerow([t["source"], t["target"], kind, t["weight"], wave])
    print("wrote %s/people.csv (%d people) and ties.csv (%d ties)" % (HERE, len(people) - 1, len(ties)))


if __name__ == "__main__":
    main()
