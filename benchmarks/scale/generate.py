#!/usr/bin/env python3
"""Generate a seeded state-wide network for staffnet's scale run (issue 8).

Writes config.yaml, people.csv, ties.csv and schools.csv into OUT. The defaults give 100,000
people in 100 districts and 1,500 schools with 1,000,000 ties of the four default tie types:

    python3 benchmarks/scale/generate.py OUT
    python3 benchmarks/scale/generate.py OUT --people 20000 --ties 200000 --districts 20 --schools 300

The state's SEL team (role district_team, three coordinators per district) reaches school
leaders mostly in its own district. Ties are 77% inside a school, 17% between schools of one
district, 3% anywhere in the state and 3% from the SEL team; every (pair, type) appears once.
One person in 200 has no ties. Each school has a hidden engagement level that makes SEL team ties
and good participation more likely, so the correlations have something to find. Everything comes
from one random.Random(seed): the same arguments give byte-identical files. Standard library only.
"""

import argparse
import bisect
import csv
import itertools
import math
import os
import random

TYPES = ["shared_project", "past_collaboration", "contact_exchange", "social"]
SCHOOL_TYPES = [35, 30, 20, 15]  # type mix of ties between colleagues
TEAM_TYPES = [40, 25, 25, 10]    # type mix of SEL team ties
FIRST = ["Ana", "Ben", "Chen", "Dana", "Eli", "Fatima", "Gabe", "Hana", "Ivan", "Jia", "Kofi", "Lena",
         "Marcus", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wei", "Yara"]
LAST = ["Lee", "Garcia", "Okafor", "Nguyen", "Miller", "Patel", "Begay", "Kim", "Reyes", "Schmidt",
        "Washington", "Tanaka", "Diallo", "Larson", "Cruz", "Haddad"]
RACES = ["White", "Hispanic/Latino", "Black", "Asian", "Multiracial", "Native American"]
RACE_WEIGHTS = [52, 20, 13, 8, 5, 2]
AGE_BANDS = ["20-29", "30-39", "40-49", "50-59", "60+"]
LEVELS = [("elementary", "Elementary", 40, "K-5"), ("middle", "Middle", 70, "6-8"), ("high", "High", 110, "9-12")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--ties", type=int, default=1_000_000)
    ap.add_argument("--districts", type=int, default=100)
    ap.add_argument("--schools", type=int, default=1_500)
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    # Schools: a level, a district, a hidden engagement z; sizes by level.
    schools = []
    for s in range(args.schools):
        level = LEVELS[rng.choices(range(3), weights=[60, 22, 18])[0]]
        schools.append({"id": f"S{s + 1:04d}", "district": s % args.districts, "level": level,
                        "z": rng.gauss(0, 1), "members": [], "leaders": []})

    # People: three SEL team coordinators per district, two leaders per school, the rest staff
    # spread over the schools in proportion to their level's size.
    people, team_by_district = [], [[] for _ in range(args.districts)]

    def person(prefix, number, role, school, district):
        race = rng.choices(RACES, weights=RACE_WEIGHTS)[0]
        people.append({"id": f"{prefix}{number:06d}", "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                       "role": role, "school": school["id"] if school else "", "district": f"R{district + 1:03d}",
                       "responded": "yes" if rng.random() < 0.95 else "no",
                       "hire_date": f"{rng.randint(1985, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                       "grade_band": school["level"][3] if school else "", "race_ethnicity": race,
                       "age_band": rng.choice(AGE_BANDS), "sociability": rng.lognormvariate(0, 0.6),
                       "isolated": False})
        return len(people) - 1

    for d in range(args.districts):
        for k in range(3):
            team_by_district[d].append(person("D", len(people) + 1, "district_team", None, d))
    for s in schools:
        for k in range(2):
            v = person("L", len(people) + 1, "school_leader", s, s["district"])
            s["leaders"].append(v)
            s["members"].append(v)
    staff = args.people - len(people)
    size_cum = list(itertools.accumulate(s["level"][2] for s in schools))
    for i in range(staff):
        s = schools[bisect.bisect(size_cum, rng.random() * size_cum[-1])]
        s["members"].append(person("P", len(people) + 1, "staff", s, s["district"]))
    for p in people:
        if p["role"] == "staff" and rng.random() < 0.005:
            p["isolated"] = True

    district_members = [[] for _ in range(args.districts)]
    for s in schools:
        district_members[s["district"]].extend(v for v in s["members"] if not people[v]["isolated"])
    for s in schools:
        s["members"] = [v for v in s["members"] if not people[v]["isolated"]]
    connected = [v for v, p in enumerate(people) if not p["isolated"] and p["role"] != "district_team"]
    cum = list(itertools.accumulate(people[v]["sociability"] for v in connected))
    school_of = {}
    for s in schools:
        for v in s["members"]:
            school_of[v] = s
    team = [v for members in team_by_district for v in members]
    # SEL team ties go to schools in proportion to exp(z): engaged schools are reached more.
    engaged_cum = [list(itertools.accumulate(math.exp(s["z"]) for s in schools if s["district"] == d))
                   for d in range(args.districts)]
    district_schools = [[s for s in schools if s["district"] == d] for d in range(args.districts)]

    seen, rows = set(), []
    while len(rows) < args.ties:
        r = rng.random()
        if r < 0.03:
            a = rng.choice(team)
            d = int(people[a]["district"][1:]) - 1
            s = district_schools[d][bisect.bisect(engaged_cum[d], rng.random() * engaged_cum[d][-1])]
            b = rng.choice(s["leaders"]) if rng.random() < 0.5 or len(s["members"]) <= 2 else rng.choice(s["members"])
            if people[b]["isolated"]:
                continue
            kind = rng.choices(range(4), weights=TEAM_TYPES)[0]
        else:
            a = connected[bisect.bisect(cum, rng.random() * cum[-1])]
            if r < 0.80:
                b = rng.choice(school_of[a]["members"])
            elif r < 0.97:
                b = rng.choice(district_members[school_of[a]["district"]])
            else:
                b = rng.choice(connected)
            kind = rng.choices(range(4), weights=SCHOOL_TYPES)[0]
        if a == b:
            continue
        key = (min(a, b), max(a, b), kind)
        if key in seen:
            continue
        seen.add(key)
        rows.append((people[a]["id"], people[b]["id"], TYPES[kind], rng.choice((1, 1, 2, 3))))

    with open(os.path.join(args.out, "people.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "role", "school", "responded", "district", "hire_date", "grade_band",
                    "race_ethnicity", "age_band"])
        for p in people:
            w.writerow([p["id"], p["name"], p["role"], p["school"], p["responded"], p["district"], p["hire_date"],
                        p["grade_band"], p["race_ethnicity"], p["age_band"]])
    with open(os.path.join(args.out, "ties.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "type", "weight"])
        w.writerows(rows)
    with open(os.path.join(args.out, "schools.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "level", "district", "pl_attendance_rate", "voluntary_pl_sessions",
                    "email_response_hours", "uptake_rate", "climate_trust_score"])
        for i, s in enumerate(schools):
            z = s["z"]
            w.writerow([s["id"], f"{LAST[i % len(LAST)]} {s['level'][1]} {i + 1}", s["level"][0],
                        f"R{s['district'] + 1:03d}",
                        f"{min(1.0, max(0.0, 0.65 + 0.08 * z + rng.gauss(0, 0.08))):.3f}",
                        max(0, round(3 + z + rng.gauss(0, 1))),
                        f"{max(1.0, 24 - 5 * z + rng.gauss(0, 6)):.1f}",
                        f"{min(1.0, max(0.0, 0.5 + 0.1 * z + rng.gauss(0, 0.1))):.3f}",
                        f"{min(5.0, max(1.0, 3.5 + 0.3 * z + rng.gauss(0, 0.4))):.2f}"])
    with open(os.path.join(args.out, "config.yaml"), "w") as f:
        f.write(f"# A generated state-wide network: {args.people} people, {args.ties} ties, "
                f"{args.districts} districts, {args.schools} schools (benchmarks/scale/generate.py, seed {args.seed}).\n"
                "participation:\n  pl_attendance_rate: higher\n  voluntary_pl_sessions: higher\n"
                "  email_response_hours: lower\n  uptake_rate: higher\n  climate_trust_score: higher\n"
                "seed: 42\n")


if __name__ == "__main__":
    main()
