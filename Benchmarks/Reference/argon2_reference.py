"""Argon2id reference: argon2-cffi's libargon2 (C) at OWASP's minimum parameters.

m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte tag (RFC 9106 / OWASP Password Storage Cheat Sheet).
Compare with the PasswordHashing benchmark target. Usage: python3 argon2_reference.py [--runs N]
"""

import argparse
import os

from argon2.low_level import Type, hash_secret_raw

from _timing import emit, summarise, time_each

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--runs", type=int, default=100, help="timed runs (at least 50)")
args = parser.parse_args()
runs = max(50, args.runs)

password = b"correct horse battery staple"
salt = os.urandom(16)


def one_hash():
    hash_secret_raw(password, salt, time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, type=Type.ID)


emit(
    "argon2id m=19456 KiB t=2 p=1 salt=16 tag=32 (argon2.low_level.hash_secret_raw)",
    {"hash_secret_raw": summarise(time_each(one_hash, runs, warmup=5), "ms")},
    packages=("argon2-cffi", "argon2-cffi-bindings"),
)
