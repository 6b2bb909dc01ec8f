"""TOTP verification reference: pyotp's TOTP.verify(code, valid_window=1).

valid_window=1 accepts the previous, current and next 30-second step (RFC 6238 §5.2). A code for the
current step matches on the second candidate; a wrong code computes all three, the worst case. The
time is fixed (for_time), so runs are repeatable. Each sample is the mean of a batch of calls.
Usage: python3 pyotp_reference.py [--batches N]
"""

import argparse
import base64

import pyotp

from _timing import emit, summarise, time_batched

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--batches", type=int, default=100, help="samples (batches of 1000 calls)")
args = parser.parse_args()

secret = base64.b32encode(b"12345678901234567890").decode()  # 20 bytes, 160 bits
totp = pyotp.TOTP(secret)  # SHA-1, 6 digits, 30-second step
now = 1_111_111_109  # RFC 6238 appendix B test time
code = totp.at(now)
wrong = f"{(int(code) + 1) % 1_000_000:06d}"
assert totp.verify(code, for_time=now, valid_window=1)
assert not totp.verify(wrong, for_time=now, valid_window=1)

results = {
    "verify(current code, valid_window=1)": summarise(
        time_batched(lambda: totp.verify(code, for_time=now, valid_window=1), args.batches, 1000), "us"
    ),
    "verify(wrong code, valid_window=1)": summarise(
        time_batched(lambda: totp.verify(wrong, for_time=now, valid_window=1), args.batches, 1000), "us"
    ),
    "at(time) (one code)": summarise(time_batched(lambda: totp.at(now), args.batches, 1000), "us"),
}
emit("pyotp TOTP.verify, SHA-1, 6 digits, 30 s step", results, packages=("pyotp",))
