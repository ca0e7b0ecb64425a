#!/usr/bin/env python3
"""Generate the bundled example district for staffnet.

Writes people.csv, ties.csv, schools.csv, wave2/ties.csv and README.md next to this script.
Everything comes from one random.Random(SEED); running the script twice gives byte-identical
files. Standard library only.

    /usr/bin/python3 examples/district/generate.py

The district, its people and its schools are fictional.
"""

import csv
import datetime
import math
import os
import random

SEED = 20261123
HERE = os.path.dirname(os.path.abspath(__file__))
DISTRICT_NAME = "Cedar Valley Unified School District"

rng = random.Random(SEED)

TYPES = ["shared_project", "past_collaboration", "contact_exchange", "social"]

# --------------------------------------------------------------------------------------------
# Name pools
# --------------------------------------------------------------------------------------------

RACES = ["White", "Hispanic/Latino", "Black", "Asian", "Multiracial", "Native American"]
RACE_WEIGHTS = [52, 20, 13, 8, 5, 2]

FIRST = {
    "White": ["Emily", "Michael", "Sarah", "David", "Jennifer", "Matthew", "Jessica", "Ryan",
              "Amanda", "Brian", "Megan", "Kevin", "Laura", "Daniel", "Rachel", "Scott",
              "Heather", "Andrew", "Katherine", "Thomas", "Lauren", "Jacob", "Hannah", "Nathan",
              "Molly", "Patrick", "Claire", "Erik", "Abigail", "Luke", "Greta", "Colin"],
    "Hispanic/Latino": ["Maria", "Carlos", "Ana", "Luis", "Sofia", "Miguel", "Gabriela",
                        "Javier", "Lucia", "Diego", "Valeria", "Alejandro", "Camila", "Ricardo",
                        "Isabel", "Fernando", "Daniela", "Eduardo", "Mariana", "Antonio", "Elena",
                        "Roberto", "Adriana", "Marco", "Paola", "Rafael", "Veronica", "Hector",
                        "Teresa", "Oscar", "Rosa", "Julio"],
    "Black": ["Jasmine", "Marcus", "Keisha", "Andre", "Aaliyah", "Darnell", "Imani", "Terrence",
              "Monique", "Jamal", "Tiana", "Malik", "Danielle", "Cedric", "Alicia", "Derrick",
              "Ebony", "Xavier", "Nia", "Kendrick", "Simone", "Reginald", "Ayana", "Isaiah",
              "Brianna", "Jerome", "Latoya", "Dominic", "Kiara", "Tyrone", "Chidi", "Ama"],
    "Asian": ["Wei", "Mei", "Hiroshi", "Yuki", "Min-jun", "Ji-woo", "Priya", "Arjun", "Linh",
              "Minh", "Anh", "Kenji", "Aiko", "Raj", "Ananya", "Sung", "Hana", "Vikram", "Thanh",
              "Jia", "Sanjay", "Kavya", "Hyun", "Mai", "Tuan", "Ravi", "Naomi", "Jun", "Lin",
              "Deepa", "Hao", "Soo-ah"],
    "Native American": ["Jolene", "Travis", "Shawna", "Raymond", "Dakota", "Winona", "Tyler",
                        "Nizhoni", "Carla", "Marlon", "Tara", "Leonard", "Denise", "Cody",
                        "Lorraine", "Wade"],
}
LAST = {
    "White": ["Miller", "Anderson", "Thompson", "Walsh", "Schmidt", "Peterson", "Murphy",
              "Sullivan", "Becker", "Olson", "Larson", "Fischer", "Kowalski", "Reilly", "Baker",
              "Cooper", "Hughes", "Morgan", "Bennett", "Gallagher", "Novak", "Lindqvist",
              "Harper", "Whitaker", "Brennan", "Carlson", "Hoffman", "Russo", "Keller", "Mercer",
              "Jensen", "Doyle"],
    "Hispanic/Latino": ["Lopez", "Garcia", "Martinez", "Rodriguez", "Hernandez", "Gonzalez",
                        "Perez", "Sanchez", "Ramirez", "Torres", "Flores", "Rivera", "Gomez",
                        "Diaz", "Morales", "Reyes", "Cruz", "Ortiz", "Gutierrez", "Chavez",
                        "Ramos", "Vargas", "Castillo", "Mendoza", "Ruiz", "Alvarez", "Romero",
                        "Herrera", "Medina", "Aguilar", "Salazar", "Navarro"],
    "Black": ["Washington", "Jackson", "Johnson", "Williams", "Brown", "Robinson", "Harris",
              "Coleman", "Jefferson", "Freeman", "Brooks", "Banks", "Mitchell", "Carter",
              "Simmons", "Hayes", "Bryant", "Greene", "Wallace", "Dixon", "Owens", "Pierce",
              "Mack", "Tucker", "Holmes", "Boateng", "Okafor", "Mensah", "Adeyemi", "Diallo",
              "Sterling", "Grant"],
    "Asian": ["Chen", "Wang", "Li", "Zhang", "Liu", "Nguyen", "Tran", "Pham", "Kim", "Park",
              "Lee", "Choi", "Patel", "Shah", "Singh", "Gupta", "Reddy", "Tanaka", "Sato",
              "Yamamoto", "Nakamura", "Huang", "Wu", "Lin", "Le", "Vo", "Kapoor", "Iyer", "Rao",
              "Cho", "Hoang", "Mori"],
    "Native American": ["Begay", "Yazzie", "Benally", "Tsosie", "Harjo", "Nez", "Chee",
                        "Etsitty", "Attakai", "Whitehorse", "Lente", "Deschenie", "Kaniatobe",
                        "Lujan", "Sandoval", "Tallchief"],
}
POOL_KEYS = ["White", "Hispanic/Latino", "Black", "Asian", "Native American"]

# --------------------------------------------------------------------------------------------
# School names
# --------------------------------------------------------------------------------------------

ELEMENTARY_NAMES = [
    "Maple Grove", "Riverside", "Cedar Hills", "Sunnyslope", "Oak Park", "Willow Creek",
    "Lincoln", "Harmony", "Meadowbrook", "Pine Ridge", "Eastgate", "Fairview", "Bluebird",
    "Sandstone", "Juniper", "Orchard Lane", "Valley View", "Coyote Canyon", "Mesa Verde",
    "Rosa Parks", "Cesar Chavez", "Lakeside", "Hawthorne", "Sequoia",
]
MIDDLE_NAMES = [
    "Jefferson", "Cedar Valley", "Ridgeview", "Roosevelt", "Sierra Vista", "Mountain View",
    "Dolores Huerta", "Quail Run", "Franklin",
]
HIGH_NAMES = [
    "Cedar Valley", "North Valley", "Kennedy", "Granite Peak", "Westlake", "Mesa Ridge",
    "Eastside Early College",
]

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def rand_date(start, end):
    """A uniformly random date in [start, end] (datetime.date)."""
    return datetime.date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))


def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def logistic(x):
    return 1.0 / (1.0 + math.exp(-x))


def poisson(lam):
    """Inverse CDF from a single uniform, so every draw uses the random stream equally and
    changing a model coefficient never shifts the draws that follow."""
    u = rng.random()
    k, p = 0, math.exp(-lam)
    cdf = p
    while u > cdf and k < 1000:
        k += 1
        p *= lam / k
        cdf += p
    return k


def weighted_choice(items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


used_names = {}  # name -> person id (dict: membership only, never iterated for output)


def make_name(race):
    for _ in range(1000):
        if race == "Multiracial":
            first = rng.choice(FIRST[rng.choice(POOL_KEYS)])
            last = rng.choice(LAST[rng.choice(POOL_KEYS)])
        elif rng.random() < 0.85:
            first = rng.choice(FIRST[race])
            last = rng.choice(LAST[race])
        else:  # names do not follow identity neatly
            first = rng.choice(FIRST[rng.choice(POOL_KEYS)])
            last = rng.choice(LAST[race] if rng.random() < 0.5 else LAST[rng.choice(POOL_KEYS)])
        name = first + " " + last
        if name not in used_names:
            return name
    raise RuntimeError("name pool exhausted")


AGE_BANDS = ["20-29", "30-39", "40-49", "50-59", "60+"]
AGE_RANGES = {"20-29": (23, 29), "30-39": (30, 39), "40-49": (40, 49), "50-59": (50, 59),
              "60+": (60, 67)}


def age_and_hire(age_weights):
    band = weighted_choice(AGE_BANDS, age_weights)
    lo, hi = AGE_RANGES[band]
    age = rng.randint(lo, hi)
    birth_year = 2026 - age
    first_year = max(1995, birth_year + 22)
    hire = rand_date(datetime.date(first_year, 1, 1), datetime.date(2025, 12, 31))
    # Most hires start in late summer.
    if rng.random() < 0.7:
        hire = datetime.date(hire.year, rng.choice([7, 8, 8, 8]), rng.randint(1, 28))
    return band, hire.isoformat()


# --------------------------------------------------------------------------------------------
# Schools
# --------------------------------------------------------------------------------------------

schools = []  # dicts in S01..S40 order
levels = ["elementary"] * 24 + ["middle"] * 9 + ["high"] * 7
names_by_level = {
    "elementary": sorted(ELEMENTARY_NAMES),
    "middle": sorted(MIDDLE_NAMES),
    "high": sorted(HIGH_NAMES),
}
suffix = {"elementary": " Elementary", "middle": " Middle School", "high": " High School"}
counters = {"elementary": 0, "middle": 0, "high": 0}
for i, level in enumerate(levels):
    base = names_by_level[level][counters[level]]
    counters[level] += 1
    name = base + suffix[level]
    if base == "Eastside Early College":
        name = "Eastside Early College High School"
    if level == "elementary":
        enrollment = rng.randint(230, 660)
    elif level == "middle":
        enrollment = rng.randint(480, 1100)
    elif "Early College" in name:
        enrollment = rng.randint(380, 520)
    else:
        enrollment = rng.randint(950, 2200)
    schools.append({"id": "S%02d" % (i + 1), "name": name, "level": level,
                    "enrollment": enrollment})
school_by_id = {s["id"]: s for s in schools}

# ---- Planted school roles (chosen before people, so leaders can be set up accordingly) ----
elem_ids = [s["id"] for s in schools if s["level"] == "elementary"]
mid_ids = [s["id"] for s in schools if s["level"] == "middle"]
high_ids = [s["id"] for s in schools if s["level"] == "high"]

# Four isolated schools: two elementary, one middle, one high.
isolated_schools = sorted(rng.sample(elem_ids, 2) + rng.sample(mid_ids, 1) + rng.sample(high_ids, 1))
remaining = [s["id"] for s in schools if s["id"] not in isolated_schools]
# Three single-point-of-contact schools.
spoc_schools = sorted(rng.sample(remaining, 3))
remaining = [x for x in remaining if x not in spoc_schools]
# The fifth isolated principal leads a school that is otherwise connected (through its SEL lead).
lone_principal_school = rng.choice(remaining)
remaining_no_lone = [x for x in remaining if x != lone_principal_school]
# Two ordinary schools also have no SEL lead.
no_sel_normal = sorted(rng.sample(remaining_no_lone, 2))
normal_schools = [s["id"] for s in schools
                  if s["id"] not in isolated_schools and s["id"] not in spoc_schools]

# Isolated schools: which principal is degree 0, which ties only to own staff.
iso_order = list(isolated_schools)
rng.shuffle(iso_order)
degree0_schools = sorted(iso_order[:2])           # principal has no ties at all
staffonly_iso_schools = sorted(iso_order[2:])     # principal tied only to own staff
# Wave 2: the district reaches out to one of each kind.
reached_schools = sorted([degree0_schools[0], staffonly_iso_schools[1]])
still_isolated_schools = [x for x in isolated_schools if x not in reached_schools]

has_sel_lead = {}
for s in schools:
    sid = s["id"]
    has_sel_lead[sid] = not (sid in isolated_schools or sid in spoc_schools or sid in no_sel_normal)

# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------

people = []
person_by_id = {}


def add_person(pid, role, school, kind, race, age_weights, grade_band, department):
    name = make_name(race)
    band, hire = age_and_hire(age_weights)
    p = {"id": pid, "name": name, "role": role, "school": school, "responded": "yes",
         "hire_date": hire, "grade_band": grade_band, "race_ethnicity": race, "age_band": band,
         "department": department, "kind": kind}
    used_names[name] = pid
    people.append(p)
    person_by_id[pid] = p
    return p


def draw_race():
    return weighted_choice(RACES, RACE_WEIGHTS)


district = []
for i in range(12):
    p = add_person("D%02d" % (i + 1), "district_team", "", "district", draw_race(),
                   [4, 30, 34, 24, 8], "", "SEL")
    district.append(p["id"])

BANDS = {"elementary": ["K-2", "3-5"], "middle": ["6-8"], "high": ["9-12"]}
STAFF_DEPTS = ["classroom", "special_education", "counseling", "administration"]
STAFF_DEPT_W = [70, 15, 8, 7]

members = {}      # school id -> list of person ids (leaders first)
principal = {}    # school id -> person id
sel_lead = {}     # school id -> person id (only schools with one)
staff_of = {}     # school id -> list of staff ids
counter = 0


def next_pid():
    global counter
    counter += 1
    return "P%03d" % counter


for s in schools:
    sid, level = s["id"], s["level"]
    members[sid] = []
    p = add_person(next_pid(), "school_leader", sid, "principal", draw_race(),
                   [0, 12, 40, 38, 10], rng.choice(BANDS[level]), "administration")
    principal[sid] = p["id"]
    members[sid].append(p["id"])
    if has_sel_lead[sid]:
        p = add_person(next_pid(), "school_leader", sid, "sel_lead", draw_race(),
                       [8, 38, 32, 18, 4], rng.choice(BANDS[level]), "counseling")
        sel_lead[sid] = p["id"]
        members[sid].append(p["id"])
    n_staff = {"elementary": rng.randint(9, 11), "middle": rng.randint(9, 12),
               "high": rng.randint(10, 12)}[level]
    staff_of[sid] = []
    for _ in range(n_staff):
        dept = weighted_choice(STAFF_DEPTS, STAFF_DEPT_W)
        p = add_person(next_pid(), "staff", sid, "staff", draw_race(),
                       [22, 30, 24, 17, 7], rng.choice(BANDS[level]), dept)
        staff_of[sid].append(p["id"])
        members[sid].append(p["id"])

all_staff = [p["id"] for p in people if p["kind"] == "staff"]
all_leaders = [p["id"] for p in people if p["role"] == "school_leader"]

# ---- Planted people ----
degree0_principals = [principal[x] for x in degree0_schools]
staffonly_principals = sorted([principal[x] for x in staffonly_iso_schools]
                              + [principal[lone_principal_school]])
isolated_principals = sorted(degree0_principals + staffonly_principals)
reached_principals = [principal[x] for x in reached_schools]

# Non-respondents: about 4% of staff, plus one SEL lead of an ordinary school.
n_nonresp = round(0.04 * len(all_staff))
nonresp_staff = sorted(rng.sample(all_staff, n_nonresp))
for pid in nonresp_staff:
    person_by_id[pid]["responded"] = "no"
nonresp_leader = sel_lead[rng.choice([x for x in normal_schools
                                      if has_sel_lead[x] and x != lone_principal_school])]
person_by_id[nonresp_leader]["responded"] = "no"

# Isolated staff: about 2% of staff, three of them non-respondents (missing data, not isolation).
n_iso_staff = round(0.02 * len(all_staff))
iso_staff = sorted(rng.sample(nonresp_staff, 3)
                   + rng.sample([x for x in all_staff if x not in nonresp_staff], n_iso_staff - 3))
iso_staff_set = set(iso_staff)  # membership only

# A newly appointed principal explains one degree-0 case.
person_by_id[degree0_principals[0]]["hire_date"] = "2025-07-14"
person_by_id[degree0_principals[0]]["age_band"] = "40-49"


# ---- Names that exercise escaping and Unicode ----
def rename(pid, name, race):
    p = person_by_id[pid]
    del used_names[p["name"]]
    p["name"] = name
    p["race_ethnicity"] = race
    used_names[name] = pid


connected_staff = [x for x in all_staff if x not in iso_staff_set and x not in nonresp_staff]
special_staff = rng.sample(connected_staff, 3)
rename("D04", "José Núñez", "Hispanic/Latino")
rename(degree0_principals[1], "Siobhan O'Brien", "White")
rename(sel_lead[lone_principal_school], "Alexandra Petrova-Hill", "White")
rename(special_staff[0], "陈伟", "Asian")
rename(special_staff[1], "Алексей Иванов", "White")
rename(special_staff[2], "Marcus Bell, Jr.", "Black")
special_names = ["D04", degree0_principals[1], sel_lead[lone_principal_school]] + special_staff

# --------------------------------------------------------------------------------------------
# Ties
# --------------------------------------------------------------------------------------------

W1_START, W1_END = datetime.date(2026, 8, 1), datetime.date(2026, 10, 31)
W2_START, W2_END = datetime.date(2027, 9, 1), datetime.date(2027, 10, 31)

WEIGHT_DIST = {
    "shared_project": [25, 45, 30],
    "past_collaboration": [40, 40, 20],
    "contact_exchange": [45, 40, 15],
    "social": [35, 40, 25],
}


class TieSet:
    """Undirected typed ties; one row per (unordered pair, type). Insertion ordered."""

    def __init__(self, wave, start, end):
        self.wave, self.start, self.end = wave, start, end
        self.rows = {}  # (a, b, type) with a < b -> row dict

    @staticmethod
    def key(u, v, t):
        return (u, v, t) if u < v else (v, u, t)

    def has(self, u, v, t):
        return self.key(u, v, t) in self.rows

    def has_pair(self, u, v):
        return any(self.key(u, v, t) in self.rows for t in TYPES)

    def add(self, u, v, t, weight=None, date=None):
        assert u != v, (u, v)
        k = self.key(u, v, t)
        if k in self.rows:
            return False
        if weight is None:
            weight = weighted_choice([1, 2, 3], WEIGHT_DIST[t])
        # source is the person who reported the tie: a non-respondent cannot have reported it.
        ru = person_by_id[u]["responded"] == "yes"
        rv = person_by_id[v]["responded"] == "yes"
        flip = rng.random() < 0.5
        if ru and not rv:
            src, dst = u, v
        elif rv and not ru:
            src, dst = v, u
        else:
            src, dst = (u, v) if not flip else (v, u)
        if date is None:
            date = rand_date(self.start, self.end).isoformat()
        self.rows[k] = {"source": src, "target": dst, "type": t, "weight": weight,
                        "wave": self.wave, "date": date}
        return True

    def degree(self, pid):
        return sum(1 for (a, b, _t) in self.rows if a == pid or b == pid)

    def neighbours(self, pid):
        out = []
        for (a, b, _t) in self.rows:
            if a == pid and b not in out:
                out.append(b)
            elif b == pid and a not in out:
                out.append(a)
        return out


def is_district(pid):
    return pid.startswith("D")


def school_of(pid):
    return person_by_id[pid]["school"]


def allowed(u, v, wave):
    """May the random parts of the generator create a tie between u and v in this wave?
    Planted ties (single contacts, outreach) are added directly and bypass this."""
    if u == v or u in iso_staff_set or v in iso_staff_set:
        return False
    deg0 = degree0_principals if wave == 1 else [principal[x] for x in degree0_schools
                                                   if x not in reached_schools]
    if u in deg0 or v in deg0:
        return False
    staffonly = list(staffonly_principals)
    if wave == 2:
        staffonly = [x for x in staffonly if x not in reached_principals]
        # A principal of a school the district reached out to may now tie to anyone in school.
    for a, b in ((u, v), (v, u)):
        if a in staffonly:
            if person_by_id[b]["kind"] != "staff" or school_of(b) != school_of(a):
                return False
        if wave == 2 and a in reached_principals:
            if is_district(b) or school_of(b) != school_of(a):
                return False  # district ties of reached schools are the planted outreach ties
    du, dv = is_district(u), is_district(v)
    if du and dv:
        return True
    if du or dv:
        other = v if du else u
        return school_of(other) in normal_schools and other not in staffonly_principals
    su, sv = school_of(u), school_of(v)
    if su == sv:
        return True
    # cross-school: leaders only, not in isolated schools
    if person_by_id[u]["role"] != "school_leader" or person_by_id[v]["role"] != "school_leader":
        return False
    return su not in isolated_schools and sv not in isolated_schools


def pick_type(weights):
    return weighted_choice(TYPES, weights)


# District member "reach": a couple of hubs, several regulars, a few mostly internal.
DISTRICT_REACH = [9, 6, 5, 5, 4, 4, 3, 3, 3, 2, 2, 1]
district_reach = dict(zip(district, DISTRICT_REACH))


def pick_district(exclude=()):
    cands = [d for d in district if d not in exclude]
    return weighted_choice(cands, [district_reach[d] for d in cands])


def district_ties_of_school(ts, sid):
    """(school person, district member) pairs with any tie, in a stable order."""
    pairs = []
    for (a, b, _t) in ts.rows:
        for x, y in ((a, b), (b, a)):
            if is_district(y) and not is_district(x) and school_of(x) == sid and (x, y) not in pairs:
                pairs.append((x, y))
    return pairs


def ensure_two_and_two(ts, sid, wave):
    """An ordinary school must reach the district through >= 2 of its people and >= 2 district
    members, so that it is clearly not a single point of contact."""
    for _ in range(50):
        pairs = district_ties_of_school(ts, sid)
        people_side = []
        dist_side = []
        for x, y in pairs:
            if x not in people_side:
                people_side.append(x)
            if y not in dist_side:
                dist_side.append(y)
        if len(people_side) >= 2 and len(dist_side) >= 2:
            return
        if len(people_side) < 2:
            cands = [x for x in members[sid] if x not in people_side
                     and allowed(x, district[0], wave)]
            x = rng.choice(cands)
            d = pick_district(exclude=dist_side if len(dist_side) < 2 else ())
        else:
            x = rng.choice(people_side)
            d = pick_district(exclude=dist_side)
        ts.add(x, d, pick_type([40, 15, 30, 15]))
    raise RuntimeError("could not repair " + sid)


w1 = TieSet(1, W1_START, W1_END)

# ---- 1. District team among themselves ----
for i in range(len(district)):
    for j in range(i + 1, len(district)):
        a, b = district[i], district[j]
        if rng.random() < 0.78:
            w1.add(a, b, "shared_project", weight=weighted_choice([1, 2, 3], [15, 45, 40]))
        if rng.random() < 0.30:
            w1.add(a, b, "past_collaboration")
        if rng.random() < 0.35:
            w1.add(a, b, "contact_exchange")
        if rng.random() < 0.22:
            w1.add(a, b, "social")
        if not w1.has_pair(a, b) and rng.random() < 0.5:
            w1.add(a, b, "contact_exchange", weight=1)

# ---- 2. District <-> schools: the core of the map ----
# Latent openness of each ordinary school to the district office.
openness = {}
for sid in normal_schools:
    openness[sid] = rng.gauss(0.0, 1.0)

DIST_TYPE_W = [40, 20, 25, 15]  # shared_project, past_collaboration, contact_exchange, social
for sid in normal_schools:
    z = openness[sid]
    leaders = [principal[sid]] + ([sel_lead[sid]] if sid in sel_lead else [])
    for ld in leaders:
        if ld in staffonly_principals:
            continue
        boost = 0.6 if person_by_id[ld]["kind"] == "sel_lead" else 0.0
        k = int(clamp(round(2.0 + 0.9 * z + boost + rng.gauss(0, 0.6)), 1, 4))
        made = 0
        tries = 0
        while made < k and tries < 40:
            tries += 1
            if w1.add(ld, pick_district(), pick_type(DIST_TYPE_W)):
                made += 1
    p_staff = clamp(0.07 + 0.07 * z, 0.0, 0.25)
    for st in staff_of[sid]:
        if not allowed(st, district[0], 1):
            continue
        dept = person_by_id[st]["department"]
        p = p_staff * (2.2 if dept in ("counseling", "special_education") else 1.0)
        if rng.random() < p:
            w1.add(st, pick_district(), pick_type([45, 15, 30, 10]))
    ensure_two_and_two(w1, sid, 1)

# Single point of contact: one principal, one district member, one tie.
spoc_pairs = []
for sid in spoc_schools:
    d = pick_district()
    w1.add(principal[sid], d, "shared_project", weight=rng.choice([1, 2]))
    spoc_pairs.append((sid, principal[sid], d))

# ---- 3. Within schools ----
WITHIN_TYPE_W = [38, 30, 7, 25]
density_target = {}
for s in schools:
    sid = s["id"]
    d = rng.uniform(0.14, 0.5)
    density_target[sid] = d
    mem = members[sid]
    for i in range(len(mem)):
        for j in range(i + 1, len(mem)):
            a, b = mem[i], mem[j]
            if not allowed(a, b, 1):
                continue
            p = d
            kinds = (person_by_id[a]["kind"], person_by_id[b]["kind"])
            if "principal" in kinds or "sel_lead" in kinds:
                p = min(0.9, p * 1.4)
            nr = (person_by_id[a]["responded"] == "no") + (person_by_id[b]["responded"] == "no")
            p *= (1.0, 0.55, 0.0)[nr]  # ties of non-respondents rest on the other side's report
            if rng.random() < p:
                t = pick_type(WITHIN_TYPE_W)
                w1.add(a, b, t)
                if rng.random() < 0.22:
                    w1.add(a, b, pick_type(WITHIN_TYPE_W))

# Staff-only principals need some ties to their staff.
for pr in staffonly_principals:
    sid = school_of(pr)
    cands = [x for x in staff_of[sid] if allowed(pr, x, 1) and person_by_id[x]["responded"] == "yes"]
    while len(w1.neighbours(pr)) < 3:
        w1.add(pr, rng.choice(cands), pick_type([45, 25, 5, 25]))

# ---- 4. A few cross-school ties between leaders ----
cross_leaders = [x for x in all_leaders
                 if school_of(x) not in isolated_schools and x not in isolated_principals]
made = 0
while made < 26:
    a, b = rng.sample(cross_leaders, 2)
    if school_of(a) == school_of(b) or not allowed(a, b, 1):
        continue
    if w1.add(a, b, weighted_choice(["past_collaboration", "social", "contact_exchange"],
                                     [50, 35, 15])):
        made += 1

# ---- 5. Nobody except the planted cases is left without ties ----
def fill_orphans(ts, wave, degree0_expected):
    for p in people:
        pid = p["id"]
        if pid in degree0_expected or ts.degree(pid) > 0:
            continue
        if is_district(pid):
            ts.add(pid, pick_district(exclude=[pid]), "shared_project")
            continue
        cands = [x for x in members[school_of(pid)]
                 if x != pid and allowed(pid, x, wave) and person_by_id[x]["responded"] == "yes"]
        ts.add(pid, rng.choice(cands), pick_type(WITHIN_TYPE_W))


fill_orphans(w1, 1, set(iso_staff + degree0_principals))

# --------------------------------------------------------------------------------------------
# Participation outcomes per school (from the wave-1 network)
# --------------------------------------------------------------------------------------------

def school_stats(ts, sid):
    mem = members[sid]
    memset = set(mem)
    dist_count = 0
    dist_weight = 0
    pairs = set()
    for (a, b, _t), row in ts.rows.items():
        a_in, b_in = a in memset, b in memset
        if (a_in and is_district(b)) or (b_in and is_district(a)):
            dist_count += 1
            dist_weight += row["weight"]
        elif a_in and b_in:
            pairs.add((a, b))
    n = len(mem)
    density = len(pairs) / (n * (n - 1) / 2)
    return dist_count, dist_weight, density


stats = {s["id"]: school_stats(w1, s["id"]) for s in schools}


def zscores(values):
    m = sum(values) / len(values)
    sd = math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))
    return [(v - m) / sd for v in values]


conn_raw = [math.log1p(stats[s["id"]][1]) for s in schools]
dens_raw = [stats[s["id"]][2] for s in schools]
conn_z = dict(zip([s["id"] for s in schools], zscores(conn_raw)))
dens_z = dict(zip([s["id"] for s in schools], zscores(dens_raw)))

for s in schools:
    sid = s["id"]
    c, d = conn_z[sid], dens_z[sid]
    # A school-level engagement factor shared by the outcomes, plus outcome-specific noise.
    engage = 0.75 * c + 0.15 * d + rng.gauss(0, 0.9)
    s["pl_attendance_rate"] = "%.3f" % clamp(logistic(0.55 + 0.85 * engage + rng.gauss(0, 0.25)),
                                             0.0, 1.0)
    s["voluntary_pl_sessions"] = poisson(math.exp(1.3 + 0.6 * engage + rng.gauss(0, 0.15)))
    s["email_response_hours"] = "%.1f" % math.exp(3.0 - 0.45 * engage + rng.gauss(0, 0.35))
    s["visit_scheduling_days"] = max(1, round(math.exp(2.1 - 0.35 * engage + rng.gauss(0, 0.3))))
    s["uptake_rate"] = "%.3f" % clamp(logistic(-0.2 + 0.7 * engage + 0.2 * d + rng.gauss(0, 0.35)),
                                      0.0, 1.0)
    trust = 3.3 + 0.5 * d + 0.1 * c + rng.gauss(0, 0.3)
    s["climate_trust_score"] = "%.2f" % clamp(trust, 1.0, 5.0)
    s["sent_staff_to_voluntary_pl"] = 1 if rng.random() < logistic(0.4 + 1.3 * engage) else 0

# --------------------------------------------------------------------------------------------
# Wave 2, a year later
# --------------------------------------------------------------------------------------------

w2 = TieSet(2, W2_START, W2_END)
spoc_keys = [TieSet.key(p, d, "shared_project") for (_s, p, d) in spoc_pairs]
dissolved = []
for k, row in w1.rows.items():
    a, b, t = k
    protected = k in spoc_keys
    if not protected and not allowed(a, b, 2):
        dissolved.append(k)
        continue
    if protected or rng.random() < 0.85:
        wt = row["weight"]
        r = rng.random()
        if r < 0.12:
            wt = min(3, wt + 1)
        elif r < 0.20:
            wt = max(1, wt - 1)
        w2.add(a, b, t, weight=wt)
    else:
        dissolved.append(k)

# New ties: within schools, district <-> ordinary schools, district team, cross-school leaders.
for s in schools:
    sid = s["id"]
    mem = members[sid]
    pairs = [(mem[i], mem[j]) for i in range(len(mem)) for j in range(i + 1, len(mem))
             if allowed(mem[i], mem[j], 2) and not w2.has_pair(mem[i], mem[j])]
    n_new = round(len(pairs) * density_target[sid] * 0.22)
    for a, b in rng.sample(pairs, min(n_new, len(pairs))):
        w2.add(a, b, pick_type(WITHIN_TYPE_W))

for sid in normal_schools:
    connectors = [x for x in members[sid] if allowed(x, district[0], 2)
                  and person_by_id[x]["role"] == "school_leader"]
    for _ in range(rng.randint(0, 2)):
        if connectors:
            w2.add(rng.choice(connectors), pick_district(), pick_type(DIST_TYPE_W))
    if rng.random() < 0.3:
        st = rng.choice([x for x in staff_of[sid] if allowed(x, district[0], 2)])
        w2.add(st, pick_district(), pick_type([45, 15, 30, 10]))

for _ in range(8):
    a, b = rng.sample(district, 2)
    w2.add(a, b, pick_type([50, 10, 20, 20]))

made = 0
while made < 6:
    a, b = rng.sample(cross_leaders, 2)
    if school_of(a) == school_of(b) or not allowed(a, b, 2):
        continue
    if w2.add(a, b, weighted_choice(["past_collaboration", "social", "contact_exchange"],
                                     [40, 40, 20])):
        made += 1

# Outreach: the district reached two of the isolated schools.
outreach = []
for sid in reached_schools:
    pr = principal[sid]
    d1 = pick_district(exclude=district[:1])  # a liaison, not D01 (the busiest hub)
    d2 = pick_district(exclude=[d1])
    w2.add(pr, d1, "shared_project", weight=2)
    w2.add(pr, d1, "contact_exchange", weight=2)
    w2.add(pr, d2, "contact_exchange", weight=1)
    st = rng.choice([x for x in staff_of[sid] if x not in iso_staff_set
                     and person_by_id[x]["responded"] == "yes"])
    w2.add(st, d1, "shared_project", weight=1)
    outreach.append((sid, pr, [d1, d2], st))
    # The re-engaged principal now also works with staff.
    cands = [x for x in staff_of[sid] if allowed(pr, x, 2) and not w2.has_pair(pr, x)]
    for x in rng.sample(cands, min(3, len(cands))):
        w2.add(pr, x, pick_type([50, 20, 5, 25]))

# Leaders of ordinary schools keep at least one district tie: if all of theirs dissolved, the
# first of them is taken to persist after all.
for sid in normal_schools:
    for ld in [principal[sid]] + ([sel_lead[sid]] if sid in sel_lead else []):
        if ld in staffonly_principals or any(is_district(y) for y in w2.neighbours(ld)):
            continue
        for (a, b, t) in dissolved:
            if ld in (a, b) and (is_district(a) or is_district(b)):
                w2.add(a, b, t, weight=w1.rows[(a, b, t)]["weight"])
                break
    ensure_two_and_two(w2, sid, 2)

degree0_w2 = [principal[x] for x in degree0_schools if x not in reached_schools]
fill_orphans(w2, 2, set(iso_staff + degree0_w2))

# --------------------------------------------------------------------------------------------
# Self-checks of the planted structure (fail loudly rather than write wrong documentation)
# --------------------------------------------------------------------------------------------


def check(ts, wave):
    deg0 = degree0_principals if wave == 1 else degree0_w2
    iso = isolated_schools if wave == 1 else still_isolated_schools
    for pid in deg0 + iso_staff:
        assert ts.degree(pid) == 0, (wave, pid)
    for p in people:
        if p["id"] not in deg0 and p["id"] not in iso_staff:
            assert ts.degree(p["id"]) > 0, (wave, p["id"])
    for sid in iso:
        assert district_ties_of_school(ts, sid) == [], (wave, sid)
    for sid, pr, d in spoc_pairs:
        assert district_ties_of_school(ts, sid) == [(pr, d)], (wave, sid)
        assert sum(1 for k in ts.rows if set(k[:2]) == {pr, d}) == 1
    for sid in normal_schools:
        pairs = district_ties_of_school(ts, sid)
        assert len({x for x, _ in pairs}) >= 2 and len({y for _, y in pairs}) >= 2, (wave, sid)
    expect_no_district = isolated_principals if wave == 1 else \
        [x for x in isolated_principals if x not in reached_principals]
    leaders_without = [x for x in all_leaders
                       if not any(is_district(y) for y in ts.neighbours(x))]
    assert sorted(leaders_without) == sorted(expect_no_district), (wave, leaders_without)
    staffonly = staffonly_principals if wave == 1 else \
        [x for x in staffonly_principals if x not in reached_principals]
    for pr in staffonly:
        nb = ts.neighbours(pr)
        assert nb and all(person_by_id[y]["kind"] == "staff" and school_of(y) == school_of(pr)
                          for y in nb), (wave, pr)


check(w1, 1)
check(w2, 2)

# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

PEOPLE_COLS = ["id", "name", "role", "school", "responded", "hire_date", "grade_band",
               "race_ethnicity", "age_band", "department"]
TIE_COLS = ["source", "target", "type", "weight", "wave", "date"]
SCHOOL_COLS = ["id", "name", "level", "enrollment", "pl_attendance_rate", "voluntary_pl_sessions",
               "email_response_hours", "visit_scheduling_days", "uptake_rate",
               "climate_trust_score", "sent_staff_to_voluntary_pl"]


def write_csv(relpath, cols, rows):
    path = os.path.join(HERE, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r[c] for c in cols])


def sorted_ties(ts):
    order = {t: i for i, t in enumerate(TYPES)}
    return sorted(ts.rows.values(),
                  key=lambda r: (r["date"], r["source"], r["target"], order[r["type"]]))


write_csv("people.csv", PEOPLE_COLS, people)
write_csv("ties.csv", TIE_COLS, sorted_ties(w1))
write_csv("wave2/ties.csv", TIE_COLS, sorted_ties(w2))
write_csv("schools.csv", SCHOOL_COLS, schools)

# --------------------------------------------------------------------------------------------
# README
# --------------------------------------------------------------------------------------------


def spearman(x, y):
    def ranks(v):
        idx = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(v):
            j = i
            while j + 1 < len(v) and v[idx[j + 1]] == v[idx[i]]:
                j += 1
            for k in range(i, j + 1):
                r[idx[k]] = (i + j) / 2.0 + 1
            i = j + 1
        return r
    rx, ry = ranks(x), ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    num = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    den = math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))
    return num / den


def label(pid):
    p = person_by_id[pid]
    return "`%s` (%s)" % (pid, p["name"])


def sname(sid):
    return "`%s` %s" % (sid, school_by_id[sid]["name"])


def type_counts(ts):
    c = {t: 0 for t in TYPES}
    for (_a, _b, t) in ts.rows:
        c[t] += 1
    return c


dist_counts = [stats[s["id"]][0] for s in schools]
pl = [float(s["pl_attendance_rate"]) for s in schools]
rho = spearman(dist_counts, pl)
q1 = sorted(pl)[len(pl) // 4 - 1]
iso_bottom = [x for x in isolated_schools if float(school_by_id[x]["pl_attendance_rate"]) <= q1]
tc1, tc2 = type_counts(w1), type_counts(w2)
persisted = sum(1 for k in w1.rows if k in w2.rows)
new_in_w2 = sum(1 for k in w2.rows if k not in w1.rows)
n_people = len(people)
n_staff = len(all_staff)
n_leaders = len(all_leaders)
n_with_sel = sum(1 for x in has_sel_lead.values() if x)

L = []
A = L.append
A("# Example district: %s" % DISTRICT_NAME)
A("")
A("A realistic but entirely **fictional** school district used as staffnet's bundled example, in")
A("its tests and in the documentation. Every person, school and number here is made up by")
A("`generate.py`; any resemblance to real people or schools is coincidental.")
A("")
A("Do not edit the CSV files or this README by hand: change `generate.py` and run")
A("")
A("    /usr/bin/python3 examples/district/generate.py")
A("")
A("It uses only the Python standard library and one fixed seed (`random.Random(%d)`), so two runs"
  % SEED)
A("produce byte-identical files.")
A("")
A("## The district")
A("")
A("- **%d people**: %d district SEL team members (`D01`-`D12`), %d school leaders "
  "(%d principals and %d SEL leads) and %d staff." % (n_people, len(district), n_leaders,
                                                      len(schools), n_with_sel, n_staff))
A("- **%d schools** (`S01`-`S40`): %d elementary, %d middle, %d high." % (
    len(schools), levels.count("elementary"), levels.count("middle"), levels.count("high")))
A("- Every school has a principal; %d of the 40 also have an SEL lead (not %s)." % (
    n_with_sel, ", ".join("`%s`" % x for x in sorted(x for x in has_sel_lead if not has_sel_lead[x]))))
A("- Each school lists 9-12 staff who were invited to the relationship-mapping survey.")
A("- Wave 1 (`ties.csv`) was collected August-October 2026; wave 2 (`wave2/ties.csv`) a year")
A("  later, September-October 2027.")
A("")
A("## Files")
A("")
A("All files are UTF-8 without a byte-order mark, LF line endings, comma separated, with a header")
A("row; fields are quoted only when needed (one name contains a comma).")
A("")
A("### people.csv (%d rows)" % n_people)
A("")
A("| column | meaning |")
A("|---|---|")
A("| `id` | `D01`-`D12` for the district team, `P001`... for school people (by school, leaders first) |")
A("| `name` | full name; includes non-ASCII and punctuation on purpose (see below) |")
A("| `role` | `district_team`, `school_leader` or `staff` |")
A("| `school` | school id; blank for the district team |")
A("| `responded` | `yes` if the person took part in the mapping survey, `no` if not |")
A("| `hire_date` | ISO date, 1995-2025 |")
A("| `grade_band` | `K-2`, `3-5`, `6-8` or `9-12`, matching the school level; blank for the district team |")
A("| `race_ethnicity` | Asian, Black, Hispanic/Latino, White, Multiracial or Native American |")
A("| `age_band` | `20-29`, `30-39`, `40-49`, `50-59`, `60+` |")
A("| `department` | `SEL` (district team), `administration` (principals and some staff), `counseling` (SEL leads and some staff), `classroom`, `special_education` |")
A("")
A("Principals and SEL leads share the role `school_leader`; the principal is the one whose")
A("department is `administration` and is always the first person listed for the school.")
A("")
A("### ties.csv (%d rows) and wave2/ties.csv (%d rows)" % (len(w1.rows), len(w2.rows)))
A("")
A("| column | meaning |")
A("|---|---|")
A("| `source`, `target` | person ids. Ties are **undirected**; `source` is the person who reported the tie, so the pair is in no particular order |")
A("| `type` | `shared_project`, `past_collaboration`, `contact_exchange` (exchanged cell numbers) or `social` |")
A("| `weight` | strength, integer 1 (weak) to 3 (strong) |")
A("| `wave` | `1` in ties.csv, `2` in wave2/ties.csv |")
A("| `date` | ISO date the tie was recorded |")
A("")
A("Each unordered pair appears at most once per type (a pair may have several types). There are")
A("no self-ties. A tie with a non-respondent was reported by the other person, so it is the")
A("non-respondent's `target`; non-respondents have fewer ties than they really would.")
A("")
A("| type | wave 1 | wave 2 |")
A("|---|---|---|")
for t in TYPES:
    A("| `%s` | %d | %d |" % (t, tc1[t], tc2[t]))
A("| **total** | %d | %d |" % (len(w1.rows), len(w2.rows)))
A("")
A("### schools.csv (%d rows)" % len(schools))
A("")
A("| column | meaning |")
A("|---|---|")
A("| `id`, `name`, `level` | `S01`-`S40`; level `elementary`, `middle` or `high` |")
A("| `enrollment` | students |")
A("| `pl_attendance_rate` | share of invited staff attending district professional learning, 0-1 (higher is better) |")
A("| `voluntary_pl_sessions` | voluntary PL sessions the school's staff attended this year (higher is better) |")
A("| `email_response_hours` | median hours to answer a district email (**lower** is better) |")
A("| `visit_scheduling_days` | days to schedule a district visit (**lower** is better) |")
A("| `uptake_rate` | share of offered SEL practices adopted, 0-1 (higher is better) |")
A("| `climate_trust_score` | staff climate survey trust scale, 1-5 |")
A("| `sent_staff_to_voluntary_pl` | 1 if the school sent anyone to optional PL, else 0 |")
A("")
A("The participation columns were generated from each school's wave-1 connectedness to the")
A("district team (log of the summed weight of its ties to `D` people) through a shared noisy")
A("engagement factor, plus outcome-specific noise; `climate_trust_score` depends mainly on the")
A("school's internal tie density. The Spearman correlation between the number of wave-1 ties a")
A("school's people have to the district team and `pl_attendance_rate` is **rho = %.3f** (n = 40)."
  % rho)
A("%d of the 4 isolated schools are in the bottom quartile of `pl_attendance_rate` (<= %.3f)."
  % (len(iso_bottom), q1))
A("")
A("## Planted structure")
A("")
A("These are deliberate and verified by `generate.py` itself when it runs; tests rely on them.")
A("\"District tie\" means a tie of any type between a school person and a `D` person.")
A("")
A("### Wave 1 (ties.csv)")
A("")
A("**Isolated leaders** - the 5 principals with no tie to any district team member. They are")
A("exactly the school leaders (principals or SEL leads) with no district tie:")
A("")
for pr in isolated_principals:
    sid = school_of(pr)
    if pr in degree0_principals:
        what = "**no ties at all** (degree 0)"
    else:
        what = "tied only to their own staff (%d of them)" % len(w1.neighbours(pr))
    where = "isolated school" if sid in isolated_schools else \
        "school still reaches the district through its SEL lead and staff"
    A("- %s, principal of %s: %s; %s" % (label(pr), sname(sid), what, where))
A("")
A("- Degree-0 principals: %s." % ", ".join("`%s`" % x for x in degree0_principals))
A("- Principals tied only to their own staff: %s." % ", ".join("`%s`" % x for x in staffonly_principals))
A("")
A("**Isolated schools** - 4 schools where nobody (leader or staff) has a district tie. None of")
A("them has an SEL lead; their principals are four of the five isolated leaders. They also have no")
A("cross-school ties, so each forms its own component(s) apart from the district:")
A("")
for sid in isolated_schools:
    kind = "principal degree 0" if sid in degree0_schools else "principal tied only to staff"
    A("- %s (%s; principal %s)" % (sname(sid), kind, "`%s`" % principal[sid]))
A("")
A("**Single point of contact** - 3 schools whose only district connection is one tie between")
A("their principal and one district member (no SEL lead, no staff-district ties):")
A("")
for sid, pr, d in spoc_pairs:
    A("- %s: principal %s -- %s (`shared_project`)" % (sname(sid), label(pr), label(d)))
A("")
A("Every other school (%d) reaches the district through at least two of its people and at least"
  % len([x for x in normal_schools]))
A("two district members.")
A("")
A("**People with no ties at all** in wave 1: the 2 degree-0 principals above plus %d staff:"
  % len(iso_staff))
A("")
for pid in iso_staff:
    p = person_by_id[pid]
    note = "did not respond: missing data, not isolation" if p["responded"] == "no" \
        else "responded: genuinely isolated"
    A("- %s, %s (%s)" % (label(pid), sname(p["school"]), note))
A("")
A("Everyone else, including every district team member, has at least one tie.")
A("")
A("**Non-respondents** (`responded` = `no`): %d staff (%s) and one school leader, the SEL lead %s"
  % (len(nonresp_staff), ", ".join("`%s`" % x for x in nonresp_staff), label(nonresp_leader)))
A("of %s, whose ties were all reported by others." % sname(school_of(nonresp_leader)))
A("")
A("### Wave 2 (wave2/ties.csv)")
A("")
A("- %d of the %d wave-1 ties persist (%.1f%%); %d are new. Persisting ties may change weight by one."
  % (persisted, len(w1.rows), 100.0 * persisted / len(w1.rows), new_in_w2))
A("- **Outreach**: the district reached out to 2 of the isolated schools, which now have district ties:")
for sid, pr, ds, st in outreach:
    A("  - %s: principal `%s` -- %s; staff `%s` -- `%s`." % (
        sname(sid), pr, " and ".join("`%s`" % d for d in ds), st, ds[0]))
A("- **Still isolated schools**: %s (no district ties)." % ", ".join("`%s`" % x for x in still_isolated_schools))
A("- Still isolated leaders (no district tie): %s; of them `%s` still has no ties at all and %s are"
  % (", ".join("`%s`" % x for x in isolated_principals if x not in reached_principals),
     degree0_w2[0], " and ".join("`%s`" % x for x in staffonly_principals if x not in reached_principals)))
A("  still tied only to their own staff. These are again exactly the leaders with no district tie.")
A("- The single-point-of-contact schools keep exactly their one wave-1 tie.")
A("- People with no ties at all in wave 2: `%s` and the same %d staff as in wave 1."
  % (degree0_w2[0], len(iso_staff)))
A("")
A("## Names that exercise parsing")
A("")
for pid in special_names:
    A("- `%s`: %s" % (pid, person_by_id[pid]["name"]))
A("")
A("`Marcus Bell, Jr.` contains a comma, so that field is quoted in people.csv.")
A("")

with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="") as f:
    f.write("\n".join(L))
