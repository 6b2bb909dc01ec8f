#!/usr/bin/env python3
"""An independent verifier of CRMAuth audit exports, written from Documentation/AuditLog.md alone.

    audit_verify.py verify EXPORT.jsonl [--public-key ID:HEX ...]
        exit 0 intact, 1 tampered (one "sequence N: problem" line each), 2 unreadable
    audit_verify.py generate OUTDIR
        writes valid and tampered exports made by this implementation, and expected.json with this
        verifier's verdict on each; the Swift tests check that CRMAuth's verifier agrees

Needs `cryptography` (Scripts/requirements-audit.txt) for Ed25519; nothing from CRMAuth.
"""
import argparse
import hashlib
import json
import os
import sys
import unicodedata

FORMAT = "crmauth.audit.export"
LIMIT = 1 << 53
MAX_LINE = 256 * 1024
RECORD_FIELDS = {"actor", "kind", "metadata", "outcome", "previous", "reason", "sequence", "source", "subject",
                 "tenant", "time", "user_agent", "v"}
REQUIRED_RECORD_FIELDS = {"kind", "metadata", "outcome", "previous", "sequence", "time", "v"}
TEXT_LIMITS = {"source": 64, "user_agent": 512, "reason": 128}


class Malformed(Exception):
    pass


def canonical(value):
    """The canonical encoding: sorted keys, no whitespace, integers, minimal escapes, raw UTF-8."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- parsing

def _reject(what):
    def fail(*_):
        raise Malformed(what)
    return fail


def _pairs(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise Malformed("a repeated key")
        result[key] = value
    return result


def _check_tree(value, depth):
    if isinstance(value, bool) or value is None or isinstance(value, list) or isinstance(value, float):
        raise Malformed("only objects, strings and integers are allowed")
    if isinstance(value, int):
        if abs(value) > LIMIT:
            raise Malformed("an integer is at most 2^53 in magnitude")
    elif isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Malformed("a lone surrogate")
    elif isinstance(value, dict):
        if depth > 3:
            raise Malformed("objects nest at most three deep")
        for key, member in value.items():
            _check_tree(key, depth)
            _check_tree(member, depth + 1)


def parse_line(raw):
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("not UTF-8")
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_float=_reject("numbers are integers"),
                           parse_constant=_reject("no constants"))
    except ValueError as error:
        if isinstance(error, Malformed):
            raise
        raise Malformed("not JSON: %s" % error)
    if not isinstance(value, dict):
        raise Malformed("a line is one JSON object")
    _check_tree(value, 1)
    return value


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _has_control(text):
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def _hex(value, length):
    if not isinstance(value, str) or len(value) != length * 2 or any(c not in "0123456789abcdef" for c in value):
        raise Malformed("hex of %d bytes expected" % length)
    return value


def _valid_kind(name):
    data = name.encode("utf-8")
    if not 3 <= len(data) <= 64:
        return False
    segments = name.split(".")
    return 2 <= len(segments) <= 8 and all(
        segment and all(c in "abcdefghijklmnopqrstuvwxyz0123456789_" for c in segment) for segment in segments)


def _check_identifier(value):
    if not isinstance(value, str) or not 1 <= len(value.encode("utf-8")) <= 255 or _has_control(value):
        raise Malformed("an identifier is 1 to 255 bytes without control characters")


def check_record(line):
    if set(line) != {"hash", "record", "type"}:
        raise Malformed("a record line has hash, record and type")
    _hex(line["hash"], 32)
    record = line["record"]
    if not isinstance(record, dict):
        raise Malformed("record is an object")
    if not REQUIRED_RECORD_FIELDS <= set(record) or not set(record) <= RECORD_FIELDS:
        raise Malformed("record fields")
    if record["v"] != 1 or not _is_int(record["v"]):
        raise Malformed("unsupported record version")
    if not _is_int(record["sequence"]) or record["sequence"] < 1:
        raise Malformed("a sequence number is at least 1")
    if not _is_int(record["time"]):
        raise Malformed("time is an integer")
    if not isinstance(record["kind"], str) or not _valid_kind(record["kind"]):
        raise Malformed("kind")
    if record["outcome"] not in ("success", "failure"):
        raise Malformed("outcome")
    _hex(record["previous"], 32)
    for key in ("actor", "subject", "tenant"):
        if key in record:
            _check_identifier(record[key])
    for key, limit in TEXT_LIMITS.items():
        if key in record:
            value = record[key]
            if not isinstance(value, str) or len(value.encode("utf-8")) > limit or _has_control(value):
                raise Malformed(key)
    metadata = record["metadata"]
    if not isinstance(metadata, dict) or len(metadata) > 32:
        raise Malformed("metadata")
    for key, value in metadata.items():
        if not 1 <= len(key) <= 64 or any(c not in "abcdefghijklmnopqrstuvwxyz0123456789_.-" for c in key):
            raise Malformed("metadata key")
        if not isinstance(value, str) or len(value.encode("utf-8")) > 1024 or _has_control(value):
            raise Malformed("metadata value")
    return {"sequence": record["sequence"], "previous": record["previous"], "hash": line["hash"],
            "computed": sha256_hex(canonical(record))}


def check_checkpoint(line):
    if set(line) != {"key_id", "record_hash", "sequence", "signature", "time", "type"}:
        raise Malformed("checkpoint fields")
    key_id = line["key_id"]
    if not isinstance(key_id, str) or not 1 <= len(key_id) <= 64 or any(not 0x21 <= ord(c) <= 0x7e for c in key_id):
        raise Malformed("key id")
    _hex(line["record_hash"], 32)
    _hex(line["signature"], 64)
    if not _is_int(line["sequence"]) or line["sequence"] < 1 or not _is_int(line["time"]):
        raise Malformed("checkpoint numbers")
    return line


def parse_export(data):
    pieces = data.split(b"\n")
    if pieces and pieces[-1] == b"":
        pieces.pop()
    if not pieces:
        raise Malformed("no header line")
    records, checkpoints = [], []
    for number, raw in enumerate(pieces, 1):
        if len(raw) > MAX_LINE:
            raise Malformed("line %d is too long" % number)
        try:
            line = parse_line(raw)
            if number == 1:
                if set(line) != {"format", "version"} or line["format"] != FORMAT:
                    raise Malformed("not a %s header" % FORMAT)
                if not _is_int(line["version"]) or line["version"] != 1:
                    raise Malformed("unsupported version")
                continue
            kind = line.get("type")
            if kind == "record":
                records.append(check_record(line))
            elif kind == "checkpoint":
                checkpoints.append(check_checkpoint(line))
            else:
                raise Malformed("unknown line type")
        except Malformed as error:
            raise Malformed("line %d: %s" % (number, error))
    return records, checkpoints


# ---------------------------------------------------------------- verification

def signed_message(checkpoint):
    return canonical({"key_id": checkpoint["key_id"], "record_hash": checkpoint["record_hash"],
                      "sequence": checkpoint["sequence"], "time": checkpoint["time"],
                      "type": "crmauth.audit.checkpoint", "v": 1})


def signature_valid(public_key_hex, checkpoint):
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
        key.verify(bytes.fromhex(checkpoint["signature"]), signed_message(checkpoint))
        return True
    except (InvalidSignature, ValueError):
        return False


def verify(records, checkpoints, keys):
    """keys: {key_id: public key hex}, or None to skip signatures. Returns the problems in order."""
    problems, checkpoint_problems, sound = [], [], []
    for checkpoint in checkpoints:
        if keys is not None:
            if checkpoint["key_id"] not in keys:
                checkpoint_problems.append((checkpoint["sequence"], "checkpoint_key_unknown"))
                continue
            if not signature_valid(keys[checkpoint["key_id"]], checkpoint):
                checkpoint_problems.append((checkpoint["sequence"], "checkpoint_signature_invalid"))
                continue
        sound.append(checkpoint)
    last = None
    if records:
        first = records[0]["sequence"]
        if first == 1:
            last = (0, "0" * 64)
        else:
            pins = [c for c in sound if c["sequence"] == first - 1]
            if pins:
                last = (pins[0]["sequence"], pins[0]["record_hash"])
            else:
                problems.append((first, "start_unanchored"))
    hashes = {}
    for record in records:
        sequence = record["sequence"]
        if record["computed"] != record["hash"]:
            problems.append((sequence, "record_altered"))
        if last is not None:
            if sequence <= last[0]:
                problems.append((sequence, "record_duplicated" if sequence in hashes else "record_out_of_order"))
                hashes.setdefault(sequence, record["hash"])
                continue
            if sequence > last[0] + 1:
                problems.append((sequence, "records_missing"))
            elif record["previous"] != last[1]:
                problems.append((sequence, "link_broken"))
        last = (sequence, record["hash"])
        hashes[sequence] = record["hash"]
    first = records[0]["sequence"] if records else None
    for checkpoint in sound:
        sequence = checkpoint["sequence"]
        if sequence in hashes:
            if hashes[sequence] != checkpoint["record_hash"]:
                checkpoint_problems.append((sequence, "checkpoint_hash_mismatch"))
        elif first is not None and sequence < first:
            continue
        else:
            checkpoint_problems.append((sequence, "checkpoint_record_missing"))
    return ["sequence %d: %s" % problem for problem in problems + checkpoint_problems]


# ---------------------------------------------------------------- fixture generation

# RFC 8032 section 7.1 TEST 1: the Swift tests use the same key (Tests/AuditLogTests/Support.swift).
SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
KEY_ID = "audit-test"
KINDS = ["login.succeeded", "login.failed", "mfa.challenged", "role.granted", "session.revoked", "user.created"]


def _event(index, odd=False):
    record = {"kind": KINDS[index % len(KINDS)], "metadata": {"attempt": str(index)}, "outcome":
              "failure" if index % 3 == 0 else "success", "subject": "user%d" % (index % 4), "time":
              1_700_000_000_000 + index * 1000, "v": 1}
    if index % 2 == 0:
        record["tenant"] = "acme"
        record["source"] = "203.0.113.%d" % index
    if index % 3 == 0:
        record["reason"] = "wrong_password"
    if odd:
        record["user_agent"] = "quote \" backslash \\ slash / tab-less é 漢字 😀 \u00a0"
        record["actor"] = "Ada Lovelace <ada@example.com>"
        record["metadata"]["a.b-c_d"] = "ünïcode\u2028line separator"
    return record


def link(events, head=(0, "0" * 64)):
    sequence, previous = head
    lines = []
    for event in events:
        sequence += 1
        record = dict(event, sequence=sequence, previous=previous)
        digest = sha256_hex(canonical(record))
        lines.append({"hash": digest, "record": record, "type": "record"})
        previous = digest
    return lines


def sign(record_line, key_id=KEY_ID, seed=SEED, time=1_700_003_600_000):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    checkpoint = {"key_id": key_id, "record_hash": record_line["hash"], "sequence": record_line["record"]["sequence"],
                  "time": time, "type": "checkpoint"}
    signature = Ed25519PrivateKey.from_private_bytes(seed).sign(signed_message(checkpoint))
    return dict(checkpoint, signature=signature.hex())


def export_bytes(lines, header=None):
    header = header if header is not None else canonical({"format": FORMAT, "version": 1})
    return header + b"\n" + b"".join((canonical(line) if isinstance(line, dict) else line) + b"\n" for line in lines)


def fixtures():
    records = link([_event(i) for i in range(12)])
    checkpoints = [sign(records[4]), sign(records[9]), sign(records[11])]
    out = {"valid": export_bytes(records + checkpoints)}
    out["valid-pruned"] = export_bytes(records[5:] + checkpoints)
    odd = link([_event(i, odd=True) for i in range(4)])
    out["valid-escapes"] = export_bytes(odd + [sign(odd[3])])
    escaped = [json.dumps(line, ensure_ascii=True, sort_keys=False).encode() for line in odd]
    out["valid-escapes-as-ascii"] = export_bytes(escaped + [sign(odd[3])])
    spaced = [json.dumps(line, ensure_ascii=True, indent=None, separators=(", ", " : ")).encode() for line in records]
    out["valid-noncanonical-spacing"] = export_bytes(spaced + checkpoints)

    altered = json.loads(json.dumps(records))
    altered[3]["record"]["metadata"]["attempt"] = "99"
    out["altered-keeping-hash"] = export_bytes(altered + checkpoints)
    rehashed = records[:3] + link([dict(_event(3), reason="edited")], (3, records[2]["hash"])) + records[4:]
    out["altered-rehashed"] = export_bytes(rehashed + checkpoints)
    rewritten = records[:3] + link([dict(_event(3), reason="edited")] + [_event(i) for i in range(4, 12)],
                                   (3, records[2]["hash"]))
    out["rewritten-after-edit"] = export_bytes(rewritten + checkpoints)
    out["deleted-middle"] = export_bytes(records[:5] + records[7:] + checkpoints)
    out["truncated-tail"] = export_bytes(records[:10] + checkpoints)
    out["truncated-tail-unpinned"] = export_bytes(records[:10] + checkpoints[:2])
    inserted = link([_event(40)], (3, records[2]["hash"]))
    out["inserted-duplicate"] = export_bytes(records[:4] + inserted + records[4:] + checkpoints)
    out["reordered"] = export_bytes(records[:5] + [records[6], records[5]] + records[7:] + checkpoints)
    forged = dict(checkpoints[1])
    forged["signature"] = ("0" if forged["signature"][0] != "0" else "1") + forged["signature"][1:]
    out["forged-signature"] = export_bytes(records + [checkpoints[0], forged, checkpoints[2]])
    rogue = sign(records[9], key_id="rogue", seed=bytes(range(32)))
    out["unknown-key"] = export_bytes(records + [checkpoints[0], rogue, checkpoints[2]])
    impostor = sign(records[9], seed=bytes(range(32)))
    out["wrong-key-same-id"] = export_bytes(records + [checkpoints[0], impostor, checkpoints[2]])
    out["unanchored-start"] = export_bytes(records[5:] + checkpoints[1:])

    good = canonical(records[0])
    out["malformed-float"] = export_bytes([good.replace(b'"v":1}', b'"v":1.0}')])
    out["malformed-duplicate-key"] = export_bytes([good.replace(b'"kind":', b'"kind":"x.y","kind":')])
    out["malformed-unknown-field"] = export_bytes([good.replace(b'"v":1}', b'"v":1,"extra":"x"}')])
    out["malformed-lone-surrogate"] = export_bytes([good.replace(b'"subject":"user0"', b'"subject":"\\udc00"')])
    out["malformed-leading-zero"] = export_bytes([good.replace(b'"sequence":1', b'"sequence":01')])
    out["malformed-huge-integer"] = export_bytes([good.replace(b'"sequence":1', b'"sequence":9007199254740993')])
    out["malformed-header-version"] = export_bytes(records, header=b'{"format":"crmauth.audit.export","version":2}')
    out["malformed-null"] = export_bytes([good.replace(b'"subject":"user0"', b'"subject":null')])
    out["malformed-control-character"] = export_bytes([good.replace(b'"subject":"user0"', b'"subject":"a\\u0085"')])
    out["malformed-blank-line"] = export_bytes([good, b""])
    out["malformed-bad-hex"] = export_bytes([good.replace(b'"hash":"', b'"hash":"A')])
    return out


def verdict(data, keys):
    try:
        records, checkpoints = parse_export(data)
    except Malformed as error:
        return {"status": "malformed", "problems": [], "reason": str(error)}
    problems = verify(records, checkpoints, keys)
    return {"status": "tampered" if problems else "intact", "problems": problems}


def public_key_hex(seed=SEED):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def generate(directory):
    os.makedirs(directory, exist_ok=True)
    keys = {KEY_ID: public_key_hex()}
    expected = {}
    for name, data in sorted(fixtures().items()):
        with open(os.path.join(directory, name + ".jsonl"), "wb") as handle:
            handle.write(data)
        expected[name] = verdict(data, keys)
    with open(os.path.join(directory, "expected.json"), "w") as handle:
        json.dump({"key_id": KEY_ID, "public_key": keys[KEY_ID], "verdicts": expected}, handle, indent=1,
                  sort_keys=True, ensure_ascii=False)
        handle.write("\n")
    print("%d fixtures written to %s" % (len(expected), directory))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("verify")
    check.add_argument("file")
    check.add_argument("--public-key", action="append", default=[],
                       help="a trusted Ed25519 public key as ID:HEX (64 hex digits); repeat for several")
    make = commands.add_parser("generate")
    make.add_argument("directory")
    arguments = parser.parse_args()
    if arguments.command == "generate":
        generate(arguments.directory)
        return 0
    keys = None
    for text in arguments.public_key:
        key_id, _, key = text.rpartition(":")
        if not key_id or len(key) != 64 or any(c not in "0123456789abcdefABCDEF" for c in key):
            print("unreadable: --public-key is ID:HEX with 64 hex digits", file=sys.stderr)
            return 2
        keys = dict(keys or {}, **{key_id: key.lower()})
    try:
        with open(arguments.file, "rb") as handle:
            data = handle.read()
    except OSError as error:
        print("unreadable: %s" % error, file=sys.stderr)
        return 2
    result = verdict(data, keys)
    if result["status"] == "malformed":
        print("unreadable: %s" % result["reason"], file=sys.stderr)
        return 2
    for problem in result["problems"]:
        print(problem)
    if result["status"] == "intact":
        print("intact" + ("" if keys else " (signatures not checked: no public key)"))
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
