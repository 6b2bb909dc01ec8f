#!/usr/bin/env python3
"""Generate bcrypt.json: interoperability fixtures made by pyca/bcrypt (https://pypi.org/project/bcrypt/).

Usage: pip install bcrypt && python3 generate_bcrypt.py > bcrypt.json

Each vector holds the password as hex (bytes exactly as hashed, so encodings cannot drift), a note,
and the modular-crypt hash pyca/bcrypt produced with a random salt.

pyca/bcrypt 5.0 refuses passwords over 72 bytes ("truncate manually if necessary"). For those vectors
the script hashes password[:72] and records the full password with "truncated": true; bcrypt itself
reads at most 72 key bytes, so the Swift implementation must verify the full password against it.
pyca/bcrypt's gensalt only writes $2a$ and $2b$; $2y$ vectors pass a $2y$ salt to hashpw, which it accepts.
"""
import json
import sys

import bcrypt

CASES = [
    # (password bytes, note, cost, prefix)
    (b"", "empty", 4, b"2b"),
    (b"", "empty", 6, b"2a"),
    (b"password", "ASCII", 4, b"2b"),
    (b"password", "ASCII", 5, b"2a"),
    (b"password", "ASCII", 6, b"2y"),
    (b"correct horse battery staple", "ASCII with spaces", 7, b"2b"),
    (b"Tr0ub4dor&3", "ASCII punctuation", 8, b"2b"),
    ("pässwörd".encode(), "Latin-1 letters, UTF-8", 5, b"2b"),
    ("пароль".encode(), "Cyrillic, UTF-8", 5, b"2a"),
    ("密码口令".encode(), "CJK, UTF-8", 6, b"2y"),
    ("🔑🔒🗝️".encode(), "emoji with variation selector, UTF-8", 4, b"2b"),
    ("e\u0301".encode(), "decomposed e-acute (NFD), UTF-8", 4, b"2b"),
    ("\u00e9".encode(), "precomposed e-acute (NFC), UTF-8", 4, b"2b"),
    (b"\xff\xfe\x80", "raw 8-bit bytes, not UTF-8", 5, b"2b"),
    (b"a" * 71, "71 bytes: key is password + NUL", 4, b"2b"),
    (b"a" * 72, "72 bytes: exactly the limit, no NUL", 4, b"2b"),
    (b"b" * 72, "72 bytes", 6, b"2a"),
    ("é".encode() * 36, "72 bytes of two-byte UTF-8", 5, b"2y"),
    (b"c" * 73, "73 bytes, truncated to 72", 4, b"2b"),
    (b"a" + "é".encode() * 36, "73 bytes, truncated inside a UTF-8 character", 5, b"2b"),
    (bytes(range(33, 127)) + b"!!!!!!", "100 bytes, truncated to 72", 5, b"2b"),
    ("ü".encode() * 50, "100 bytes of UTF-8, truncated to 72", 6, b"2a"),
    (b"x" * 255, "255 bytes (the $2a$ wraparound length), truncated to 72", 4, b"2b"),
    (b"y" * 300, "300 bytes, truncated to 72", 4, b"2y"),
]


def main(out):
    vectors = []
    for password, note, cost, prefix in CASES:
        salt = bcrypt.gensalt(rounds=cost, prefix=b"2b")
        salt = b"$" + prefix + salt[3:]
        truncated = len(password) > 72
        hashed = bcrypt.hashpw(password[:72], salt).decode()
        assert bcrypt.checkpw(password[:72], hashed.encode())
        vectors.append({
            "passwordHex": password.hex(),
            "note": note,
            "truncated": truncated,
            "hash": hashed,
        })
    document = {
        "generator": "Tests/PasswordHashingTests/Fixtures/generate_bcrypt.py",
        "library": "pyca/bcrypt " + bcrypt.__version__,
        "vectors": vectors,
    }
    json.dump(document, out, indent=2)
    out.write("\n")


main(sys.stdout)
