#!/usr/bin/env python3
"""Generates totp.json: TOTP/HOTP codes and provisioning URIs made by pyotp, cross-checked with oathtool.

Usage: pip install pyotp; apt-get install oathtool (optional); python3 generate_totp.py
Secrets are 16-64 bytes: OTPSecret requires 128 bits (RFC 4226 §4 R6), pyotp 2.12 at least 112.
The secrets come from a seeded PRNG so that a regeneration with the same library versions is
byte-identical; they are test data, never real secrets.
"""
import base64
import hashlib
import json
import os
import platform
import random
import shutil
import subprocess

import pyotp

SEED = 20261123
ALGORITHMS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}
OATHTOOL = shutil.which("oathtool")
HERE = os.path.dirname(os.path.abspath(__file__))


def b32(data):
    """Base32 without padding, as authenticator apps show it."""
    return base64.b32encode(data).decode().rstrip("=")


def oathtool_version():
    if not OATHTOOL:
        return None
    return subprocess.run([OATHTOOL, "--version"], capture_output=True, text=True).stdout.splitlines()[0]


def oathtool_totp(secret, time, algorithm, digits, period):
    mode = "--totp" if algorithm == "SHA1" else "--totp=" + algorithm
    args = [OATHTOOL, mode, "-d", str(digits), "-s", f"{period}s", "-N", f"@{time}", secret.hex()]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()


def oathtool_hotp(secret, counter, digits):
    args = [OATHTOOL, "--hotp", "-d", str(digits), "-c", str(counter), secret.hex()]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()


def main():
    rng = random.Random(SEED)
    special_times = [0, 1, 29, 30, 59, 2**31 - 1, 2**31, 2**31 + 1, 2**32, 2**33 - 1, 2**33, 2**33 + 7]
    totp = []
    for index in range(60):
        secret = bytes(rng.getrandbits(8) for _ in range(rng.randint(16, 64)))
        algorithm = rng.choice(sorted(ALGORITHMS))
        digits = rng.choice([6, 7, 8])
        period = rng.choice([15, 30, 60])
        time = special_times[index] if index < len(special_times) else rng.randint(0, 2**34)
        code = pyotp.TOTP(b32(secret), digits=digits, digest=ALGORITHMS[algorithm], interval=period).at(time)
        case = {"secretHex": secret.hex(), "secretBase32": b32(secret), "time": time,
                "algorithm": algorithm, "digits": digits, "period": period, "code": code,
                "oathtoolChecked": False}
        if OATHTOOL:
            other = oathtool_totp(secret, time, algorithm, digits, period)
            assert other == code, f"oathtool and pyotp disagree on TOTP case {index}: {other} != {code}"
            case["oathtoolChecked"] = True
        totp.append(case)

    hotp = []
    for index, counter in enumerate([0, 1, 2, 9, 10, 255, 256, 65_535, 2**31 - 1, 2**31, 2**32,
                                     2**33, 2**48 + 3, 2**63 - 1, 2**64 - 1]):
        secret = bytes(rng.getrandbits(8) for _ in range(rng.randint(16, 64)))
        algorithm = "SHA1" if index % 3 == 0 else rng.choice(sorted(ALGORITHMS))
        digits = rng.choice([6, 7, 8])
        code = pyotp.HOTP(b32(secret), digits=digits, digest=ALGORITHMS[algorithm]).at(counter)
        case = {"secretHex": secret.hex(), "secretBase32": b32(secret), "counter": counter,
                "algorithm": algorithm, "digits": digits, "code": code, "oathtoolChecked": False}
        if OATHTOOL and algorithm == "SHA1":  # oathtool's HOTP is HMAC-SHA1 only
            other = oathtool_hotp(secret, counter, digits)
            assert other == code, f"oathtool and pyotp disagree on HOTP case {index}: {other} != {code}"
            case["oathtoolChecked"] = True
        hotp.append(case)

    uris = []
    names = [("Acme CRM", "ada@example.com"), (None, "solo"), ("Ünïcødé & Co", "名前 +plus"),
             ("100% legit", "a=b&c?d"), ("Bank", "grace hopper"), ("x/y", "#hash")]
    for index, (issuer, account) in enumerate(names):
        secret = bytes(rng.getrandbits(8) for _ in range(rng.choice([20, 32, 64])))
        algorithm = ["SHA1", "SHA256", "SHA512"][index % 3]
        digits = [6, 8, 7][index % 3]
        if index % 2 == 0:
            period = [30, 60, 15][index % 3]
            otp = pyotp.TOTP(b32(secret), digits=digits, digest=ALGORITHMS[algorithm], interval=period,
                             issuer=issuer, name=account)
            uri = otp.provisioning_uri()
            entry = {"type": "totp", "period": period}
        else:
            counter = rng.randint(0, 2**40)
            otp = pyotp.HOTP(b32(secret), digits=digits, digest=ALGORITHMS[algorithm], initial_count=counter,
                             issuer=issuer, name=account)
            uri = otp.provisioning_uri()
            entry = {"type": "hotp", "counter": counter}
        entry.update({"uri": uri, "secretHex": secret.hex(), "issuer": issuer, "account": account,
                      "algorithm": algorithm, "digits": digits})
        uris.append(entry)

    fixture = {
        "generator": "generate_totp.py",
        "seed": SEED,
        "python": platform.python_version(),
        "pyotp": pyotp.__version__ if hasattr(pyotp, "__version__") else None,
        "oathtool": oathtool_version(),
        "totp": totp,
        "hotp": hotp,
        "uris": uris,
    }
    if fixture["pyotp"] is None:
        from importlib.metadata import version
        fixture["pyotp"] = version("pyotp")
    with open(os.path.join(HERE, "totp.json"), "w", encoding="utf-8") as out:
        json.dump(fixture, out, indent=1, ensure_ascii=False)
        out.write("\n")


if __name__ == "__main__":
    main()
