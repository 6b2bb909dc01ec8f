"""RBAC check reference: pycasbin's Enforcer.enforce on the RBAC-with-domains model of issue 12, on the
same policies as Benchmarks/RBAC (RBACBenchmarks): 100 roles in 10 tenants; rule i is
`p, role(i % 100), tenant((i / 100) % 10), res(i / 8), act(i % 8), allow`; within each group of five
roles each inherits the one below it, in every tenant; 1,000 users, user u holding role(u % 100) in
tenant(u % 10). The requests are the Swift benchmark's: per user, an allowed one and a denied one.

Casbin evaluates the matcher against every p line, so a check's cost grows with the rules. Each sample
is one call (a call takes milliseconds at these sizes); the load time is reported too.
Usage: python3 casbin_reference.py [--sizes 1000 10000 100000] [--runs N]
"""

import argparse
import os
import tempfile
import time

import casbin

from _timing import emit, summarise, time_each

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


def policy(rules):
    lines = [f"p, role{i % 100}, tenant{(i // 100) % 10}, res{i // 8}, act{i % 8}, allow" for i in range(rules)]
    for tenant in range(10):
        lines += [f"g, role{r}, role{r - 1}, tenant{tenant}" for r in range(100) if r % 5 != 0]
    lines += [f"g, user{u}, role{u % 100}, tenant{u % 10}" for u in range(1000)]
    return "\n".join(lines) + "\n"


def request(user, allowed):
    index = user % 100 + 100 * (user % 10)
    action = index % 8 if allowed else (index % 8 + 1) % 8
    return (f"user{user}", f"tenant{user % 10}", f"res{index // 8}", f"act{action}")


parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
parser.add_argument("--runs", type=int, default=20, help="calls timed per size and kind")
args = parser.parse_args()

results = {}
with tempfile.TemporaryDirectory() as folder:
    model_path = os.path.join(folder, "model.conf")
    with open(model_path, "w") as f:
        f.write(MODEL)
    for rules in args.sizes:
        policy_path = os.path.join(folder, f"policy-{rules}.csv")
        with open(policy_path, "w") as f:
            f.write(policy(rules))
        start = time.perf_counter()
        enforcer = casbin.Enforcer(model_path, policy_path)
        load_seconds = time.perf_counter() - start
        for user in range(0, 1000, 97):
            assert enforcer.enforce(*request(user, True)), request(user, True)
            assert not enforcer.enforce(*request(user, False)), request(user, False)
        results[f"load policy, {rules} rules"] = {"unit": "s", "seconds": round(load_seconds, 3)}
        for allowed in (True, False):
            users = iter(range(10**9))
            samples = time_each(lambda: enforcer.enforce(*request(next(users) % 1000, allowed)), args.runs, 2)
            results[f"enforce, {'allowed' if allowed else 'denied'}, {rules} rules"] = summarise(samples, "ms")
emit("pycasbin Enforcer.enforce, RBAC with domains", results, packages=("casbin",))
