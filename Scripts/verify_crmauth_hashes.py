#!/usr/bin/env python3
"""Verify password hashes produced by CRMAuth with the reference Python libraries.

Usage:
    pip install -r Scripts/requirements-interop.txt
    python3 Scripts/verify_crmauth_hashes.py HASHES.json [--verbose]

HASHES.json:
    {"cases": [{"format": "argon2id", "password": "pässwörd", "hash": "$argon2id$v=19$...",
                "matches": true}, ...]}
"matches" is optional (default true); a case with "matches": false passes when the library
REJECTS the password.  "format" is informational except for telling bcrypt-sha256 / scrypt /
pbkdf2 apart; accepted values (anything else is a failure):
    argon2id, argon2i, argon2d            PHC strings           -> argon2-cffi (and passlib.argon2)
    bcrypt, bcrypt-2b, bcrypt-2a, bcrypt-2y  $2b$/$2a$/$2y$       -> bcrypt (and passlib.bcrypt)
    passlib-bcrypt-sha256-v2 (alias bcrypt-sha256)   $bcrypt-sha256$v=2,...  -> passlib
    passlib-scrypt (alias scrypt)         $scrypt$ln=..,r=..,p=..$ -> passlib
    passlib-pbkdf2-sha256 / passlib-pbkdf2-sha512 (aliases pbkdf2-sha256 / pbkdf2-sha512)
                                          $pbkdf2-sha256$ / $pbkdf2-sha512$ -> passlib
Prints one line per failure and "N passed, M failed"; exits 1 on any failure, 2 on bad input
or a missing library.  Installs nothing.
"""
import json
import re
import sys

REQUIRED = {
    "argon2": "argon2-cffi",
    "bcrypt": "bcrypt",
    "passlib": "passlib",
}


def load_libraries():
    missing = []
    mods = {}
    for mod, dist in REQUIRED.items():
        try:
            mods[mod] = __import__(mod)
        except ImportError:
            missing.append(dist)
    if missing:
        sys.stderr.write(
            "error: missing Python package(s): %s\n"
            "       install them with: pip install -r Scripts/requirements-interop.txt\n"
            % ", ".join(missing))
        sys.exit(2)
    import argon2.low_level
    import passlib.hash
    return mods


def main(argv):
    verbose = "--verbose" in argv
    paths = [a for a in argv[1:] if not a.startswith("--")]
    if len(paths) != 1:
        sys.stderr.write(__doc__)
        return 2
    load_libraries()
    import warnings
    warnings.simplefilter("ignore")
    import logging
    logging.getLogger("passlib").setLevel(logging.ERROR)
    from argon2 import low_level as ll
    from argon2.exceptions import VerifyMismatchError
    import bcrypt
    import passlib.hash as ph

    try:
        with open(paths[0], encoding="utf-8") as f:
            doc = json.load(f)
        cases = doc["cases"]
        assert isinstance(cases, list)
    except (OSError, ValueError, KeyError, AssertionError) as e:
        sys.stderr.write("error: cannot read cases from %s: %s\n" % (paths[0], e))
        return 2

    argon_types = {"argon2id": ll.Type.ID, "argon2i": ll.Type.I, "argon2d": ll.Type.D}

    def argon2_cffi(pw, h, fmt):
        try:
            return ll.verify_secret(h.encode("ascii"), pw.encode("utf-8"), argon_types[fmt])
        except VerifyMismatchError:
            return False

    def bcrypt_raw(pw, h, fmt):
        b = pw.encode("utf-8")
        if len(b) > 72:
            raise ValueError("bcrypt password longer than 72 bytes (%d)" % len(b))
        return bcrypt.checkpw(b, h.encode("ascii"))

    def bcrypt_prefix(h, fmt):
        want = {"bcrypt-2b": "$2b$", "bcrypt-2a": "$2a$", "bcrypt-2y": "$2y$"}.get(fmt)
        if want and not h.startswith(want):
            raise ValueError("format %s but hash starts with %r" % (fmt, h[:4]))
        # check the shape first: bcrypt 4.x panics (pyo3 PanicException) on truncated hashes
        if not re.match(r"^\$2[aby]\$[0-3][0-9]\$[./A-Za-z0-9]{53}$", h):
            raise ValueError("not a well-formed $2b$/$2a$/$2y$ bcrypt hash (60 chars)")
        return True

    def prefixed(prefix, handler):
        def verify(pw, h, fmt):
            if not h.startswith(prefix):
                raise ValueError("format %s expects a hash starting with %r" % (fmt, prefix))
            return handler.verify(pw, h)
        return verify

    def bcrypt_sha256_v2(pw, h, fmt):
        if not h.startswith("$bcrypt-sha256$v=2,t=2b,"):
            raise ValueError("expected passlib bcrypt_sha256 v=2 layout '$bcrypt-sha256$v=2,t=2b,r=NN$'")
        return ph.bcrypt_sha256.verify(pw, h)

    def scrypt_passlib(pw, h, fmt):
        if not h.startswith("$scrypt$ln="):
            raise ValueError("expected passlib scrypt layout '$scrypt$ln=..,r=..,p=..$salt$hash'")
        return ph.scrypt.verify(pw, h)

    verifiers = {}
    for f in argon_types:
        verifiers[f] = [("argon2-cffi", argon2_cffi), ("passlib.argon2", prefixed("$" + f + "$", ph.argon2))]
    for f in ("bcrypt", "bcrypt-2b", "bcrypt-2a", "bcrypt-2y"):
        verifiers[f] = [("bcrypt", lambda pw, h, fmt: bcrypt_prefix(h, fmt) and bcrypt_raw(pw, h, fmt)),
                        ("passlib.bcrypt", lambda pw, h, fmt: bcrypt_prefix(h, fmt) and len(pw.encode()) <= 72
                         and ph.bcrypt.verify(pw, h))]
    for f in ("passlib-bcrypt-sha256-v2", "bcrypt-sha256"):
        verifiers[f] = [("passlib.bcrypt_sha256", bcrypt_sha256_v2)]
    for f in ("passlib-scrypt", "scrypt"):
        verifiers[f] = [("passlib.scrypt", scrypt_passlib)]
    for f, pre, handler in (("pbkdf2-sha256", "$pbkdf2-sha256$", ph.pbkdf2_sha256),
                            ("pbkdf2-sha512", "$pbkdf2-sha512$", ph.pbkdf2_sha512)):
        verifiers[f] = verifiers["passlib-" + f] = [("passlib." + handler.name, prefixed(pre, handler))]

    passed = failed = 0
    for i, c in enumerate(cases):
        label = c.get("id", "#%d" % i) if isinstance(c, dict) else "#%d" % i
        try:
            fmt, pw, h = c["format"], c["password"], c["hash"]
            want = c.get("matches", True)
            if not (isinstance(pw, str) and isinstance(h, str) and isinstance(want, bool)):
                raise ValueError("password/hash must be strings, matches a boolean")
            if fmt not in verifiers:
                raise ValueError("unsupported format %r (supported: %s)"
                                 % (fmt, ", ".join(sorted(verifiers))))
            problems = []
            for name, fn in verifiers[fmt]:
                try:
                    ok = bool(fn(pw, h, fmt))
                except (KeyboardInterrupt, SystemExit):
                    raise
                except BaseException as e:  # malformed hash etc. (incl. pyo3 panics): a failure unless a mismatch is wanted
                    if want:
                        problems.append("%s raised %s: %s" % (name, type(e).__name__, e))
                        continue
                    ok = False
                if ok != want:
                    problems.append("%s says %s, expected %s" % (name, "match" if ok else "no match",
                                                                 "match" if want else "no match"))
            if problems:
                raise AssertionError("; ".join(problems))
            passed += 1
            if verbose:
                print("ok    %s %s" % (label, fmt))
        except Exception as e:
            failed += 1
            print("FAIL  %s %s: %s  hash=%r" % (label, c.get("format") if isinstance(c, dict) else "?",
                                               e, c.get("hash") if isinstance(c, dict) else None))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
