"""PBKDF2 and scrypt reference: Python's hashlib, which calls the same OpenSSL functions AuthCore does.

PBKDF2-HMAC-SHA256 at 600,000 iterations and scrypt at N=2^17, r=8, p=1 (OWASP Password Storage Cheat
Sheet), 32-byte output. Compare with the CryptoPrimitives KeyDerivation benchmarks.
Usage: python3 kdf_reference.py [--runs N]
"""

import argparse
import hashlib

from _timing import emit, summarise, time_each

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--runs", type=int, default=20, help="timed runs per function")
args = parser.parse_args()

password = b"correct horse battery staple"
salt = bytes([0x5A]) * 16

results = {
    "hashlib.pbkdf2_hmac sha256 600000": summarise(
        time_each(lambda: hashlib.pbkdf2_hmac("sha256", password, salt, 600_000, 32), args.runs, warmup=1), "ms"
    ),
    "hashlib.scrypt N=2^17 r=8 p=1": summarise(
        time_each(
            lambda: hashlib.scrypt(password, salt=salt, n=1 << 17, r=8, p=1, maxmem=256 * 1024 * 1024, dklen=32),
            max(10, args.runs // 2),
            warmup=1,
        ),
        "ms",
    ),
}
emit("PBKDF2-SHA256 600k and scrypt N=2^17 r=8 p=1 (hashlib over OpenSSL)", results)
