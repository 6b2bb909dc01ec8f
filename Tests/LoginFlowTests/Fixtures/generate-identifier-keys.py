#!/usr/bin/env python3
"""Generates identifier-keys.json: the lookup key of a few hundred login identifiers, computed by
Python's unicodedata as NFKC(lower(NFKC(text))) with the final sigma U+03C2 folded to U+03C3, the rule
LoginIdentifier's `key` follows. (Python's lower() applies Unicode's Final_Sigma context rule and Swift's
lowercased() does not; folding U+03C2 makes both agree and makes ΟΔΟΣ and οδος one key.)

Usage: python3 generate-identifier-keys.py (standard library only; no network).
The inputs are built from a fixed list of names in many scripts, each written as typed (as given,
upper-cased, title-cased, decomposed, full-width where ASCII), as a username and inside an email
address. Every input is a valid identifier, so the Swift test reads each one through
`LoginIdentifier(parsing:)` and compares its key. Characters assigned after the Unicode version of
the Python that ran this (recorded in the header) are not used: a newer Swift could know them.
"""
import json
import os
import platform
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# Names that start with a letter, in many scripts, with the case and compatibility traps that matter
# for a lookup key. Each is also a username (letters, digits, marks, '.', '_' and '-').
NAMES = [
    "ana", "Ana.Lima", "JOSE_2", "o-brien", "zoe.x",
    "jos\u00e9", "jose\u0301", "Zo\u00eb", "Zoe\u0308", "fran\u00e7ois", "\u00c5sa", "A\u030asa",
    "stra\u00dfe", "STRASSE", "\u1e9ee", "gro\u00df",  # German sharp s; capital sharp s U+1E9E
    "\u0130stanbul", "istanbul", "ISTANBUL", "\u0131rmak", "I\u0307i",  # Turkish dotted and dotless i
    "\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c2", "\u03a3\u03bf\u03c6\u03af\u03b1",  # Greek, sigma
    "\u0391\u0313\u0345", "\u1f88",  # Greek with psili and ypogegrammeni / prosgegrammeni
    "\u03f4eta", "\u2126mega", "\u212akelvin", "\u212bngstrom",  # theta symbol, ohm, kelvin, angstrom signs
    "\u0414\u043c\u0438\u0442\u0440\u0438\u0439", "\u0401\u043b\u043a\u0430",  # Cyrillic
    "\u0531\u0580\u0561\u0574", "\ufb13\u0561",  # Armenian, Armenian ligature men now
    "\u10a0\u10d0", "\u1c90\u10d0",  # Georgian Asomtavruli and Mtavruli capitals
    "\u13a0\u13a1\u13a2", "\uab70\uab71",  # Cherokee upper and lower
    "\ufb01nance", "\ufb00", "\u0132sselmeer", "\u01c4emal",  # ligatures fi, ff, IJ, DZ with caron
    "\u216bth", "\u2170v", "\u2460a", "\u24b6\u24b7",  # Roman numerals, circled digit and letters
    "\U0001d400\U0001d401", "\U0001d552\U0001d553",  # mathematical bold and double-struck letters
    "x\u00b2", "h\u2082o", "a\u2075",  # superscripts and subscripts
    "\uff76\uff9e", "\uff8a\uff9f\uff9d",  # half-width katakana with (semi-)voiced marks
    "\u30ac\u30a4", "\u304c\u3044",  # katakana, hiragana
    "\u1100\u1161\u11a8", "\ud55c\uad6d",  # Hangul jamo, precomposed syllables
    "\u4e2d\u6587", "\uf900", "\u2f00",  # CJK, a compatibility ideograph, a Kangxi radical
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\ufefb",  # Arabic, lam-alef ligature form
    "\u05e2\u05d1\u05e8\u05d9\u05ea", "\u0939\u093f\u0928\u094d\u0926\u0940",  # Hebrew, Devanagari
    "\u0e44\u0e17\u0e22", "\u1e9b\u0323",  # Thai, long s with dot above and dot below
    "\u0149", "\u01f0", "\u1e96",  # letters whose case mappings expand
    "\u1d2c\u1d2e", "\u02b0i",  # modifier letters
    "\u00c6sir", "\u00d8ystein", "\u0141ukasz", "\u0110\u0111",
    "\u0410\u0306", "\u1e9e\u1e9e",
]

FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
DOMAINS = ["example.com", "Example.COM", "b\u00fccher.de", "\uff45xample.org", "xn--bcher-kva.ch"]


def key(text):
    """LoginIdentifier's key, per Python: NFKC, lowercase, NFKC, final sigma folded to sigma."""
    lowered = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).lower())
    return lowered.replace("\u03c2", "\u03c3")


def full_width(text):
    """ASCII letters, digits and punctuation as their full-width forms (what a phone IME may type)."""
    return "".join(FULL_WIDTH.get(ch, ch) for ch in text)


def spellings(name):
    """The ways a person may type `name`."""
    variants = [name, name.upper(), name.title(), unicodedata.normalize("NFD", name), full_width(name)]
    unique = []
    for variant in variants:
        if variant not in unique:
            unique.append(variant)
    return unique


def cases():
    """Every input with its key, usernames first, then email addresses."""
    seen = set()
    out = []

    def add(kind, text):
        if text in seen:
            return
        seen.add(text)
        out.append({"kind": kind, "input": text, "key": key(text.strip(" \t"))})

    for name in NAMES:
        for variant in spellings(name):
            add("username", variant)
    for index, name in enumerate(NAMES):
        domain = DOMAINS[index % len(DOMAINS)]
        for variant in spellings(name)[:3]:
            add("email", f"{variant}@{domain}")
    # Surrounding whitespace is trimmed before the key is computed.
    add("email", " \tAna.Lima@Example.com ")
    add("username", "  Zo\u00eb\t")
    return out


def main():
    fixture = {
        "generator": "generate-identifier-keys.py",
        "python": platform.python_version(),
        "unicode": unicodedata.unidata_version,
        "rule": "NFKC(lower(NFKC(trimmed input))) with U+03C2 replaced by U+03C3",
        "cases": cases(),
    }
    path = os.path.join(HERE, "identifier-keys.json")
    with open(path, "w", encoding="utf-8") as out:
        json.dump(fixture, out, ensure_ascii=True, indent=1)
        out.write("\n")
    print(f"{len(fixture['cases'])} cases, Unicode {fixture['unicode']} -> {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
