#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/Corpus/<Target>/: small valid and near-valid inputs.

Sources: the test fixtures (Tests/*/Fixtures: hashes made by argon2-cffi, bcrypt, passlib, Django and
.NET; otpauth URIs; zxcvbn samples), the RFC vectors the tests use, and inputs literal in the test
sources. Re-run after adding a format or fixture; it rewrites the seed files it names and leaves any
other file (a crash reproducer worth keeping, a corpus merged from a long run) alone.

    python3 Fuzz/Corpus/generate_seeds.py
"""
import base64
import hashlib
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def fixture(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return json.load(f)


def test_literals(folder, pattern):
    """Every string literal matching `pattern` in the Swift tests under `folder`, without escapes."""
    found = set()
    for directory, _, names in os.walk(os.path.join(ROOT, "Tests", folder)):
        for name in names:
            if name.endswith(".swift"):
                with open(os.path.join(directory, name), encoding="utf-8") as f:
                    for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', f.read()):
                        # Literals with escapes are left out rather than unescaped the Swift way.
                        if re.match(pattern, literal) and "\\" not in literal:
                            found.add(literal)
    return sorted(found)


def write(target, name, data):
    folder = os.path.join(HERE, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(prefix, body_bytes):
    body = prefix + b64url(body_bytes)
    return body + b64url(hashlib.sha256(body.encode()).digest()[:4])


def stored_hashes():
    seen = set()
    for case in fixture("Tests/PasswordHashingTests/Fixtures/interop.json")["cases"]:
        if case["hash"] not in seen:
            seen.add(case["hash"])
            write("FuzzStoredHashes", case["id"], case["hash"])
    for index, vector in enumerate(fixture("Tests/PasswordHashingTests/Fixtures/bcrypt.json")["vectors"][:8]):
        write("FuzzStoredHashes", f"bcrypt-{index}", vector["hash"])
    # Parameters small enough for the target's tiny limits, so verification runs from the start.
    small = {
        "small-argon2id": "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "small-argon2i-v10": "$argon2i$v=16$m=16,t=2,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "small-scrypt": "$scrypt$ln=4,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "small-pbkdf2": "$pbkdf2-sha256$1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYQ",
        "small-django-pbkdf2": "pbkdf2_sha256$1000$saltsalt$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=",
        "small-bcrypt": "$2b$04$1uhB9jJy0cBdaSCrJUzOJu3hNEMKt69LUCQY9Kv1RzjKy.qTXbvua",
        "peppered": "$crmauth-pepper$k=fuzz$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "peppered-unknown": "$crmauth-pepper$k=other$2b$04$1uhB9jJy0cBdaSCrJUzOJu3hNEMKt69LUCQY9Kv1RzjKy.qTXbvua",
        # Known finding (audit): scrypt parameters whose product overflows.
        "scrypt-huge-r-p": "$scrypt$ln=4,r=9999999999,p=9999999999$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    }
    for name, text in small.items():
        write("FuzzStoredHashes", name, text)
    for index, literal in enumerate(test_literals("PasswordHashingTests", r"^(\$|pbkdf2_|argon2\$|bcrypt|scrypt\$|A)")):
        if len(literal) > 3:
            write("FuzzStoredHashes", f"test-literal-{index}", literal)


def otpauth_uris():
    for index, literal in enumerate(test_literals("TOTPTests", r"^otpauth://")):
        write("FuzzOTPAuthURI", f"test-literal-{index}", literal)
    write("FuzzOTPAuthURI", "rfc6238-secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    write("FuzzOTPAuthURI", "grouped-secret", "jbsw y3dp ehpk-3pxp")
    for index, vector in enumerate(fixture("Tests/TOTPTests/Fixtures/totp.json")["totp"][:4]):
        write("FuzzOTPAuthURI", f"totp-fixture-{index}",
              f"otpauth://totp/Fixture:case{index}?secret={vector['secretBase32']}&algorithm={vector['algorithm']}"
              f"&digits={vector['digits']}&period={vector['period']}")


def opaque_tokens():
    for prefix, name in (("crm_s_", "session"), ("crm_r_", "refresh"), ("crm_o_", "one-time")):
        write("FuzzOpaqueTokens", f"{name}-zeros", token(prefix, bytes(32)))
        write("FuzzOpaqueTokens", f"{name}-counting", token(prefix, bytes(range(32))))
        bad = token(prefix, bytes(range(32)))
        write("FuzzOpaqueTokens", f"{name}-bad-checksum", bad[:-1] + ("A" if bad[-1] != "A" else "B"))
    write("FuzzOpaqueTokens", "session-id", b64url(bytes(range(16))))
    write("FuzzOpaqueTokens", "session-id-text", "legacy-session-42")


def typed_codes():
    write("FuzzTypedCodes", "totp-rfc6238-t59", "287082")
    write("FuzzTypedCodes", "totp-wrong", "123456")
    write("FuzzTypedCodes", "hotp-rfc4226-0", "755224")
    write("FuzzTypedCodes", "recovery-grouped", "7k2m-q9xa-3tdr-hw0e")
    write("FuzzTypedCodes", "recovery-confusables", "7K2M Q9XA 3TDR HWOE")
    write("FuzzTypedCodes", "recovery-i-l", "ilil-0000-1111-zzzz")


def sealed_secrets():
    # version 1, key id "k1", a zero nonce, 20 bytes of ciphertext, a zero tag: well formed, not authentic.
    write("FuzzSealedSecrets", "box-k1", bytes([1, 2]) + b"k1" + bytes(12) + bytes(range(20)) + bytes(16))
    write("FuzzSealedSecrets", "box-k0", bytes([1, 2]) + b"k0" + bytes(12) + bytes(range(20)) + bytes(16))
    write("FuzzSealedSecrets", "box-unknown-key", bytes([1, 3]) + b"old" + bytes(28))
    write("FuzzSealedSecrets", "box-truncated", bytes([1, 2]) + b"k1" + bytes(5))


def passwords():
    samples = [case["password"] for case in fixture("Tests/PasswordPolicyTests/Fixtures/zxcvbn.json")["sample"]]
    for index, password in enumerate(samples[::4][:30]):
        write("FuzzPasswordStrength", f"zxcvbn-{index}", password)
    write("FuzzPasswordStrength", "user-inputs", "ada.lovelace1815\0ada.lovelace@acme.example\0Acme")
    policy = {
        "passphrase": "plum ferry orbits quietly 42",
        "context-word": "Acme2026!\0ada@acme.example\0ada\0Ada Lovelace\0Acme\0Acme CRM\0london",
        "breached": "password1234567",
        "nfkc-expansion": "\ufdfa" * 8,
        "control-character": "correct horse\u0007battery staple",
        "unassigned": "correct horse \U000e0080 battery",
        "l33t-banned": "@cm3 cr0ss1ng th3 r1v3r",
        "combining": "cafe\u0301 cafe\u0301 cafe\u0301 cafe\u0301",
    }
    for name, text in policy.items():
        write("FuzzPasswordPolicy", name, text)
        write("FuzzPasswordStrength", name, text)


def breached_files():
    write("FuzzBreachedPasswordFile", "small", "123456\npassword\nqwerty\n")
    write("FuzzBreachedPasswordFile", "crlf-and-blanks", "letmein\r\n\r\n\nP@ssw0rd\r\nLETMEIN\n")
    write("FuzzBreachedPasswordFile", "unicode", "pässwörd\nＰＡＳＳ\ncafe\u0301\n\ufb01sh\n")
    write("FuzzBreachedPasswordFile", "invalid-utf8", b"abc\n\xff\xfe\n")


def encodings():
    # RFC 4648 §10 test vectors, encoded each way.
    for text in (b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"):
        name = text.decode() or "empty"
        write("FuzzEncodings", f"base64-{name}", base64.b64encode(text))
        write("FuzzEncodings", f"base32-{name}", base64.b32encode(text))
    write("FuzzEncodings", "base64url", b64url(bytes(range(250, 256))))
    write("FuzzEncodings", "base32-grouped-lower", "jbsw y3dp-ehpk 3pxp")


def rbac():
    fixture_path = "Tests/RBACTests/Fixtures/casbin-differential.json"
    for index, entry in enumerate(fixture(fixture_path)["policies"][:12]):
        write("FuzzCasbinPolicy", f"differential-{index}", entry["policy"])
    write("FuzzCasbinPolicy", "literal-star", "p, admin, acme, *, read, allow\n")
    write("FuzzCasbinPolicy", "crlf", "p, admin, acme, data1, read, deny\r\ng, alice, admin, acme\r\n")
    write("FuzzCasbinPolicy", "cycle", "g, a, b, d1\ng, b, a, d1\n")
    document = {
        "formatVersion": 1,
        "roles": ["employee", "sales-rep", "manager", "clerk", "approver"],
        "rules": [
            {"role": "sales-rep", "effect": "allow", "permission": "leads:edit", "scope": "own"},
            {"role": "manager", "effect": "allow", "permission": "leads:*"},
            {"role": "manager", "effect": "deny", "permission": "leads:purge"},
            {"role": "employee", "effect": "allow", "permission": "*:read", "tenant": "acme"},
        ],
        "inheritance": [{"role": "manager", "inherits": "sales-rep"}, {"role": "sales-rep", "inherits": "employee"}],
        "assignments": [{"user": "rita", "role": "sales-rep", "tenant": "acme"}, {"user": "sam", "role": "manager"}],
        "constraints": [{"id": "payables", "kind": "static", "roles": ["clerk", "approver"], "cardinality": 2}],
    }
    write("FuzzPolicyDocument", "crm-example", json.dumps(document))
    write("FuzzPolicyDocument", "empty", '{"formatVersion": 1}')
    write("FuzzPolicyDocument", "unknown-key", '{"formatVersion": 1, "roles": ["a"], "rules": [{"role": "a", "effect": "allow", "permission": "x:y", "tennant": "t"}]}')
    for text in ("leads:read", "leads:*", "*:read", "*:*", "invoices.v2:approve-all", "lea*:read", "a:b:c", ":x"):
        write("FuzzPermissions", text.replace("*", "star").replace(":", "-") or "empty", text)


def audit_exports():
    # The Python verifier's fixtures (valid, tampered, malformed) and the start of Swift's own export.
    folder = os.path.join(ROOT, "Tests", "AuditLogTests", "Fixtures")
    for name in sorted(os.listdir(os.path.join(folder, "python"))):
        if name.endswith(".jsonl"):
            with open(os.path.join(folder, "python", name), "rb") as f:
                write("FuzzAuditExport", name[:-len(".jsonl")], f.read()[:8192])
    with open(os.path.join(folder, "swift", "export.jsonl"), "rb") as f:
        lines = f.read().split(b"\n")
    write("FuzzAuditExport", "swift-head", b"\n".join(lines[:4]) + b"\n")
    write("FuzzAuditExport", "swift-checkpoint", b"\n".join([lines[0], lines[-2]]) + b"\n")
    write("FuzzAuditExport", "cursor", "ac1.42")
def source_addresses():
    # RFC 5737 / RFC 3849 documentation addresses in each text form LockoutPolicy parses, and near
    # misses (a zone index, a port, brackets, a leading zero, a group too long).
    seeds = [
        "203.0.113.7", "0.0.0.0", "255.255.255.255", "2001:db8::1", "2001:DB8:0:0:1:2:3:4", "::", "::1",
        "1:2:3:4:5:6:7::", "::ffff:203.0.113.7", "64:ff9b::192.0.2.33",
        "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", "fe80::1%eth0", "[::1]", "203.0.113.7:443",
        "01.2.3.4", "12345::", "1::2::3",
    ]
    for index, text in enumerate(seeds):
        write("FuzzSourceAddress", f"seed-{index:02d}", text)


def login_identifiers():
    # The interop fixture's identifiers (many scripts, case, width, decomposed), and near misses: an
    # identifier at and past each byte bound, a full-width @, a compatibility character that maps to a
    # space, a bidi override, surrounding whitespace.
    seen = set()
    cases = fixture("Tests/LoginFlowTests/Fixtures/identifier-keys.json")["cases"]
    for index, case in enumerate(cases[::8]):
        write("FuzzLoginIdentifier", f"fixture-{index:02d}", case["input"])
        seen.add(case["input"])
    seeds = [
        "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 61, "a" * 65 + "@x.com", "u" * 64, "u" * 65,
        " " * 1020 + "ana", "ana\uff20example.com", "ana\u00a8@x.com", "ana\u202emoc.x@x.com",
        " \tAna.Lima@Example.COM\n", "\u337f" * 6, "\u0130stanbul", "STRA\u1e9eE", "\ufdfa@x.com",
        "a@b@c", "@", "-ana", "ana@-x.com", "a" * 1025,
    ]
    for index, text in enumerate(seeds):
        write("FuzzLoginIdentifier", f"seed-{index:02d}", text)


if __name__ == "__main__":
    stored_hashes()
    otpauth_uris()
    opaque_tokens()
    typed_codes()
    sealed_secrets()
    passwords()
    breached_files()
    encodings()
    rbac()
    audit_exports()
    source_addresses()
    login_identifiers()
