#!/usr/bin/env python3
"""Generate the skeleton table PasswordPolicy bundles (Sources/PasswordPolicy/Resources/Confusables/).

PasswordPolicy compares a password with the blocklist, the context and banned words and the
strength estimator's dictionaries through a skeleton, so that "pаssword" with a Cyrillic "а",
"Àcme" and "İloveyou" are recognized as "password", "acme" and "iloveyou". The skeleton of one
code point is:

1. accents stripped: its canonical decomposition (NFD) with the nonspacing and enclosing marks
   dropped, when one base character is left ("À" -> "A", "İ" -> "I");
2. look-alikes resolved: a base that is not ASCII is replaced by the ASCII letter or digit that
   Unicode's confusables data (UTS #39, confusables.txt, through ICU's SpoofChecker skeleton) says
   it looks like (Cyrillic "а" -> "a", Greek "Ο" -> "O", Cherokee "Ꭺ" -> "A");
3. folded: the ASCII result lowercased. The table is closed under simple case mapping (a letter
   whose capital or small form reads as an ASCII letter reads as it too), so it gives the same
   answer before or after case folding.

Only code points whose skeleton is one ASCII letter or digit are written. That is the useful part:
every bundled word list is English or ASCII, so a mapping into another script cannot make a match,
and one code point for one code point keeps positions in the strength estimator. Left out, on
purpose: ASCII itself (UTS #39 maps "m" to "rn", "0" to "O", "1" and "I" to "l"; matching plain
ASCII that way would break ordinary words; digits and symbols standing for letters are the leet
tables' concern); mappings to several characters; code points that NFKC changes (full-width and
mathematical letters: passwords are NFKC-normalized before anything else, so they never occur);
and letters that look like digits (Cyrillic "З" is not read as "3"), so a letter stays a letter for
the word-boundary rules. A look-alike of "l"/"I" is read as "i" when it is uppercase and "l" when
it is lowercase, the way it reads in its own case.

Source: the confusables and normalization data compiled into ICU, read through PyICU:
Debian 12 (bookworm) packages python3-icu 2.10.2-1+b3 and libicu72 72.1, which carry Unicode
15.0.0 and UTS #39 confusables.txt version 15.0.0. The script refuses to run on another ICU
version, so that the recorded version stays true; update both together.

Usage:
    apt-get install python3-icu
    /usr/bin/python3 Scripts/generate-confusables.py Sources/PasswordPolicy/Resources/Confusables/skeleton.txt
"""
import sys

import icu

EXPECTED_ICU = "72.1"
EXPECTED_UNICODE = "15.0"

MARKS = {icu.UCharCategory.NON_SPACING_MARK, icu.UCharCategory.ENCLOSING_MARK}
SKIPPED = {icu.UCharCategory.UNASSIGNED, icu.UCharCategory.SURROGATE, icu.UCharCategory.PRIVATE_USE_CHAR}
NFD = icu.Normalizer2.getNFDInstance()
NFKC = icu.Normalizer2.getNFKCInstance()
SPOOF = icu.SpoofChecker()
ASCII_ALNUM = [chr(c) for c in range(0x30, 0x3A)] + [chr(c) for c in range(0x41, 0x5B)] + [chr(c) for c in range(0x61, 0x7B)]


def category(ch):
    return icu.Char.charType(ch)


def strip_marks(text):
    return "".join(ch for ch in NFD.normalize(text) if category(ch) not in MARKS)


def skeleton(text):
    return strip_marks(SPOOF.getSkeleton(0, text))


def ascii_classes():
    """For each skeleton, the ASCII letters and digits that have it ("l": 1, I, l)."""
    classes = {}
    for ch in ASCII_ALNUM:
        classes.setdefault(skeleton(ch), []).append(ch)
    return classes


def choose(base, candidates):
    """The ASCII look-alike `base` reads as: a letter for a letter, in the case of `base`."""
    is_letter = icu.Char.isUAlphabetic(base)
    if is_letter:
        candidates = [c for c in candidates if c.isalpha()]
    if not candidates:
        return None
    upper = icu.Char.isUUppercase(base)
    lower = icu.Char.isULowercase(base)

    def rank(c):
        same_case = (upper and c.isupper()) or (lower and c.islower())
        return (0 if same_case else 1, 0 if c.isalpha() else 1, ASCII_ALNUM.index(c))

    return min(candidates, key=rank)


def mapping():
    classes = ascii_classes()
    table = {}
    for code in range(0x80, 0x110000):
        ch = chr(code)
        if category(ch) in SKIPPED or category(ch) in MARKS or NFKC.normalize(ch) != ch:
            continue
        base = strip_marks(ch)
        if len(base) != 1:
            continue
        if ord(base) < 0x80:
            target = base if base in ASCII_ALNUM else None
        else:
            target = choose(base, classes.get(skeleton(base), []))
        if target is not None:
            table[code] = target.lower()
    # Closed under simple case mapping: the checks compare case-insensitively, and some scripts fold
    # to the case the confusables data does not list (Cherokee folds to its capitals), so a letter
    # whose other case reads as an ASCII letter reads as it too, before or after any folding.
    for code in range(0x80, 0x110000):
        ch = chr(code)
        if code in table or not icu.Char.isUAlphabetic(ch) or NFKC.normalize(ch) != ch:
            continue
        for other in (icu.Char.toupper(code), icu.Char.tolower(code), icu.Char.foldCase(code, True)):
            if other != code and other in table and table[other].isalpha():
                table[code] = table[other]
                break
    return sorted(table.items())


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if icu.ICU_VERSION != EXPECTED_ICU or icu.UNICODE_VERSION != EXPECTED_UNICODE:
        sys.exit(f"expected ICU {EXPECTED_ICU} (Unicode {EXPECTED_UNICODE}), found ICU {icu.ICU_VERSION} "
                 f"(Unicode {icu.UNICODE_VERSION}): update the versions recorded here and in the output")
    table = mapping()
    with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as f:
        f.write("# PasswordPolicy skeleton table: code point (hex) -> the ASCII letter or digit it reads as.\n")
        f.write(f"# Generated by Scripts/generate-confusables.py from ICU {icu.ICU_VERSION} (Unicode "
                f"{icu.UNICODE_VERSION}.0, UTS #39 confusables.txt {icu.UNICODE_VERSION}.0) through PyICU "
                f"{icu.VERSION}; Debian 12 python3-icu.\n")
        f.write("# Accents stripped (NFD, marks dropped), confusables resolved to ASCII, lowercased;\n")
        f.write("# only code points that NFKC keeps and whose skeleton is one ASCII letter or digit.\n")
        f.write("# Unicode data: Copyright (c) Unicode, Inc., Unicode License v3.\n")
        for code, target in table:
            f.write(f"{code:04X} {target}\n")
    print(f"{len(table)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
