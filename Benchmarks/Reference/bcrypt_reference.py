"""bcrypt reference: pyca/bcrypt's bcrypt.hashpw at cost 10 and 12.

The salt (gensalt) is made outside the timed call. Compare with the PasswordHashing benchmark target.
Usage: python3 bcrypt_reference.py [--runs N]
"""

import argparse

import bcrypt

from _timing import emit, summarise, time_each

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--runs", type=int, default=20, help="timed runs per cost (at least 10)")
args = parser.parse_args()
runs = max(10, args.runs)

password = b"correct horse battery staple"
results = {}
for cost in (10, 12):
    salt = bcrypt.gensalt(rounds=cost)
    results[f"hashpw cost {cost}"] = summarise(time_each(lambda: bcrypt.hashpw(password, salt), runs, warmup=1), "ms")

emit("bcrypt.hashpw cost 10 and 12", results, packages=("bcrypt",))
