#!/usr/bin/env python3
"""Generates qr.json: QR Code symbols made by python-qrcode and segno, decoded by zbarimg.

Usage: pip install segno==1.6.6 qrcode==8.2; apt-get install zbar-tools; python3 generate_qr.py

For each payload the symbol is made by python-qrcode with the version, mask and error-correction level
forced (byte mode only) and stored module for module with its codeword sequence. segno makes the same
symbol too (no ECI, no error-level boost); `segnoSameMatrix` records whether it agrees: segno 1.6.6
adds a spurious 0x00 codeword when the bit stream ends on a byte boundary after the terminator (which
byte mode always does unless the symbol is full), against ISO/IEC 18004:2015 §7.4.10 (segno issue
#148), so it mostly does not. The matrix is drawn as a PBM with a 4-module quiet zone and decoded by
zbarimg; the decoded bytes are stored, so the Swift test re-encodes what a real reader accepted.
segno's penalty scores (N1..N4) of the 8 complete symbols, one per mask, are stored so the Swift test
can compare its own penalty rule by rule, with a fifth number: rule 3 counted at every position
(segno skips a pattern that overlaps one it just counted, so its N3 can be 40 lower); both libraries' automatic mask choices are stored for
information (neither scores the complete symbol as §7.8.3.1 asks).
Also stored: segno's tables (block structure, data bits, alignment positions, format and version
information, RS generator polynomials) and automatic-version cases at capacity boundaries.
The payloads come from a seeded PRNG, so a rerun with the same versions is byte-identical.
"""
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import urllib.parse

import qrcode
import qrcode.exceptions
import qrcode.util
import segno
from segno import consts, encoder

SEED = 20261130
HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = {"L": consts.ERROR_LEVEL_L, "M": consts.ERROR_LEVEL_M, "Q": consts.ERROR_LEVEL_Q, "H": consts.ERROR_LEVEL_H}
QRCODE_LEVELS = {"L": qrcode.ERROR_CORRECT_L, "M": qrcode.ERROR_CORRECT_M,
                 "Q": qrcode.ERROR_CORRECT_Q, "H": qrcode.ERROR_CORRECT_H}


def byte_capacity(version, level):
    """Bytes one byte-mode segment holds: data bits less mode indicator and character count."""
    count_bits = 8 if version <= 9 else 16
    return (consts.SYMBOL_CAPACITY[version][LEVELS[level]] - 4 - count_bits) // 8


def segno_symbol(payload, level, version=None, mask=None):
    return segno.make(payload, error=level.lower(), version=version, mask=mask, mode="byte",
                      boost_error=False, micro=False)


def rows_hex(matrix):
    """Each row as hex, most significant bit first, zero-padded to whole hex digits."""
    out = []
    for row in matrix:
        bits = "".join("1" if module else "0" for module in row)
        bits += "0" * (-len(bits) % 4)
        out.append("".join("%x" % int(bits[i:i + 4], 2) for i in range(0, len(bits), 4)))
    return out


def zbar_decode(matrix, scale=4, border=4):
    """Draws `matrix` as a PBM with a light quiet zone and returns zbarimg's raw bytes (or None)."""
    size = len(matrix)
    side = (size + 2 * border) * scale
    lines = []
    for y in range(-border, size + border):
        row = "".join(("1" if 0 <= y < size and 0 <= x < size and matrix[y][x] else "0") * scale
                      for x in range(-border, size + border))
        lines.extend([row] * scale)
    with tempfile.NamedTemporaryFile("w", suffix=".pbm", delete=False) as handle:
        handle.write(f"P1\n{side} {side}\n" + "\n".join(lines) + "\n")
        path = handle.name
    try:
        result = subprocess.run(["zbarimg", "--raw", "-q", "-Sbinary", path], capture_output=True)
    finally:
        os.unlink(path)
    return result.stdout if result.returncode == 0 else None


def finder_like_every_occurrence(matrix):
    """Rule 3 read plainly: 40 for every dark-light-dark-dark-dark-light-dark run in a row or column
    with 4 light modules before or after it, outside the symbol counting as light. segno's search
    resumes 7 modules after a counted match, so it misses a second pattern overlapping the first."""
    size = len(matrix)
    lines = [list(row) for row in matrix] + [[matrix[r][c] for r in range(size)] for c in range(size)]
    score = 0
    for line in lines:
        padded = [0] * 4 + line + [0] * 4
        for start in range(size - 6):
            if line[start:start + 7] == [1, 0, 1, 1, 1, 0, 1] and (
                    not any(padded[start:start + 4]) or not any(padded[start + 11:start + 15])):
                score += 40
    return score


def qrcode_library(payload, level, version, mask):
    """python-qrcode's matrix for a forced mask, its codewords, and its own automatic mask."""
    data = [qrcode.util.QRData(payload, mode=qrcode.util.MODE_8BIT_BYTE)]
    code = qrcode.QRCode(version=version, error_correction=QRCODE_LEVELS[level], mask_pattern=mask)
    code.data_list = data
    code.make(fit=False)
    codewords = qrcode.util.create_data(version, QRCODE_LEVELS[level], data)
    automatic = qrcode.QRCode(version=version, error_correction=QRCODE_LEVELS[level])
    automatic.data_list = data
    return [list(map(int, row)) for row in code.modules], bytes(codewords), automatic.best_mask_pattern()


def symbol_case(name, payload, level, version, mask):
    matrix, codewords, qrcode_auto = qrcode_library(payload, level, version, mask)
    size = len(matrix)
    segno_forced = segno_symbol(payload, level, version, mask)
    assert (segno_forced.version, segno_forced.mask, segno_forced.error) == (version, mask, level), name
    penalties = []
    for candidate in range(8):
        complete = matrix if candidate == mask else qrcode_library(payload, level, version, candidate)[0]
        scores = list(encoder.mask_scores([bytearray(row) for row in complete], size, size))
        every = finder_like_every_occurrence(complete)
        assert every >= scores[2], name
        penalties.append(scores + [every])
    decoded = zbar_decode(matrix)
    assert decoded == payload, f"{name}: zbarimg read {decoded!r}"
    return {
        "name": name, "payloadHex": payload.hex(), "level": level, "version": version, "mask": mask,
        "codewordsHex": codewords.hex(), "rows": rows_hex(matrix), "penalties": penalties,
        "segnoSameMatrix": [list(row) for row in segno_forced.matrix] == matrix,
        "segnoAutomaticMask": segno_symbol(payload, level, version).mask,
        "qrcodeAutomaticMask": qrcode_auto, "zbarDecodedHex": decoded.hex(),
    }


def otpauth(issuer, account, secret, extra="&algorithm=SHA1&digits=6&period=30"):
    quote = lambda text: urllib.parse.quote(text, safe="")
    return (f"otpauth://totp/{quote(issuer)}:{quote(account)}?secret={secret}&issuer={quote(issuer)}"
            + extra).encode()


def payloads(rng):
    b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    secret = lambda length: "".join(rng.choice(b32) for _ in range(length))
    yield "short ASCII", b"hello", "M"
    yield "single byte", b"\x00", "L"
    yield "typical otpauth URI", otpauth("Acme CRM", "alice@example.com", secret(32)), "M"
    yield "otpauth URI, SHA512 8 digits", otpauth("Acme", "bob@example.com", secret(103),
                                                   "&algorithm=SHA512&digits=8&period=60"), "M"
    yield "otpauth URI, long issuer and label", otpauth("Acme Customer Relationship Management " * 6,
                                                         "a.very.long.mailbox.name+" * 8 + "@example.com",
                                                         secret(52)), "M"
    yield "otpauth URI, hostile label", otpauth("Evil?&secret=AAAA#\"<script>",
                                                "x'><img src=x onerror=alert(1)>@\u0000\n\u202e", secret(32)), "Q"
    yield "otpauth URI, UTF-8 names", otpauth("Société Générale 银行", "zoë@exämple.com 🔑", secret(32)), "H"
    all_bytes = bytes(range(256))
    for level in LEVELS:
        yield f"bytes 0x00-0xFF at {level}", all_bytes, level
    yield "UTF-8 text", "pässwörd ✓ 密码很安全的 كلمة السر 🔑🔐".encode(), "L"


def choose_version(payload, level):
    return segno_symbol(payload, level).version


def main():
    rng = random.Random(SEED)
    symbols = []
    for index, (name, payload, level) in enumerate(payloads(rng)):
        symbols.append(symbol_case(name, payload, level, choose_version(payload, level), index % 8))
    # Every version once, full to capacity, levels and masks in turn.
    for version in range(1, 41):
        level = "LMQH"[version % 4]
        payload = bytes(rng.getrandbits(8) for _ in range(byte_capacity(version, level)))
        symbols.append(symbol_case(f"version {version} full", payload, level, version, (version * 3) % 8))

    # Automatic version choice at capacity boundaries, and the first length that fits nowhere.
    boundaries = []
    for version, level in [(1, "M"), (1, "H"), (6, "M"), (7, "L"), (9, "Q"), (10, "M"), (26, "H"),
                           (39, "M"), (40, "L"), (40, "M"), (40, "Q"), (40, "H")]:
        capacity = byte_capacity(version, level)
        for length in (capacity, capacity + 1):
            try:
                chosen = segno_symbol(b"\xa5" * length, level).version
            except segno.DataOverflowError:
                chosen = None
            fitted = qrcode.QRCode(error_correction=QRCODE_LEVELS[level])
            fitted.data_list = [qrcode.util.QRData(b"\xa5" * length, mode=qrcode.util.MODE_8BIT_BYTE)]
            try:
                assert fitted.best_fit() == chosen, (version, level, length)
            except (qrcode.exceptions.DataOverflowError, ValueError):  # 8.2 raises ValueError past 40
                assert chosen is None
            boundaries.append({"length": length, "level": level, "version": chosen})

    tables = {
        "blocks": {name: [[sum(group.num_blocks for group in consts.ECC[v][level]),
                           consts.ECC[v][level][0].num_total - consts.ECC[v][level][0].num_data]
                          for v in range(1, 41)] for name, level in LEVELS.items()},
        "dataBits": {name: [consts.SYMBOL_CAPACITY[v][level] for v in range(1, 41)]
                     for name, level in LEVELS.items()},
        "alignment": [[]] + [list(positions) for positions in consts.ALIGNMENT_POS],
        "formatInformation": {name: [consts.FORMAT_INFO[level << 3 | mask] for mask in range(8)]
                              for name, level in LEVELS.items()},
        "versionInformation": list(consts.VERSION_INFO),
        "generatorExponents": {str(degree): list(exponents) for degree, exponents in sorted(consts.GEN_POLY.items())},
    }
    zbar = subprocess.run(["zbarimg", "--version"], capture_output=True, text=True).stdout.strip()
    fixture = {"generator": "generate_qr.py", "seed": SEED, "python": platform.python_version(),
               "segno": segno.__version__, "qrcode": qrcode_version(), "zbarimg": zbar,
               "tables": tables, "boundaries": boundaries, "symbols": symbols}
    with open(os.path.join(HERE, "qr.json"), "w") as handle:
        json.dump(fixture, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    print(f"{len(symbols)} symbols, {len(boundaries)} boundary cases; zbarimg decoded every symbol",
          file=sys.stderr)


def qrcode_version():
    from importlib.metadata import version
    return version("qrcode")


if __name__ == "__main__":
    main()
