#!/usr/bin/env python3
"""Hash passwords with the crm-auth command and check the results with the reference Python libraries.

Usage: python3 Scripts/reverse_interop.py PATH/TO/crm-auth OUT.json
Then:  python3 Scripts/verify_crmauth_hashes.py OUT.json

Uses small cost parameters so the check runs in seconds; the formats are the production ones.
Needs only the standard library (the verifier needs Scripts/requirements-interop.txt).

crm-auth, like the library, hashes the NFKC form of what it reads (NIST SP 800-63B), while the Python
libraries hash whatever bytes they are given. So each case carries the NFKC form as its password, and a
password typed in another form adds a negative case: its typed bytes must NOT match, which shows the
hash is of the normalized form.
"""
import json
import subprocess
import sys
import unicodedata

PASSWORDS = [
    "correct horse battery staple",
    "pässwörd ✓",
    "密码很安全的",
    "كلمة السر",
    "ｆｕｌｌｗｉｄｔｈ",
    "e\u0301te\u0301",
    "🔑🔐 emoji",
    "x",
    "a" * 72,
]

# (format label for the verifier, crm-auth arguments, passwords over 72 bytes allowed)
ALGORITHMS = [
    ("argon2id", ["--algorithm", "argon2id", "--memory", "256", "--iterations", "2", "--parallelism", "1"], True),
    ("argon2id", ["--algorithm", "argon2id", "--memory", "512", "--iterations", "1", "--parallelism", "4"], True),
    ("argon2i", ["--algorithm", "argon2i", "--memory", "128", "--iterations", "3", "--parallelism", "2"], True),
    ("argon2d", ["--algorithm", "argon2d", "--memory", "64", "--iterations", "1", "--parallelism", "1"], True),
    ("bcrypt-2b", ["--algorithm", "bcrypt", "--cost", "4"], False),
    ("passlib-bcrypt-sha256-v2", ["--algorithm", "bcrypt", "--cost", "4", "--bcrypt-prehash"], True),
    ("passlib-scrypt", ["--algorithm", "scrypt", "--log-n", "10", "--block-size", "8", "--parallelism", "1"], True),
    ("passlib-pbkdf2-sha256", ["--algorithm", "pbkdf2-sha256", "--iterations", "1000"], True),
    ("passlib-pbkdf2-sha512", ["--algorithm", "pbkdf2-sha512", "--iterations", "1000"], True),
]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, out = sys.argv[1], sys.argv[2]
    cases = []
    for label, args, long_ok in ALGORITHMS:
        passwords = PASSWORDS + (["long " * 40] if long_ok else [])
        for password in passwords:
            stored = subprocess.run(
                [binary, "password", "hash", *args], input=password.encode(), capture_output=True, check=True
            ).stdout.decode().strip()
            normalized = unicodedata.normalize("NFKC", password)
            cases.append({"format": label, "password": normalized, "hash": stored, "matches": True})
            if normalized != password:
                cases.append({"format": label, "password": password, "hash": stored, "matches": False})
        first = next(case for case in reversed(cases) if case["password"] == passwords[0])
        cases.append({"format": label, "password": passwords[0] + "!", "hash": first["hash"], "matches": False})
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"generator": "crm-auth", "cases": cases}, handle, ensure_ascii=False, indent=1)
    print(f"wrote {len(cases)} CRMAuth hashes to {out}")


if __name__ == "__main__":
    main()
