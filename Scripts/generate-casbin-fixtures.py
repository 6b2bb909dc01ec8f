#!/usr/bin/env python3
"""Generates Tests/RBACTests/Fixtures/casbin-differential.json: random Casbin policies for the
RBAC-with-domains model of issue 12, and pycasbin's decision for every request of a fixed grid.

The Swift test (CasbinDifferentialTests) imports each policy with CasbinPolicyImporter and compares
every decision, without Python. Run from the repository root:

    python3 -m venv /tmp/casbin-venv && /tmp/casbin-venv/bin/pip install -r Scripts/requirements-casbin.txt
    /tmp/casbin-venv/bin/python Scripts/generate-casbin-fixtures.py

Policies stay within pycasbin's default role hierarchy depth (10): roles only inherit from roles with
a lower number, so a path from a user is at most 1 + (roles - 1) <= 8 edges long.
"""

import importlib.metadata
import json
import os
import random
import tempfile

import casbin

MODEL = """
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act, eft

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act
"""

SEED = 12
POLICIES = 120
USERS = ["u0", "u1", "u2", "u3", "u4", "u5", "nobody"]
DOMAINS = ["d0", "d1", "d2", "elsewhere"]
OBJECTS = ["data1", "data2", "leads", "inv.2026", "case-7"]
ACTIONS = ["read", "write", "approve"]


def random_policy(rng):
    domains = DOMAINS[: rng.randint(1, 3)]
    roles = [f"r{i}" for i in range(rng.randint(1, 7))]
    lines = []
    for user in USERS[:6]:
        for _ in range(rng.randint(0, 4)):
            lines.append(f"g, {user}, {rng.choice(roles)}, {rng.choice(domains)}")
    for senior in range(len(roles)):
        for junior in range(senior):
            if rng.random() < 0.3:
                lines.append(f"g, {roles[senior]}, {roles[junior]}, {rng.choice(domains)}")
    for _ in range(rng.randint(1, 60)):
        subject = rng.choice(roles) if rng.random() < 0.8 else rng.choice(USERS[:6])
        effect = "allow" if rng.random() < 0.7 else "deny"
        lines.append(
            f"p, {subject}, {rng.choice(domains)}, {rng.choice(OBJECTS)}, {rng.choice(ACTIONS)}, {effect}")
    rng.shuffle(lines)
    return "\n".join(lines) + "\n"


def decisions(policy_text, requests):
    with tempfile.TemporaryDirectory() as folder:
        model_path = os.path.join(folder, "model.conf")
        policy_path = os.path.join(folder, "policy.csv")
        with open(model_path, "w") as f:
            f.write(MODEL)
        with open(policy_path, "w") as f:
            f.write(policy_text)
        enforcer = casbin.Enforcer(model_path, policy_path)
        return "".join("1" if enforcer.enforce(*request) else "0" for request in requests)


def main():
    rng = random.Random(SEED)
    requests = [[u, d, o, a] for u in USERS for d in DOMAINS for o in OBJECTS for a in ACTIONS]
    policies = []
    for _ in range(POLICIES):
        text = random_policy(rng)
        policies.append({"policy": text, "decisions": decisions(text, requests)})
    fixture = {
        "generator": "Scripts/generate-casbin-fixtures.py",
        "casbin": "pycasbin " + importlib.metadata.version("casbin"),
        "model": MODEL.strip(),
        "requests": requests,
        "policies": policies,
    }
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(root, "Tests", "RBACTests", "Fixtures", "casbin-differential.json")
    with open(path, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    allowed = sum(p["decisions"].count("1") for p in policies)
    total = sum(len(p["decisions"]) for p in policies)
    print(f"{len(policies)} policies, {total} decisions ({allowed} allowed) -> {path}")


if __name__ == "__main__":
    main()
