#!/usr/bin/env python3
"""Checks that a real QR decoder (zbarimg) reads the QR codes `crm-auth totp uri` draws.

Usage: python3 Scripts/check_qr_with_zbar.py PATH/TO/crm-auth
Needs Debian's zbar-tools and librsvg2-bin (rsvg-convert; ImageMagick's convert is used if it is
missing). Standard library only.

For each URI (plain, long, hostile-looking labels, non-ASCII, every error-correction level) it
renders the SVG (--svg) to PNG and decodes it, and parses the terminal text back into a bitmap, for
both --light-background and the default dark background, writes it as a PBM and decodes that: each
must decode to exactly the URI printed on the first line. It also checks that the SVG file is
private (mode 0600) and that a URI too long for any QR code exits with status 2.
"""
import os
import shutil
import stat
import subprocess
import sys
import tempfile

SECRET_512 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY"
CASES = [
    ("plain", ["--issuer", "Acme CRM", "--account", "alice@example.com"]),
    ("given secret, SHA256, 8 digits, 60 s", ["--issuer", "Acme", "--account", "bob@example.com",
                                              "--secret", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
                                              "--algorithm", "SHA256", "--digits", "8", "--period", "60"]),
    ("level L", ["--issuer", "Acme", "--account", "carol@example.com", "--error-correction", "L"]),
    ("level Q", ["--issuer", "Acme", "--account", "dave@example.com", "--error-correction", "Q"]),
    ("level H", ["--issuer", "Acme", "--account", "erin@example.com", "--error-correction", "H"]),
    ("hostile label", ["--issuer", "Evil?&secret=AAAAAAAAAAAAAAAA#<script>alert(1)</script>",
                       "--account", "x'\"><img src=x onerror=alert(1)>%00\u202e@example.com"]),
    ("control characters and newline", ["--issuer", "Tab\tBell\x07", "--account", "line1\nline2\r\n"]),
    ("non-ASCII", ["--issuer", "Société Générale 银行 🔑", "--account", "zoë@exämple.com"]),
    ("long issuer and account, 512-bit secret, SHA512", [
        "--issuer", "Acme Customer Relationship Management " * 6, "--account",
        ("a.very.long.mailbox.name+" * 9)[:240] + "@example.com", "--secret", SECRET_512,
        "--algorithm", "SHA512", "--digits", "8"]),
    ("long and percent-encoded at level H (large version)", [
        "--issuer", "&" * 100, "--account", "ü" * 60, "--error-correction", "H"]),
]
TOO_LONG = ["--issuer", "?" * 256, "--account", "?" * 256]
# Characters of the terminal text: which halves (top, bottom) carry the glyph.
HALVES = {" ": (False, False), "\u2580": (True, False), "\u2584": (False, True), "\u2588": (True, True)}


def zbar(path):
    result = subprocess.run(["zbarimg", "--raw", "-q", "-Sbinary", path], capture_output=True)
    return result.stdout if result.returncode == 0 else None


def svg_to_png(svg, png):
    if shutil.which("rsvg-convert"):
        subprocess.run(["rsvg-convert", "-o", png, svg], check=True)
    else:
        subprocess.run(["convert", svg, png], check=True)


def terminal_to_pbm(lines, light_background, path, scale=4):
    """Rebuilds the module bitmap from half-block text; the glyph is light on a dark background."""
    width = len(lines[0])
    rows = []
    for line in lines:
        assert len(line) == width and set(line) <= set(HALVES), "unexpected terminal text"
        top, bottom = zip(*(HALVES[character] for character in line))
        rows.extend([top, bottom])
    # 1 is black in PBM: a module is dark where the glyph is drawn on a light terminal, and
    # where it is not drawn on a dark one.
    pixels = [["1" if ink == light_background else "0" for ink in row for _ in range(scale)] for row in rows]
    with open(path, "w") as handle:
        handle.write(f"P1\n{width * scale} {len(rows) * scale}\n")
        for row in pixels:
            handle.write(("".join(row) + "\n") * scale)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = sys.argv[1]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as work:
        def check(label, ok, detail=""):
            nonlocal passed, failed
            passed, failed = passed + ok, failed + (not ok)
            print(("ok   " if ok else "FAIL ") + label + ("" if ok else f": {detail}"))

        for name, arguments in CASES:
            svg, png = os.path.join(work, "code.svg"), os.path.join(work, "code.png")
            result = subprocess.run([binary, "totp", "uri", *arguments, "--svg", svg], capture_output=True)
            if result.returncode != 0:
                check(f"{name}: svg", False, result.stderr.decode(errors="replace"))
                continue
            uri = result.stdout.rstrip(b"\n")
            check(f"{name}: only the URI on standard output", b"\n" not in uri and uri.startswith(b"otpauth://"))
            check(f"{name}: SVG file mode 0600", stat.S_IMODE(os.stat(svg).st_mode) == 0o600)
            svg_to_png(svg, png)
            decoded = zbar(png)
            with open(svg) as handle:
                side = int(handle.read().split('viewBox="0 0 ')[1].split(" ")[0])
            version = (side - 8 - 17) // 4
            check(f"{name}: SVG decodes to the URI ({len(uri)} bytes, version {version})", decoded == uri, decoded)
            secret = [arguments[i + 1] for i, arg in enumerate(arguments) if arg == "--secret"]
            for light in (False, True):
                # Reuse the secret zbar just read, so both renderings carry the same URI.
                fixed = arguments if secret else arguments + ["--secret", uri.split(b"secret=")[1].split(b"&")[0].decode()]
                extra = ["--light-background"] if light else []
                result = subprocess.run([binary, "totp", "uri", *fixed, *extra], capture_output=True)
                lines = result.stdout.decode().split("\n")
                label = f"{name}: terminal text ({'light' if light else 'dark'} background)"
                if result.returncode != 0 or lines[0].encode() != uri:
                    check(label, False, result.stderr.decode(errors="replace") or "different URI")
                    continue
                pbm = os.path.join(work, "code.pbm")
                terminal_to_pbm([line for line in lines[1:] if line], light, pbm)
                decoded = zbar(pbm)
                check(label + " decodes to the URI", decoded == uri, decoded)
        result = subprocess.run([binary, "totp", "uri", *TOO_LONG], capture_output=True)
        check("a URI too long for a QR code exits 2 and prints nothing",
              result.returncode == 2 and result.stdout == b"", result)
    print(f"zbarimg check: {passed} ok, {failed} failing")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
