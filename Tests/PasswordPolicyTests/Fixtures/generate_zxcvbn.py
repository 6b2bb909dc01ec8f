#!/usr/bin/env python3
"""Write zxcvbn.json: a sample of passwords with the scores and guesses of zxcvbn (Python port).

The sample mixes common passwords (from the NCSC top-100k list at spread-out ranks), patterned
variants, dates, keyboard walks, l33t spellings, passphrases, seeded random strings and Unicode. The
seed makes the output reproducible. zxcvbn 4.5.0 measures years from its REFERENCE_YEAR (2017); the
Swift comparison test uses the same reference year.

Usage (from this folder):
    python3 -m venv /tmp/zxcvbn-venv && /tmp/zxcvbn-venv/bin/pip install zxcvbn==4.5.0
    /tmp/zxcvbn-venv/bin/python generate_zxcvbn.py ../../../../shared/data/PwnedPasswordsTop100k.txt
"""
import json
import random
import sys
from importlib.metadata import version

from zxcvbn import zxcvbn, scoring
from zxcvbn.frequency_lists import FREQUENCY_LISTS

rng = random.Random(20261130)

with open(sys.argv[1], encoding="utf-8") as f:
    top = [line.rstrip("\n") for line in f if line.strip()]

common = [top[r] for r in (0, 1, 2, 3, 5, 9, 14, 30, 60, 99, 150, 300, 500, 900, 1500, 2500, 4000, 6000,
                          9000, 13000, 20000, 30000, 45000, 60000, 80000, 99000)]
common += [rng.choice(top[:50000]) for _ in range(24)]

patterned = [
    "Password1", "Password1!", "Password123", "qwerty123", "iloveyou2", "abc123abc", "Summer2019",
    "Winter2018!", "letmein!", "Welcome1", "Monkey123", "dragon2000", "Football1", "Baseball!",
    "P4ssword", "Admin@123", "Passw0rd!", "Qwerty123!", "Iloveyou!", "Hello123", "Sunshine1",
    "Princess12", "Charlie2015", "michael1990", "jessica!", "superman99", "batman123", "trustno1",
]
patterned += [w.capitalize() + str(rng.randint(0, 99)) + rng.choice("!@#$.") for w in
              rng.sample(FREQUENCY_LISTS["english_wikipedia"][:5000], 12)]
patterned += [rng.choice(FREQUENCY_LISTS["female_names"][:500]) + str(rng.randint(1950, 2016)) for _ in range(8)]

dates = [
    "13/05/1987", "1987-05-13", "19870513", "john1987", "05.13.87", "1/1/1991", "11111991", "2015_06_04",
    "310892", "12-25-2000", "4/7/76", "birthday1999", "01011970", "23.11.2004", "09 09 09", "1999", "2016",
    "19450508", "8.8.88",
]

walks = [
    "qwertyuiop", "1qaz2wsx", "zxcvbnm", "asdfghjkl;", "7894561230", "!QAZ2wsx", "poiuytrewq", "qazwsxedc",
    "aoeuidhtns", "1234qwer", "qwerasdf", "zaq12wsx", "mnbvcxz", "q1w2e3r4", "asdfasdf", "147258369",
    "159753", "qwertz", "wsxcde", "QWERTYUIOP", "1q2w3e4r5t", "!@#$%^&*", "yxcvbnm", "plokijuh",
]

leet = [
    "p@ssw0rd", "P@$$w0rd", "l3tm31n", "h4ck3r", "tr0ub4dor&3", "5up3rm4n", "d0lph1n", "m0nk3y",
    "pr1nc355", "5h4d0w", "f0074ll", "b4s3b4ll", "ch0c0l4t3", "r4nd0m", "s3cur1ty", "4dm1n", "l0v3",
    "3mm4", "j3nn1f3r", "w3lc0m3", "dr4g0n", "c0mput3r",
]

words = FREQUENCY_LISTS["english_wikipedia"][:20000]
passphrases = ["correct horse battery staple", "correcthorsebatterystaple", "Tr0ub4dor&3",
               "mary had a little lamb", "thequickbrownfox", "iloveyouforever", "letmeinplease"]
for count in (2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5):
    for sep in ("", " ", "-"):
        passphrases.append(sep.join(rng.choice(words) for _ in range(count)))

alphabets = {
    "lower": "abcdefghijklmnopqrstuvwxyz",
    "alnum": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "printable": "".join(chr(c) for c in range(33, 127)),
    "digits": "0123456789",
}
random_passwords = []
for name, alphabet in alphabets.items():
    for length in (4, 6, 8, 10, 12, 16, 20):
        for _ in range(2):
            random_passwords.append("".join(rng.choice(alphabet) for _ in range(length)))

repeats_sequences = [
    "aaaaaa", "aaaaaaaaaaaa", "abcabcabc", "abcdefg", "abcdefghijk", "987654321", "13579", "zyxwvu",
    "111111", "121212", "passwordpassword", "dogdogdogdog", "ababab", "xyz123", "acegikmo", "00000000",
    "hellohello", "123123123", "abababababab", "ZYXWV",
]

unicode_passwords = [
    "пароль", "密码123456", "ＰＡＳＳＷＯＲＤ", "pässwörd", "😀😀😀😀", "🔥dragon🔥", "パスワード", "Mot de passe élevé",
    "contraseña", "κωδικός", "كلمةالسر", "סיסמה123", "naïve café", "Straße2019", "🐶🐱🐭🐹🐰🦊", "ÅngströmÅngström",
    "日本語のパスワードです", "ab😀cd😀ef", "ｑｗｅｒｔｙ", "Ωmega1234", "über-secret", "Zürich-2016", "👨‍👩‍👧‍👦family",
    "ñandú", "Ελληνικά", "1234５６７８",
]

sample = []
seen = set()
for category, passwords in [("common", common), ("patterned", patterned), ("date", dates), ("keyboard", walks),
                            ("l33t", leet), ("passphrase", passphrases), ("random", random_passwords),
                            ("repeat-sequence", repeats_sequences), ("unicode", unicode_passwords)]:
    for password in passwords:
        if password in seen or len(password) > 72:
            continue
        seen.add(password)
        result = zxcvbn(password)
        sample.append({
            "category": category,
            "password": password,
            "score": result["score"],
            "guesses": float(result["guesses"]),
            "guessesLog10": round(float(result["guesses_log10"]), 4),
        })

json.dump({
    "zxcvbn": version("zxcvbn"),
    "referenceYear": scoring.REFERENCE_YEAR,
    "sample": sample,
}, sys.stdout, ensure_ascii=False, indent=1)
print()
print(f"{len(sample)} passwords", file=sys.stderr)
