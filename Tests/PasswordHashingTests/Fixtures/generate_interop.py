#!/usr/bin/env python3
"""Generate password-hash interoperability fixtures for CRMAuth (interop.json).

Usage:
    python3 generate_interop.py            # sets up pinned venvs, generates, cross-verifies, writes interop.json
    python3 generate_interop.py --check    # same, but fails if interop.json would change (stale-fixture check)

The Swift tests read the committed interop.json and never run Python.

Two virtual environments are needed because passlib 1.7.4 (the last release) does not work
with bcrypt >= 4.1 for its bcrypt-based hashes: it reads `bcrypt.__about__.__version__`
(removed in bcrypt 4.1; passlib traps that and logs "(trapped) error reading bcrypt version"),
and, fatally, its wrap-bug self test hashes a 255-byte password, which bcrypt >= 5.0 rejects with
"ValueError: password cannot be longer than 72 bytes". So:
    env "main":    argon2-cffi, bcrypt 5.x, Django            (argon2-cffi, bcrypt and Django cases)
    env "passlib": passlib 1.7.4, bcrypt 4.0.1, argon2-cffi    (passlib cases, bcrypt-4 truncation case)
The environments are created under $INTEROP_VENV_DIR (default ~/.cache/crmauth-interop) with pip.

Every case is generated from a deterministic salt (derived from the case id), so regenerating gives
identical output.  After generation every case is verified again by every library in both
environments that understands its format; the names of those libraries are recorded per case in
`verified_by`.  A case a library disagrees with aborts the run.

ASP.NET Core Identity: no trustworthy PyPI package implements its PasswordHasher, so the v2/v3
layouts are implemented here with hashlib.pbkdf2_hmac, following the layout documented in
Microsoft.AspNetCore.Identity.PasswordHasher<TUser>.  One case is a hash produced by real ASP.NET
Core Identity (.NET 7+ defaults) taken from public seed data; it checks this implementation.
"""
import base64
import hashlib
import json
import os
import struct
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "interop.json")

ENVS = {
    "main": [
        "argon2-cffi==25.1.0",
        "argon2-cffi-bindings==26.2.0",
        "bcrypt==5.0.0",
        "Django==5.2.19",
    ],
    "passlib": [
        "passlib==1.7.4",
        "bcrypt==4.0.1",
        "argon2-cffi==25.1.0",
        "argon2-cffi-bindings==26.2.0",
    ],
}

# ---------------------------------------------------------------------------------------------
# Passwords (the JSON carries them as UTF-8 strings; hashing always uses their UTF-8 bytes)
# ---------------------------------------------------------------------------------------------
PW = {
    "latin": "pässwörd ✓",                                  # NFC, 2-byte and 3-byte UTF-8
    "nfd": unicodedata.normalize("NFD", "pässwörd"),        # combining diaeresis U+0308
    "nfc": unicodedata.normalize("NFC", "pässwörd"),
    "emoji": "🔐🦄 secret 👩\u200d👩\u200d👧\u200d👦",           # 4-byte UTF-8 + ZWJ sequence
    "cjk": "密码パスワード비밀번호",
    "rtl": "كلمة السر סיסמה",                                # Arabic + Hebrew
    "fullwidth": "ＰＡＳＳｗｏｒｄ１２３",
    "one": "x",
    "one_astral": "𝄞",                                      # one code point, 4 UTF-8 bytes
    "ascii": "correct horse battery staple",
    "ascii100": ("0123456789abcdefghij" * 5),                # exactly 100 bytes
    "ascii72": ("Pa55w0rd-" * 8),                            # exactly 72 bytes
    "euro72": "€" * 24,                                      # 24 x 3 bytes = 72 bytes
    "nul": "a\u0000b",                                       # embedded NUL (not for bcrypt)
    "empty": "",
}
# 1000-byte mixed password: 100 x ("ab€ü" = 1+1+3+2 = 7 bytes) = 700, + 300 ASCII = 1000 bytes
PW["long1000"] = "ab€ü" * 100 + "z" * 300
# 71-byte password with combining marks: 22 x "e\u0301" (1+2 = 3 bytes) = 66, + "abcde" = 71
PW["ascii71_comb"] = "e\u0301" * 22 + "abcde"
# Text that is not in NFKC, hashed as typed (raw UTF-8, as every library here does): what a CRM
# that never normalized stored. CRMAuth hashes the NFKC form, so it verifies these through the typed
# form and asks for a rehash. Their negatives are the NFKC spelling, which is not the bytes hashed.
PW["raw_nfd"] = unicodedata.normalize("NFD", "café crème brûlée")     # combining accents
PW["raw_ligature"] = "\ufb01sh and chips forever"                        # U+FB01 LATIN SMALL LIGATURE FI
PW["raw_fullwidth"] = "ｆｉｓｈ ａｎｄ ｃｈｉｐｓ ２０２６"                   # full-width forms
PW["raw_mixed"] = "\ufb01le ＡＢＣ " + unicodedata.normalize("NFD", "café")
WRONG = "wrong password"

for _k in ("raw_nfd", "raw_ligature", "raw_fullwidth", "raw_mixed"):
    assert unicodedata.normalize("NFKC", PW[_k]) != PW[_k], _k

for _k, _n in (("ascii100", 100), ("ascii72", 72), ("euro72", 72), ("long1000", 1000),
               ("ascii71_comb", 71), ("one_astral", 4)):
    assert len(PW[_k].encode("utf-8")) == _n, (_k, len(PW[_k].encode("utf-8")))


def salt_bytes(case_id, n):
    """Deterministic pseudo-random salt bytes for a case."""
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(("crmauth-interop:%s:%d" % (case_id, i)).encode()).digest()
        i += 1
    return out[:n]


BCRYPT64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
STD64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def bcrypt_salt22(case_id):
    """22-char bcrypt-base64 salt for 16 deterministic bytes (last char has 4 zero padding bits)."""
    raw = salt_bytes(case_id, 16)
    std = base64.b64encode(raw).decode().rstrip("=")  # 22 chars
    return std.translate(str.maketrans(STD64, BCRYPT64))


def salt_string(case_id, n):
    """Deterministic alphanumeric salt string (Django-style salts are strings)."""
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return "".join(alphabet[b % 62] for b in salt_bytes(case_id, n))


# ---------------------------------------------------------------------------------------------
# Case helpers
# ---------------------------------------------------------------------------------------------
CASES = []


def add(cid, library, fmt, pwkey_or_pw, hash_, note, negative=False, wrong=None, tags=None):
    pw = PW.get(pwkey_or_pw, pwkey_or_pw) if isinstance(pwkey_or_pw, str) else pwkey_or_pw
    if str(pwkey_or_pw).startswith("raw_"):
        tags = (tags or []) + ["unnormalized"]
        if negative and wrong is None:
            wrong = unicodedata.normalize("NFKC", pw)
    case = {"id": cid, "library": library, "format": fmt, "password": pw, "hash": hash_,
            "matches": True, "note": note}
    if tags:
        case["tags"] = tags
    CASES.append(case)
    if negative:
        neg = dict(case)
        neg["id"] = cid + "-neg"
        neg["password"] = WRONG if wrong is None else wrong
        neg["matches"] = False
        neg["note"] = "negative: same hash as %s with a different password" % cid
        if "unnormalized" in (tags or []):
            neg["note"] += " (its NFKC form)"
        if "tags" in neg:
            neg["tags"] = list(neg["tags"])
        CASES.append(neg)


def pwdesc(key):
    return "password %s (%d UTF-8 bytes)" % (key, len(PW[key].encode("utf-8")))


# ---------------------------------------------------------------------------------------------
# env "main": argon2-cffi, bcrypt 5, Django
# ---------------------------------------------------------------------------------------------
def gen_main():
    import argon2
    from argon2 import low_level as ll
    import bcrypt
    import django

    T = {"argon2id": ll.Type.ID, "argon2i": ll.Type.I, "argon2d": ll.Type.D}

    def a2(cid, typ, ver, m, t, p, salt_len, tag_len, pwkey, neg=False, wrong=None, extra=""):
        pw = PW[pwkey].encode("utf-8")
        h = ll.hash_secret(pw, salt_bytes(cid, salt_len), time_cost=t, memory_cost=m,
                           parallelism=p, hash_len=tag_len, type=T[typ], version=ver).decode()
        note = ("argon2-cffi low_level.hash_secret %s v=%d m=%d t=%d p=%d salt=%dB tag=%dB, %s%s"
                % (typ, ver, m, t, p, salt_len, tag_len, pwdesc(pwkey), extra))
        add(cid, "argon2-cffi", typ, pwkey, h, note, negative=neg, wrong=wrong)
        return h

    a2("a2id-latin", "argon2id", 19, 64, 1, 1, 16, 32, "latin", neg=True)
    a2("a2id-emoji-p2", "argon2id", 19, 1024, 2, 2, 8, 16, "emoji", extra="; minimum salt length 8")
    a2("a2id-cjk-p4", "argon2id", 19, 256, 3, 4, 32, 64, "cjk")
    a2("a2id-owasp", "argon2id", 19, 19456, 2, 1, 16, 32, "ascii",
       extra="; OWASP minimum parameters (19 MiB)")
    a2("a2id-one-tag4", "argon2id", 19, 128, 1, 1, 10, 4, "one", extra="; minimum tag length 4")
    a2("a2id-long1000", "argon2id", 19, 512, 1, 1, 16, 32, "long1000")
    a2("a2id-astral-tag20", "argon2id", 19, 64, 2, 1, 12, 20, "one_astral")
    a2("a2id-nul", "argon2id", 19, 64, 1, 1, 16, 32, "nul",
       extra="; embedded U+0000 byte is part of the password")
    a2("a2id-empty", "argon2id", 19, 64, 1, 1, 16, 32, "empty",
       extra="; EMPTY password (edge case; a policy may reject it before hashing)")
    a2("a2id-v16", "argon2id", 16, 64, 1, 1, 16, 32, "fullwidth", neg=True,
       extra="; version 0x10: argon2-cffi/libargon2 EMIT 'v=16$' explicitly")
    a2("a2id-nfd", "argon2id", 19, 64, 1, 1, 16, 32, "nfd", neg=True, wrong=PW["nfc"],
       extra="; NFD (combining U+0308); the negative uses the NFC form: no normalization happens")
    a2("a2i-rtl", "argon2i", 19, 256, 2, 1, 16, 32, "rtl", neg=True)
    a2("a2i-nfd-v16-p2", "argon2i", 16, 128, 2, 2, 16, 32, "nfd", neg=True,
       extra="; version 0x10")
    h = a2("a2i-ascii100-v16", "argon2i", 16, 64, 3, 1, 16, 24, "ascii100", extra="; version 0x10")
    h_nov = h.replace("$v=16$", "$", 1)
    assert h_nov != h
    add("a2i-ascii100-v16-no-v", "argon2-cffi", "argon2i", "ascii100", h_nov,
        "same as a2i-ascii100-v16 with the 'v=16$' field REMOVED by the generator: a PHC string "
        "without v= means version 0x10 (libargon2 decodes it so, argon2-cffi verifies it); "
        "passlib also emits v=0x10 hashes this way")
    a2("a2d-fullwidth", "argon2d", 19, 64, 1, 1, 16, 32, "fullwidth", neg=True)
    a2("a2d-v16-p3", "argon2d", 16, 256, 1, 3, 12, 32, "cjk", extra="; version 0x10")
    a2("a2d-emoji-tag64", "argon2d", 19, 128, 2, 2, 24, 64, "emoji")

    # PasswordHasher high-level API (random salt -> not deterministic, so we use check_needs_rehash
    # only to prove the PHC strings above are accepted by the high-level API, in verify_main).

    # ---------------- bcrypt (python bcrypt 5) ----------------
    def bc(cid, cost, pwkey, neg=False, extra="", prefix=None):
        salt = ("$2b$%02d$" % cost + bcrypt_salt22(cid)).encode()
        h = bcrypt.hashpw(PW[pwkey].encode("utf-8"), salt).decode()
        note = "bcrypt.hashpw cost %d, %s%s" % (cost, pwdesc(pwkey), extra)
        fmt = "bcrypt-2b"
        if prefix:
            h = prefix + h[4:]
            fmt = "bcrypt-" + prefix.strip("$")
            note += ("; generated as $2b$ then the prefix was rewritten to %s: 2a/2b/2y compute "
                     "identically for passwords shorter than 255 bytes (2a's historic bug is a "
                     "length-counter wrap at 256 bytes; 2x/2y concern crypt_blowfish's "
                     "sign-extension bug on 8-bit chars, 2y = correct)" % prefix)
        add(cid, "bcrypt", fmt, pwkey, h, note, negative=neg)

    bc("bc-latin", 4, "latin", neg=True)
    bc("bc-emoji", 5, "emoji")
    bc("bc-cjk", 6, "cjk")
    bc("bc-one", 4, "one")
    bc("bc-ascii72", 5, "ascii72", extra="; exactly 72 bytes (the bcrypt maximum)")
    bc("bc-euro72", 4, "euro72", extra="; 72 bytes of 3-byte UTF-8 chars")
    bc("bc-comb71", 4, "ascii71_comb", extra="; 71 bytes with combining marks")
    bc("bc-2a-rtl", 4, "rtl", neg=True, prefix="$2a$")
    bc("bc-2a-fullwidth", 5, "fullwidth", prefix="$2a$")
    bc("bc-2y-latin", 4, "latin", neg=True, prefix="$2y$")
    bc("bc-2y-euro72", 4, "euro72", prefix="$2y$")

    # Raw, non-normalized text (tag "unnormalized"): hashes as a system without normalization made them.
    for key in ("raw_nfd", "raw_ligature", "raw_fullwidth", "raw_mixed"):
        a2("a2id-" + key.replace("_", "-"), "argon2id", 19, 64, 1, 1, 16, 32, key, neg=True)
        bc("bc-" + key.replace("_", "-"), 4, key, neg=True)

    # ---------------- Django ----------------
    from django.conf import settings
    settings.configure(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
            "django.contrib.auth.hashers.BCryptPasswordHasher",
            "django.contrib.auth.hashers.ScryptPasswordHasher",
        ],
        USE_TZ=True,
    )
    django.setup()
    from django.contrib.auth import hashers as dh

    def dj_pbkdf2(cid, cls, iters, salt_len, pwkey, neg=False, wrong=None, extra=""):
        hasher = type("H", (cls,), {"iterations": iters})()
        h = dh.make_password(PW[pwkey], salt_string(cid, salt_len), hasher)
        add(cid, "Django", "django-" + hasher.algorithm, pwkey, h,
            "django make_password %s iterations=%d salt=%d chars, %s%s"
            % (hasher.algorithm, iters, salt_len, pwdesc(pwkey), extra), negative=neg, wrong=wrong)

    dj_pbkdf2("dj-pbkdf2-sha256-latin", dh.PBKDF2PasswordHasher, 1000, 22, "latin", neg=True)
    dj_pbkdf2("dj-pbkdf2-sha256-cjk", dh.PBKDF2PasswordHasher, 2000, 12, "cjk")
    dj_pbkdf2("dj-pbkdf2-sha256-long", dh.PBKDF2PasswordHasher, 1, 30, "long1000",
              extra="; 1 iteration")
    dj_pbkdf2("dj-pbkdf2-sha256-nfd", dh.PBKDF2PasswordHasher, 1000, 22, "nfd", neg=True,
              wrong=PW["nfc"], extra="; negative uses the NFC form")
    dj_pbkdf2("dj-pbkdf2-sha1-emoji", dh.PBKDF2SHA1PasswordHasher, 1000, 22, "emoji", neg=True)
    dj_pbkdf2("dj-pbkdf2-sha1-one", dh.PBKDF2SHA1PasswordHasher, 500, 8, "one")

    def dj_argon2(cid, t, m, p, salt_len, pwkey, neg=False):
        hasher = type("H", (dh.Argon2PasswordHasher,),
                      {"time_cost": t, "memory_cost": m, "parallelism": p})()
        h = dh.make_password(PW[pwkey], salt_string(cid, salt_len), hasher)
        add(cid, "Django", "django-argon2", pwkey, h,
            "django make_password argon2 (argon2id) t=%d m=%d p=%d, salt = the %d-char ASCII salt "
            "string's bytes, %s" % (t, m, p, salt_len, pwdesc(pwkey)), negative=neg)

    dj_argon2("dj-argon2-latin", 1, 64, 1, 22, "latin", neg=True)
    dj_argon2("dj-argon2-rtl-p2", 2, 256, 2, 22, "rtl")
    dj_argon2("dj-argon2-astral", 1, 128, 1, 16, "one_astral")

    def dj_bcrypt(cid, cls, cost, pwkey, neg=False, extra=""):
        hasher = type("H", (cls,), {"rounds": cost})()
        salt = ("$2b$%02d$%s" % (cost, bcrypt_salt22(cid))).encode()  # Django passes bytes
        h = dh.make_password(PW[pwkey], salt, hasher)
        add(cid, "Django", "django-" + hasher.algorithm, pwkey, h,
            "django make_password %s cost %d, %s%s" % (hasher.algorithm, cost, pwdesc(pwkey), extra),
            negative=neg)

    dj_bcrypt("dj-bcrypt-sha256-latin", dh.BCryptSHA256PasswordHasher, 4, "latin", neg=True)
    dj_bcrypt("dj-bcrypt-sha256-long", dh.BCryptSHA256PasswordHasher, 5, "long1000",
              extra="; >72 bytes is fine: pre-hashed to 64 hex chars")
    dj_bcrypt("dj-bcrypt-sha256-ascii100", dh.BCryptSHA256PasswordHasher, 4, "ascii100")
    dj_bcrypt("dj-bcrypt-sha256-emoji", dh.BCryptSHA256PasswordHasher, 6, "emoji")
    dj_bcrypt("dj-bcrypt-cjk", dh.BCryptPasswordHasher, 4, "cjk", neg=True)
    dj_bcrypt("dj-bcrypt-ascii72", dh.BCryptPasswordHasher, 5, "ascii72")

    def dj_scrypt(cid, n, r, p, salt_len, pwkey, neg=False):
        hasher = type("H", (dh.ScryptPasswordHasher,),
                      {"work_factor": n, "block_size": r, "parallelism": p})()
        h = dh.make_password(PW[pwkey], salt_string(cid, salt_len), hasher)
        add(cid, "Django", "django-scrypt", pwkey, h,
            "django make_password scrypt N=%d r=%d p=%d dkLen=64, salt = the %d-char salt "
            "string's bytes, %s" % (n, r, p, salt_len, pwdesc(pwkey)), negative=neg)

    dj_scrypt("dj-scrypt-latin", 2 ** 10, 8, 1, 22, "latin", neg=True)
    dj_scrypt("dj-scrypt-fullwidth-p2", 2 ** 8, 4, 2, 22, "fullwidth")
    dj_scrypt("dj-scrypt-one", 2 ** 4, 1, 1, 10, "one")

    return {"argon2-cffi": argon2.__version__ if hasattr(argon2, "__version__") else _dist("argon2-cffi"),
            "argon2-cffi-bindings": _dist("argon2-cffi-bindings"),
            "bcrypt": bcrypt.__version__, "Django": django.__version__}


def _dist(name):
    from importlib.metadata import version
    return version(name)


# ---------------------------------------------------------------------------------------------
# env "passlib": passlib 1.7.4 + bcrypt 4.0.1
# ---------------------------------------------------------------------------------------------
def gen_passlib():
    import passlib
    import passlib.hash as ph
    import bcrypt

    def pb(cid, handler, fmt, rounds, salt_len, pwkey, neg=False, wrong=None, extra=""):
        h = handler.using(rounds=rounds, salt=salt_bytes(cid, salt_len)).hash(PW[pwkey])
        add(cid, "passlib", fmt, pwkey, h,
            "passlib %s rounds=%d salt=%dB, %s%s" % (handler.name, rounds, salt_len, pwdesc(pwkey),
                                                     extra), negative=neg, wrong=wrong)

    pb("pl-pbkdf2-sha1-latin", ph.pbkdf2_sha1, "passlib-pbkdf2-sha1", 1000, 16, "latin", neg=True)
    pb("pl-pbkdf2-sha1-emoji", ph.pbkdf2_sha1, "passlib-pbkdf2-sha1", 2000, 8, "emoji")
    pb("pl-pbkdf2-sha1-one", ph.pbkdf2_sha1, "passlib-pbkdf2-sha1", 1, 4, "one", extra="; 1 round")
    pb("pl-pbkdf2-sha256-latin", ph.pbkdf2_sha256, "passlib-pbkdf2-sha256", 1000, 16, "latin",
       neg=True)
    pb("pl-pbkdf2-sha256-cjk", ph.pbkdf2_sha256, "passlib-pbkdf2-sha256", 2000, 24, "cjk")
    pb("pl-pbkdf2-sha256-long", ph.pbkdf2_sha256, "passlib-pbkdf2-sha256", 100, 13, "long1000")
    pb("pl-pbkdf2-sha256-nosalt", ph.pbkdf2_sha256, "passlib-pbkdf2-sha256", 1000, 0, "ascii",
       extra="; EMPTY salt: the salt field is empty ('$$')")
    pb("pl-pbkdf2-sha256-nul", ph.pbkdf2_sha256, "passlib-pbkdf2-sha256", 1000, 16, "nul")
    pb("pl-pbkdf2-sha512-rtl", ph.pbkdf2_sha512, "passlib-pbkdf2-sha512", 1000, 16, "rtl", neg=True)
    pb("pl-pbkdf2-sha512-nfd", ph.pbkdf2_sha512, "passlib-pbkdf2-sha512", 1500, 32, "nfd", neg=True,
       wrong=PW["nfc"], extra="; negative uses the NFC form")
    pb("pl-pbkdf2-sha512-ascii100", ph.pbkdf2_sha512, "passlib-pbkdf2-sha512", 1000, 5, "ascii100")

    def sc(cid, ln, r, p, salt_len, pwkey, neg=False):
        h = ph.scrypt.using(rounds=ln, block_size=r, parallelism=p,
                            salt=salt_bytes(cid, salt_len)).hash(PW[pwkey])
        add(cid, "passlib", "passlib-scrypt", pwkey, h,
            "passlib scrypt ln=%d (N=2^%d=%d) r=%d p=%d salt=%dB dkLen=32, %s"
            % (ln, ln, 2 ** ln, r, p, salt_len, pwdesc(pwkey)), negative=neg)

    sc("pl-scrypt-latin", 10, 8, 1, 16, "latin", neg=True)
    sc("pl-scrypt-cjk-p2", 6, 4, 2, 8, "cjk")
    sc("pl-scrypt-emoji-r1", 4, 1, 3, 32, "emoji")
    sc("pl-scrypt-long", 5, 8, 1, 16, "long1000")

    def bs(cid, version, cost, pwkey, neg=False, extra=""):
        h = ph.bcrypt_sha256.using(version=version, rounds=cost,
                                   salt=bcrypt_salt22(cid)).hash(PW[pwkey])
        add(cid, "passlib", "passlib-bcrypt-sha256-v%d" % version, pwkey, h,
            "passlib bcrypt_sha256 version=%d cost %d, %s%s" % (version, cost, pwdesc(pwkey), extra),
            negative=neg)

    bs("pl-bcsha256v2-latin", 2, 4, "latin", neg=True)
    bs("pl-bcsha256v2-long", 2, 5, "long1000", extra="; >72 bytes fine (pre-hashed)")
    bs("pl-bcsha256v2-one", 2, 4, "one")
    bs("pl-bcsha256v2-ascii100", 2, 6, "ascii100")
    bs("pl-bcsha256v1-latin", 1, 4, "latin", neg=True,
       extra="; legacy v1 layout (plain SHA-256 pre-hash), still produced by passlib 1.7.4 "
             "with bcrypt_sha256.using(version=1)")
    bs("pl-bcsha256v1-long", 1, 5, "long1000", extra="; legacy v1 layout")
    for key in ("raw_nfd", "raw_ligature"):
        bs("pl-bcsha256v2-" + key.replace("_", "-"), 2, 4, key, neg=True)

    def pa(cid, typ, ver, m, t, p, salt_len, tag_len, pwkey, neg=False, extra=""):
        sub = ph.argon2.using(type=typ, memory_cost=m, rounds=t, parallelism=p,
                              salt=salt_bytes(cid, salt_len), digest_size=tag_len)
        if ver == 19:
            h = sub.hash(PW[pwkey])
        else:
            # using() has no version knob; genhash() honours the version of a config string, and
            # a config without v= is version 0x10 in passlib's parser.
            cfg = sub.genconfig()
            assert "$v=19$" in cfg, cfg
            h = ph.argon2.genhash(PW[pwkey], cfg.replace("$v=19$", "$", 1))
        add(cid, "passlib", "argon2" + typ, pwkey, h,
            "passlib argon2 (argon2-cffi backend) type=%s version=%d m=%d t=%d p=%d salt=%dB tag=%dB,"
            " %s%s" % (typ, ver, m, t, p, salt_len, tag_len, pwdesc(pwkey), extra), negative=neg)

    pa("pl-argon2id-latin", "id", 19, 64, 1, 1, 16, 32, "latin", neg=True)
    pa("pl-argon2i-v16", "i", 16, 64, 2, 1, 16, 32, "cjk",
       extra="; passlib OMITS the v= field for version 0x10 (unlike argon2-cffi)")
    pa("pl-argon2d-p2", "d", 19, 128, 1, 2, 8, 16, "emoji")
    for key in ("raw_fullwidth", "raw_mixed"):
        pa("pl-argon2id-" + key.replace("_", "-"), "id", 19, 64, 1, 1, 16, 32, key, neg=True)

    # bcrypt 4.0.1 silently truncates at 72 bytes; bcrypt 5 raises ValueError instead.
    cid = "bc4-trunc100"
    h = bcrypt.hashpw(PW["ascii100"].encode(), ("$2b$04$" + bcrypt_salt22(cid)).encode()).decode()
    trunc_note = ("bcrypt 4.0.1 (silently truncates to 72 bytes; bcrypt>=5.0 raises ValueError for "
                  ">72 bytes). Hash of the 100-byte password")
    add(cid, "bcrypt", "bcrypt-2b", "ascii100", h,
        trunc_note + "; verifies with the full 100 bytes under truncation semantics",
        tags=["bcrypt-truncation"])
    add(cid + "-first72", "bcrypt", "bcrypt-2b", PW["ascii100"][:72], h,
        trunc_note + "; the first 72 bytes alone also match (truncation semantics)",
        tags=["bcrypt-truncation"])

    return {"passlib": passlib.__version__, "bcrypt (passlib env)": _dist("bcrypt"),
            "argon2-cffi (passlib env)": _dist("argon2-cffi")}


# ---------------------------------------------------------------------------------------------
# ASP.NET Core Identity (implemented here with hashlib; no library)
# ---------------------------------------------------------------------------------------------
def aspnet_v2(password, salt):
    assert len(salt) == 16
    sub = hashlib.pbkdf2_hmac("sha1", password.encode("utf-8"), salt, 1000, 32)
    return base64.b64encode(b"\x00" + salt + sub).decode()


PRF = {0: "sha1", 1: "sha256", 2: "sha512"}


def aspnet_v3(password, salt, prf, iters, subkey_len=32):
    sub = hashlib.pbkdf2_hmac(PRF[prf], password.encode("utf-8"), salt, iters, subkey_len)
    return base64.b64encode(b"\x01" + struct.pack(">III", prf, iters, len(salt)) + salt + sub).decode()


def aspnet_verify(h, password):
    b = base64.b64decode(h, validate=True)
    pw = password.encode("utf-8")
    if b[0] == 0:
        if len(b) != 1 + 16 + 32:
            return False
        return hashlib.pbkdf2_hmac("sha1", pw, b[1:17], 1000, 32) == b[17:]
    if b[0] == 1:
        prf, iters, slen = struct.unpack(">III", b[1:13])
        salt, sub = b[13:13 + slen], b[13 + slen:]
        if slen < 16 or len(sub) < 16:   # ASP.NET's own minimums (128-bit salt and subkey)
            return False
        return hashlib.pbkdf2_hmac(PRF[prf], pw, salt, iters, len(sub)) == sub
    return False


def gen_aspnet():
    lib = "aspnet-identity (generator's own hashlib implementation)"

    def v2(cid, pwkey, neg=False):
        add(cid, lib, "aspnet-identity-v2", pwkey, aspnet_v2(PW[pwkey], salt_bytes(cid, 16)),
            "ASP.NET Identity V2 (0x00): PBKDF2-HMAC-SHA1, 1000 iterations (fixed), 16-byte salt, "
            "32-byte subkey, %s" % pwdesc(pwkey), negative=neg)

    v2("asp-v2-latin", "latin", neg=True)
    v2("asp-v2-emoji", "emoji")
    v2("asp-v2-long", "long1000")

    def v3(cid, prf, iters, salt_len, pwkey, sub_len=32, neg=False, extra=""):
        add(cid, lib, "aspnet-identity-v3",
            pwkey, aspnet_v3(PW[pwkey], salt_bytes(cid, salt_len), prf, iters, sub_len),
            "ASP.NET Identity V3 (0x01): PBKDF2-HMAC-%s, %d iterations, %d-byte salt, %d-byte "
            "subkey, %s%s" % (PRF[prf].upper(), iters, salt_len, sub_len, pwdesc(pwkey), extra),
            negative=neg)

    v3("asp-v3-sha512-latin", 2, 1000, 16, "latin", neg=True)
    v3("asp-v3-sha256-cjk", 1, 1000, 16, "cjk", neg=True)
    v3("asp-v3-sha1-rtl", 0, 500, 16, "rtl", neg=True)
    v3("asp-v3-sha512-salt32-sub64", 2, 2000, 32, "fullwidth", sub_len=64,
       extra="; non-default salt/subkey lengths (subkey length = remaining bytes)")
    v3("asp-v3-sha256-realistic", 1, 10000, 16, "ascii",
       extra="; ASP.NET Core Identity 3.x-6.x default (SHA256, 10000)")
    v3("asp-v3-sha512-realistic", 2, 100000, 16, "ascii",
       extra="; .NET 7+ default (SHA512, 100000)")
    add("asp-v3-published", "ASP.NET Core Identity (real .NET output)", "aspnet-identity-v3",
        "Test123$", "AQAAAAIAAYagAAAAENoVftXbReMcFkOwzlfLFgFkx1tZ2PVoFwKaz/7UP6r5rlrymlHMFjMgowJCZl+6YA==",
        "produced by real ASP.NET Core Identity PasswordHasher (.NET 7+ default: SHA512, 100000 "
        "iterations, 16-byte salt, 32-byte subkey). Source: EF Core seed data in a public GitHub "
        "repository (IdentityUser.PasswordHash with the comment //Test123$), found by a code "
        "search; verified here with hashlib", negative=True)


# ---------------------------------------------------------------------------------------------
# Verification (run in each env for every case it understands)
# ---------------------------------------------------------------------------------------------
def verify_cases(env, cases):
    """Return {case_id: [verifier names that agree]}; raise on any disagreement."""
    res = {}
    libs = {}
    try:
        import argon2
        from argon2 import low_level as ll
        libs["argon2-cffi %s" % _dist("argon2-cffi")] = "argon2"
    except ImportError:
        argon2 = None
    import bcrypt
    bname = "bcrypt %s" % _dist("bcrypt")
    if env == "passlib":
        import passlib.hash as ph
        from passlib.context import CryptContext
        pname = "passlib %s" % _dist("passlib")
        ctx = CryptContext(schemes=["argon2", "bcrypt_sha256", "bcrypt", "pbkdf2_sha1",
                                    "pbkdf2_sha256", "pbkdf2_sha512", "scrypt"])
    else:
        import django
        from django.conf import settings
        if not settings.configured:
            settings.configure(PASSWORD_HASHERS=[
                "django.contrib.auth.hashers.PBKDF2PasswordHasher",
                "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
                "django.contrib.auth.hashers.Argon2PasswordHasher",
                "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
                "django.contrib.auth.hashers.BCryptPasswordHasher",
                "django.contrib.auth.hashers.ScryptPasswordHasher"])
            django.setup()
        from django.contrib.auth.hashers import check_password
        dname = "Django %s" % django.__version__

    for c in cases:
        got = []
        fmt, pw, h, want = c["format"], c["password"], c["hash"], c["matches"]

        def check(name, fn):
            try:
                ok = bool(fn())
            except Exception as e:  # a library raising on a negative counts as "no match"
                if want:
                    raise RuntimeError("%s: %s raised %r" % (c["id"], name, e))
                ok = False
            if ok != want:
                raise RuntimeError("%s: %s says %s, expected %s" % (c["id"], name, ok, want))
            got.append(name)

        if fmt in ("argon2id", "argon2i", "argon2d"):
            t = {"argon2id": ll.Type.ID, "argon2i": ll.Type.I, "argon2d": ll.Type.D}[fmt]
            check("argon2-cffi %s" % _dist("argon2-cffi"),
                  lambda: ll.verify_secret(h.encode(), pw.encode(), t))
            if env == "passlib":
                check(pname, lambda: ph.argon2.verify(pw, h))
        elif fmt.startswith("bcrypt-2"):
            truncation = "bcrypt-truncation" in c.get("tags", [])
            if len(pw.encode()) <= 72:
                check(bname, lambda: bcrypt.checkpw(pw.encode(), h.encode()))
            elif env == "passlib":  # bcrypt 4 truncates
                check(bname, lambda: bcrypt.checkpw(pw.encode(), h.encode()))
            if env == "passlib" and (not truncation or len(pw.encode()) <= 72):
                check(pname, lambda: ph.bcrypt.verify(pw, h))
        elif fmt.startswith("passlib-"):
            if env == "passlib":
                check(pname, lambda: ctx.verify(pw, h))
        elif fmt.startswith("django-"):
            if env == "main":
                check(dname, lambda: check_password(pw, h))
            elif fmt != "django-scrypt":  # passlib 1.7.4 has no django_scrypt handler
                handler = getattr(ph, fmt.replace("-", "_"))
                check(pname + " " + handler.name, lambda: handler.verify(pw, h))
        elif fmt.startswith("aspnet-"):
            if env == "main":
                check("generator hashlib decoder", lambda: aspnet_verify(h, pw))
        else:
            raise RuntimeError("unknown format " + fmt)
        res[c["id"]] = got
    return res


# ---------------------------------------------------------------------------------------------
# Orchestration
# ---------------------------------------------------------------------------------------------
def venv_python(env):
    root = os.environ.get("INTEROP_VENV_DIR", os.path.expanduser("~/.cache/crmauth-interop"))
    d = os.path.join(root, env)
    py = os.path.join(d, "bin", "python")
    stamp = os.path.join(d, "pins.txt")
    want = "\n".join(ENVS[env])
    if not (os.path.exists(py) and os.path.exists(stamp) and open(stamp).read() == want):
        subprocess.check_call([sys.executable, "-m", "venv", "--clear", d])
        subprocess.check_call([py, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
                              + ENVS[env])
        with open(stamp, "w") as f:
            f.write(want)
    return py


def run_worker(env, mode, payload=None):
    py = venv_python(env)
    p = subprocess.run([py, os.path.abspath(__file__), "--worker", env, mode],
                       input=json.dumps(payload) if payload is not None else "",
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise SystemExit("worker %s %s failed" % (env, mode))
    return json.loads(p.stdout)


def worker(env, mode):
    import warnings
    warnings.simplefilter("ignore", DeprecationWarning)
    if mode == "generate":
        versions = gen_main() if env == "main" else gen_passlib()
        if env == "main":
            gen_aspnet()
        json.dump({"versions": versions, "cases": CASES}, sys.stdout)
    else:
        cases = json.load(sys.stdin)
        json.dump(verify_cases(env, cases), sys.stdout)


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--worker":
        return worker(sys.argv[2], sys.argv[3])
    check_only = "--check" in sys.argv
    versions, cases = {}, []
    for env in ("main", "passlib"):
        out = run_worker(env, "generate")
        versions.update(out["versions"])
        cases += out["cases"]
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    verified = {c["id"]: [] for c in cases}
    for env in ("main", "passlib"):
        for cid, names in run_worker(env, "verify", cases).items():
            verified[cid] += [n for n in names if n not in verified[cid]]
    for c in cases:
        if not verified[c["id"]]:
            raise SystemExit("case %s was verified by nothing" % c["id"])
        c["verified_by"] = verified[c["id"]]
    doc = {
        "generator": "generate_interop.py",
        "libraries": versions,
        "python": sys.version.split()[0],
        "notes": [
            "password is the exact Unicode string; every library hashes its UTF-8 bytes, "
            "with no Unicode normalization (see the *-nfd cases and their NFC negatives).",
            "cases tagged 'unnormalized' hash text that is not in NFKC (NFD accents, the ligature "
            "U+FB01, full-width forms) as typed; their negatives are the NFKC spelling. CRMAuth "
            "hashes the NFKC form, so it verifies them through the typed form and asks for a rehash.",
            "cases with matches=false reuse the hash of the case named by the id prefix.",
            "verified_by lists every library (in either pinned environment) that re-checked the "
            "case after generation and agreed with 'matches'.",
            "passlib 1.7.4 was run with bcrypt 4.0.1 in its own environment: with bcrypt>=4.1 it "
            "logs '(trapped) error reading bcrypt version' (bcrypt.__about__ was removed) and with "
            "bcrypt 5.0 its bcrypt backends fail (its wrap-bug self test hashes a 255-byte "
            "password, which bcrypt 5 rejects with ValueError).",
            "bcrypt 5.0 raises ValueError for passwords over 72 bytes; bcrypt 4.x silently "
            "truncates (cases tagged bcrypt-truncation record 4.x behaviour).",
            "ASP.NET Identity hashes are made by the generator with hashlib.pbkdf2_hmac (no "
            "trustworthy PyPI implementation exists); asp-v3-published is real .NET output.",
        ],
        "formats": sorted(set(c["format"] for c in cases)),
        "cases": cases,
    }
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if check_only:
        old = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
        if old != text:
            raise SystemExit("interop.json is stale: rerun generate_interop.py")
        print("interop.json is up to date (%d cases)" % len(cases))
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    counts = {}
    for c in cases:
        k = (c["format"], c["matches"])
        counts[k] = counts.get(k, 0) + 1
    for f_ in doc["formats"]:
        print("%-28s %2d positive %2d negative" % (f_, counts.get((f_, True), 0),
                                                  counts.get((f_, False), 0)))
    print("wrote %s: %d cases" % (OUT, len(cases)))


if __name__ == "__main__":
    main()
