"""HMAC-SHA1 reference (the TOTP shape): Python's hmac over OpenSSL, 20-byte key, 8-byte message.

For context beside the CryptoPrimitives HMAC benchmarks; Python's call overhead is included.
Each sample is the mean of a batch of calls. Usage: python3 hmac_reference.py [--batches N]
"""

import argparse
import hashlib
import hmac

from _timing import emit, summarise, time_batched

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--batches", type=int, default=200, help="samples (batches of 1000 calls)")
args = parser.parse_args()

key = b"12345678901234567890"  # RFC 6238 appendix B SHA-1 secret, 20 bytes
message = bytes([0, 0, 0, 0, 0x03, 0x82, 0x7E, 0x45])  # an 8-byte TOTP counter

results = {
    "hmac.new(key, msg, sha1).digest()": summarise(
        time_batched(lambda: hmac.new(key, message, hashlib.sha1).digest(), args.batches, 1000), "ns"
    ),
    "hmac.digest(key, msg, 'sha1')": summarise(
        time_batched(lambda: hmac.digest(key, message, "sha1"), args.batches, 1000), "ns"
    ),
    "hashlib.sha256(32 bytes).digest()": summarise(
        time_batched(lambda: hashlib.sha256(bytes(32)).digest(), args.batches, 1000), "ns"
    ),
}
emit("HMAC-SHA1 20-byte key 8-byte message; SHA-256 of 32 bytes", results)
