#!/usr/bin/env python3
"""Generate the word lists PasswordPolicy bundles (Sources/PasswordPolicy/Resources/WordLists/).

Each output file holds one entry per line, UTF-8, most common first; an entry's rank is its 1-based
line number. Every entry is folded the way PasswordPolicy folds a password before matching: Unicode
NFKC normalization, then Unicode lowercasing (Python's str.lower, the Unicode default case mapping,
the same mapping as Swift's String.lowercased()). Entries that fold to the same text keep the best
(first) rank; entries that are empty after folding, or that contain a line break, are dropped.

Sources:
- passwords.txt from the UK NCSC's PwnedPasswordsTop100k.txt (Have I Been Pwned), passed as argv[1].
- english_wikipedia, female_names, male_names, surnames, us_tv_and_film from the frequency lists of
  the zxcvbn Python package (PyPI `zxcvbn`, MIT licence), which carry the data of Dropbox's zxcvbn.

Usage:
    python3 -m venv /tmp/zxcvbn-venv && /tmp/zxcvbn-venv/bin/pip install zxcvbn==4.5.0
    /tmp/zxcvbn-venv/bin/python Scripts/generate-password-word-lists.py \
        ../shared/data/PwnedPasswordsTop100k.txt Sources/PasswordPolicy/Resources/WordLists
"""
import os
import sys
import unicodedata

from zxcvbn.frequency_lists import FREQUENCY_LISTS

# The zxcvbn lists bundled beside the breached-password list. zxcvbn's own "passwords" list is left
# out: the NCSC list replaces it.
ZXCVBN_LISTS = ["english_wikipedia", "female_names", "male_names", "surnames", "us_tv_and_film"]


def fold(word):
    return unicodedata.normalize("NFKC", word).lower()


def ranked(words):
    seen = set()
    out = []
    for word in words:
        folded = fold(word)
        if not folded or "\n" in folded or "\r" in folded or folded in seen:
            continue
        seen.add(folded)
        out.append(folded)
    return out


def write(path, words):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for word in words:
            f.write(word + "\n")
    print(f"{os.path.basename(path)}: {len(words)} entries, {os.path.getsize(path)} bytes", file=sys.stderr)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, out_dir = sys.argv[1], sys.argv[2]
    with open(source, "rb") as f:
        lines = f.read().decode("utf-8").split("\n")
    passwords = [line.rstrip("\r") for line in lines if line.rstrip("\r")]
    write(os.path.join(out_dir, "passwords.txt"), ranked(passwords))
    for name in ZXCVBN_LISTS:
        write(os.path.join(out_dir, name + ".txt"), ranked(FREQUENCY_LISTS[name]))


if __name__ == "__main__":
    main()
