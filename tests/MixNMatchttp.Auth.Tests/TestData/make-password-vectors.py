#!/usr/bin/python3
"""Password hash test vectors for MixNMatchttp.Auth, made with passlib (the library of the Python seed).

Needs Debian's python3-passlib, python3-bcrypt and python3-argon2 (run with /usr/bin/python3).

    make-password-vectors.py              writes password-vectors.json next to this script
    make-password-vectors.py check FILE   verifies with passlib the hashes in FILE, a JSON list of
                                          {"password": ..., "hash": ...} (for example, hashes made by
                                          MixNMatchttp's PasswordHasher); exits 1 if any fails

The vectors file is checked in; the .NET tests do not need Python.
"""

import hashlib
import json
import os
import sys

import passlib
from passlib.context import CryptContext
from passlib.hash import (argon2, bcrypt, md5_crypt, pbkdf2_sha256, scrypt,
                          sha1_crypt, sha256_crypt, sha512_crypt)

PASSWORDS = [
    "password",
    "",
    "p\u00e4ssw\u00f6rd \u2603",
    "".join(chr(ord("a") + i % 26) for i in range(100)),
    "pass:word",
]

# Each configuration: (scheme name, our PasswordHashType, passlib handler, passwords to hash).
CHEAP = [
    ("md5_crypt", "Md5Crypt", md5_crypt, PASSWORDS),
    ("sha1_crypt rounds=1000", "Sha1Crypt", sha1_crypt.using(rounds=1000), PASSWORDS),
    ("sha1_crypt default rounds", "Sha1Crypt", sha1_crypt, PASSWORDS[:1]),
    ("sha256_crypt rounds=1000", "Sha256Crypt", sha256_crypt.using(rounds=1000), PASSWORDS),
    ("sha256_crypt rounds=5000 (implicit)", "Sha256Crypt", sha256_crypt.using(rounds=5000), PASSWORDS[:2]),
    ("sha256_crypt default rounds", "Sha256Crypt", sha256_crypt, PASSWORDS[:1]),
    ("sha512_crypt rounds=1000", "Sha512Crypt", sha512_crypt.using(rounds=1000), PASSWORDS),
    ("sha512_crypt rounds=5000 (implicit)", "Sha512Crypt", sha512_crypt.using(rounds=5000), PASSWORDS[:2]),
    ("sha512_crypt default rounds", "Sha512Crypt", sha512_crypt, PASSWORDS[:1]),
    ("bcrypt 2b rounds=4", "Bcrypt", bcrypt.using(rounds=4), PASSWORDS),
    ("bcrypt 2a rounds=4", "Bcrypt", bcrypt.using(rounds=4, ident="2a"), PASSWORDS[:1]),
    ("bcrypt 2y rounds=4", "Bcrypt", bcrypt.using(rounds=4, ident="2y"), PASSWORDS[:1]),
    ("scrypt ln=4 r=8 p=1", "Scrypt", scrypt.using(rounds=4, block_size=8), PASSWORDS),
    ("scrypt ln=5 r=4 p=2", "Scrypt", scrypt.using(rounds=5, block_size=4, parallelism=2), PASSWORDS[:2]),
    ("pbkdf2_sha256 rounds=1000", "Pbkdf2Sha256", pbkdf2_sha256.using(rounds=1000), PASSWORDS),
    ("pbkdf2_sha256 default rounds", "Pbkdf2Sha256", pbkdf2_sha256, PASSWORDS[:1]),
    ("argon2id m=64 t=1 p=1", "Argon2id", argon2.using(memory_cost=64, time_cost=1, parallelism=1), PASSWORDS),
    ("argon2id m=100 t=2 p=2", "Argon2id", argon2.using(memory_cost=100, time_cost=2, parallelism=2), PASSWORDS[:2]),
    ("argon2id m=64 t=1 p=1 32-byte hash", "Argon2id",
     argon2.using(memory_cost=64, time_cost=1, parallelism=1, digest_size=32), PASSWORDS[:1]),
    ("argon2i m=64 t=1 p=1", "Argon2id", argon2.using(type="i", memory_cost=64, time_cost=1, parallelism=1), PASSWORDS[:1]),
    ("argon2d m=64 t=1 p=1", "Argon2id", argon2.using(type="d", memory_cost=64, time_cost=1, parallelism=1), PASSWORDS[:1]),
]

HEX = [("md5", "Md5"), ("sha1", "Sha1"), ("sha256", "Sha256"), ("sha512", "Sha512")]


def make():
    vectors = []
    for scheme, type_name, handler, passwords in CHEAP:
        for password in passwords:
            vectors.append({"scheme": scheme, "type": type_name, "password": password,
                            "hash": handler.hash(password)})
    for name, type_name in HEX:
        for password in PASSWORDS:
            vectors.append({"scheme": "hex " + name, "type": type_name, "password": password,
                            "hash": hashlib.new(name, password.encode("utf-8")).hexdigest()})
        vectors.append({"scheme": "hex " + name + " upper case", "type": type_name, "password": PASSWORDS[0],
                        "hash": hashlib.new(name, PASSWORDS[0].encode("utf-8")).hexdigest().upper()})
    for v in vectors:
        assert not v["hash"].startswith("$") or CryptContext(schemes=SCHEMES).verify(v["password"], v["hash"])
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "password-vectors.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({
            "generator": "make-password-vectors.py",
            "passlib": passlib.__version__,
            "bcrypt backend": bcrypt.get_backend(),
            "argon2 backend": argon2.get_backend(),
            "scrypt backend": scrypt.get_backend(),
            "vectors": vectors,
        }, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote %d vectors to %s" % (len(vectors), out))


SCHEMES = ["argon2", "bcrypt", "pbkdf2_sha256", "scrypt", "md5_crypt", "sha1_crypt", "sha256_crypt", "sha512_crypt"]


def check(path):
    context = CryptContext(schemes=SCHEMES)
    with open(path, encoding="utf-8") as f:
        items = json.load(f)
    failed = 0
    for item in items:
        ok = context.verify(item["password"], item["hash"])
        wrong = context.verify("wrong" + item["password"], item["hash"])
        status = "ok" if ok and not wrong else "FAIL"
        failed += status != "ok"
        print("%-4s %-14s %s" % (status, context.identify(item["hash"]), item["hash"]))
    print("%d of %d verified by passlib %s" % (len(items) - failed, len(items), passlib.__version__))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2]))
    elif len(sys.argv) == 1:
        make()
    else:
        sys.exit(__doc__)
