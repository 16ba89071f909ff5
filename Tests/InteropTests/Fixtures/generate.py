#!/usr/bin/env python3
"""Writes the Interop test fixtures and `expected.json`, independently of AuthenticatorKit.

Every file here is synthetic: the accounts and secrets are made up, and each format is
written from its published description (see Sources/Interop/Formats/*.swift for the facts and
their sources). Codes in expected.json come from this script's own RFC 4226/6238 code.

Run from this directory:  python3 -m venv /tmp/fx && /tmp/fx/bin/pip install cryptography pynacl
                          /tmp/fx/bin/python generate.py
Randomness is seeded, so the output is reproducible, except the Ente stream header, which
libsodium draws itself.
"""
import base64, hashlib, hmac, json, os, random, sqlite3, struct, urllib.parse

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives import hashes
import nacl.bindings as sodium
import nacl.pwhash

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = random.Random(20261201)
PASSWORD = "correct horse battery staple"
T = 1_700_000_000  # the time at which expected TOTP codes are computed
STEAM = "23456789BCDFGHJKMNPQRTVWXY"


def rand(n):
    return bytes(RNG.getrandbits(8) for _ in range(n))


def b32(secret):
    return base64.b32encode(secret).decode().rstrip("=")


def b64(data):
    return base64.b64encode(data).decode()


def truncated(secret, algo, counter):
    digest = hmac.new(secret, struct.pack(">Q", counter), getattr(hashlib, algo.lower())).digest()
    offset = digest[-1] & 0x0F
    return struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF


def code(account):
    kind, algo, secret = account["kind"], account["algo"], account["secret"]
    counter = account["counter"] if kind == "hotp" else T // account["period"]
    value = truncated(secret, algo, counter)
    if kind == "steam":
        chars = []
        for _ in range(5):
            chars.append(STEAM[value % 26])
            value //= 26
        return "".join(chars)
    return str(value % 10 ** account["digits"]).zfill(account["digits"])


# The accounts most fixtures carry.
ACME = dict(issuer="ACME Co", account="alice@example.com", secret=b"12345678901234567890", kind="totp", algo="SHA1", digits=6, period=30)
CAFE = dict(issuer="Cafe\u0301", account="bob", secret=rand(32), kind="totp", algo="SHA256", digits=8, period=60)
BANK = dict(issuer="Bank", account="carol", secret=rand(64), kind="hotp", algo="SHA512", digits=6, counter=7)
GAME = dict(issuer="Steam", account="gamer", secret=rand(10), kind="steam", algo="SHA1", digits=5, period=30)
STANDARD = [ACME, CAFE, BANK, GAME]


def expect_token(position, account, dropped=(), issuer=None, name=None):
    token = dict(secret=b32(account["secret"]), kind=account["kind"], algorithm=account["algo"].lower(), digits=account["digits"], code=code(account))
    if account["kind"] == "hotp":
        token["counter"] = account["counter"]
    else:
        token["period"] = account["period"]
    return dict(position=position, issuer=account["issuer"] if issuer is None else issuer,
                account=account["account"] if name is None else name, token=token, dropped=sorted(set(dropped)))


def expect_problem(position, issuer, account, problem, dropped=()):
    return dict(position=position, issuer=issuer, account=account, token=None, problem=problem, dropped=sorted(set(dropped)))


def uri(account, extra=""):
    label = urllib.parse.quote(account["issuer"], safe="") + ":" + urllib.parse.quote(account["account"], safe="")
    query = f"secret={b32(account['secret'])}&issuer={urllib.parse.quote(account['issuer'], safe='')}"
    if account["kind"] != "steam":
        query += f"&algorithm={account['algo']}&digits={account['digits']}"
    query += f"&counter={account['counter']}" if account["kind"] == "hotp" else f"&period={account['period']}"
    return f"otpauth://{account['kind']}/{label}?{query}{extra}"


FIXTURES = []


def write(name, data, fmt, entries, password=None, without=0):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(HERE, name), mode) as f:
        f.write(data)
    FIXTURES.append(dict(file=name, format=fmt, password=password, entries=entries, recordsWithoutOTP=without))


# MARK: Aegis

def aegis_entry(account, **extra):
    info = dict(secret=b32(account["secret"]), algo=account["algo"], digits=account["digits"])
    if account["kind"] == "hotp":
        info["counter"] = account["counter"]
    else:
        info["period"] = account["period"]
    entry = dict(type=account["kind"], uuid=str(RNG.getrandbits(64)), name=account["account"], issuer=account["issuer"],
                 note="", favorite=False, icon=None, icon_mime=None, icon_hash=None, info=info, groups=[])
    entry.update(extra)
    return entry


def aegis_content(version=3):
    entries = [
        aegis_entry(ACME, note="work phone", favorite=True, groups=["g1"]),
        aegis_entry(CAFE, icon=b64(b"\xff\xd8jpeg"), icon_mime="image/jpeg"),
        aegis_entry(BANK),
        aegis_entry(GAME),
        dict(type="motp", uuid="m", name="mo", issuer="MOTP Inc", note="", favorite=False,
             info=dict(secret=b32(rand(16)), algo="MD5", digits=6, period=10, pin="1234"), groups=[]),
        dict(type="yandex", uuid="y", name="ya", issuer="Yandex", note="", favorite=False,
             info=dict(secret=b32(rand(16)), algo="SHA256", digits=8, period=30, pin="5678"), groups=[]),
        dict(type="totp", uuid="x", name="md5user", issuer="Old Hash", info=dict(secret=b32(rand(10)), algo="MD5", digits=6, period=30)),
        dict(type="totp", uuid="z", name="typo", issuer="Broken", info=dict(secret="ABC1", algo="SHA1", digits=6, period=30)),
        dict(type="totp", uuid="d", name="long", issuer="Digits", info=dict(secret=b32(rand(10)), algo="SHA1", digits=12, period=30)),
    ]
    if version < 3:
        for entry in entries:
            entry.pop("groups", None)
        entries[0]["group"] = "Work"
    expected = [
        expect_token(1, ACME, ["note", "favorite", "group"]),
        expect_token(2, CAFE, ["icon"]),
        expect_token(3, BANK),
        expect_token(4, GAME),
        expect_problem(5, "MOTP Inc", "mo", "unsupportedType"),
        expect_problem(6, "Yandex", "ya", "unsupportedType"),
        expect_problem(7, "Old Hash", "md5user", "unsupportedAlgorithm"),
        expect_problem(8, "Broken", "typo", "malformedSecret"),
        expect_problem(9, "Digits", "long", "invalidDigits"),
    ]
    return dict(version=version, entries=entries, groups=[dict(uuid="g1", name="Work")] if version == 3 else []), expected


def aegis_encrypted(content, password_bytes, n, r, p, repaired=True):
    master = rand(32)
    salt = rand(32)
    slot_key = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password_bytes)
    nonce = rand(12)
    wrapped = AESGCM(slot_key).encrypt(nonce, master, None)
    db_nonce = rand(12)
    sealed = AESGCM(master).encrypt(db_nonce, json.dumps(content).encode(), None)
    slot = dict(type=1, uuid="a8325752-c1be-458a-9b3e-5e0a8154d9ec", key=wrapped[:-16].hex(),
                key_params=dict(nonce=nonce.hex(), tag=wrapped[-16:].hex()), n=n, r=r, p=p, salt=salt.hex(),
                repaired=repaired, is_backup=False)
    biometric = dict(type=2, uuid="b", key=rand(32).hex(), key_params=dict(nonce=rand(12).hex(), tag=rand(16).hex()))
    return dict(version=1, header=dict(slots=[biometric, slot], params=dict(nonce=db_nonce.hex(), tag=sealed[-16:].hex())),
                db=b64(sealed[:-16]))


content, expected = aegis_content()
write("aegis-plain.json", json.dumps(dict(version=1, header=dict(slots=None, params=None), db=content), indent=4, ensure_ascii=False),
      "aegis", expected)
content1, expected1 = aegis_content(version=1)
write("aegis-plain-v1.json", json.dumps(dict(version=1, header=dict(slots=None, params=None), db=content1)), "aegis", expected1)
write("aegis-encrypted.json", json.dumps(aegis_encrypted(content, PASSWORD.encode(), 1024, 8, 1)), "aegis", expected, PASSWORD)
write("aegis-encrypted-default-cost.json", json.dumps(aegis_encrypted(content, PASSWORD.encode(), 32768, 8, 1)), "aegis", expected, PASSWORD)
# An old slot: a password over 64 bytes, derived with Java's encoder buffer (zeros up to
# floor(1.1 x UTF-16 length)), not yet repaired.
LONG = "a very long passphrase that is well over sixty-four bytes long, for the old Aegis bug"
old_bytes = LONG.encode() + b"\0" * (len(LONG) * 11 // 10 - len(LONG.encode()))
write("aegis-encrypted-unrepaired.json", json.dumps(aegis_encrypted(content, old_bytes, 1024, 8, 1, repaired=False)), "aegis", expected, LONG)

# MARK: 2FAS

def twofas_service(account, **extra):
    otp = dict(label=f"{account['issuer']}:{account['account']}", account=account["account"], issuer=account["issuer"],
               digits=account["digits"], period=account.get("period", 30), algorithm=account["algo"],
               tokenType=account["kind"].upper(), source="Link")
    if account["kind"] == "hotp":
        otp["counter"] = account["counter"]
    service = dict(name=account["issuer"], secret=b32(account["secret"]), updatedAt=1700000000000, otp=otp,
                   order=dict(position=0), icon=dict(selected="Label", label=dict(text="AC", backgroundColor="Orange")))
    service.update(extra)
    return service


services = [twofas_service(ACME, groupId="grp-1"), twofas_service(CAFE), twofas_service(BANK), twofas_service(GAME),
            dict(name="Weird", secret=b32(rand(10)), otp=dict(account="w", tokenType="MOTP")),
            dict(name="Hashy", secret=b32(rand(10)), otp=dict(account="h", algorithm="SHA224")),
            dict(name="Steam", secret=b32(GAME["secret"]), otp=dict(account="gamer", tokenType="STEAM", digits=6), badge=dict(color="Red"))]
twofas_expected = [expect_token(1, ACME, ["icon", "group"]), expect_token(2, CAFE, ["icon"]), expect_token(3, BANK, ["icon"]),
                   expect_token(4, GAME, ["icon"]), expect_problem(5, "Weird", "w", "unsupportedType"),
                   expect_problem(6, "Hashy", "h", "unsupportedAlgorithm"), expect_token(7, GAME, ["badge"])]
twofas_root = dict(services=services, groups=[dict(id="grp-1", name="Work", isExpanded=True)], updatedAt=1700000000000,
                   schemaVersion=4, appVersionCode=5000000, appVersionName="5.0.0", appOrigin="android")
write("2fas-plain-v4.json", json.dumps(twofas_root), "2fas", twofas_expected)

DEFAULTS = dict(issuer="Defaults", account="dee", secret=rand(20), kind="totp", algo="SHA1", digits=6, period=30)
write("2fas-plain-v1.json", json.dumps(dict(services=[dict(name="Defaults", secret=b32(DEFAULTS["secret"]), otp=dict(account="dee"))],
                                            schemaVersion=1)), "2fas", [expect_token(1, DEFAULTS)])

salt = rand(256)
key = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=10000).derive(PASSWORD.encode())
REFERENCE = ("tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938"
             "iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd")
iv, iv2 = rand(12), rand(12)
encrypted = dict(twofas_root, services=[], servicesEncrypted=":".join([b64(AESGCM(key).encrypt(iv, json.dumps(services).encode(), None)), b64(salt), b64(iv)]),
                 reference=":".join([b64(AESGCM(key).encrypt(iv2, REFERENCE.encode(), None)), b64(salt), b64(iv2)]))
write("2fas-encrypted.json", json.dumps(encrypted), "2fas", twofas_expected, PASSWORD)

# MARK: Google Authenticator

def varint(n):
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def field(number, value):
    if isinstance(value, bytes):
        return varint(number << 3 | 2) + varint(len(value)) + value
    return varint(number << 3) + varint(value)


def otp_parameters(secret, name, issuer, algorithm, digits, kind, counter=None):
    data = field(1, secret) + field(2, name.encode()) + field(3, issuer.encode())
    data += field(4, algorithm) + field(5, digits) + field(6, kind)
    if counter is not None:
        data += field(7, counter)
    return data


def migration(params, index, size, batch_id):
    payload = b"".join(field(1, p) for p in params) + field(2, 1) + field(3, size) + field(4, index) + field(5, batch_id)
    return "otpauth-migration://offline?data=" + urllib.parse.quote(b64(payload), safe="")


OLDNAME = dict(issuer="Legacy", account="dave", secret=rand(10), kind="totp", algo="SHA1", digits=6, period=30)
batch1 = [otp_parameters(ACME["secret"], ACME["account"], ACME["issuer"], 1, 1, 2),
          otp_parameters(rand(10), "md5", "Hashy", 4, 1, 2),
          otp_parameters(OLDNAME["secret"], "Legacy:dave", "", 0, 0, 0)]
BANK8 = dict(BANK, digits=8, algo="SHA256")
batch2 = [otp_parameters(BANK8["secret"], BANK8["account"], BANK8["issuer"], 2, 2, 1, counter=7)]
write("google-migration.txt", migration(batch1, 0, 2, 12345) + "\n" + migration(batch2, 1, 2, 12345) + "\n", "google",
      [expect_token(1, ACME), expect_problem(2, "Hashy", "md5", "unsupportedAlgorithm"), expect_token(3, OLDNAME), expect_token(4, BANK8)])

# MARK: Ente

display = urllib.parse.quote(json.dumps(dict(pinned=True, trashed=False, lastUsedAt=0, tapCount=3, tags=["work"], note="n", position=0, iconSrc="", iconID="")), safe="")
plain_display = urllib.parse.quote(json.dumps(dict(pinned=False, trashed=False, tags=[], note="")), safe="")
ente_lines = [uri(ACME, "&codeDisplay=" + display), uri(CAFE, "&codeDisplay=" + plain_display), uri(BANK), uri(GAME)]
ente_expected = [expect_token(1, ACME, ["favorite", "group", "note"]), expect_token(2, CAFE), expect_token(3, BANK), expect_token(4, GAME)]
# Ente writes each line as a JSON string literal (jsonEncode of the URI).
write("ente-plain.txt", "\n".join(json.dumps(line) for line in ente_lines) + "\n", "ente", ente_expected)
salt = rand(16)
ops, mem = 2, 65536
key = nacl.pwhash.argon2id.kdf(32, PASSWORD.encode(), salt, opslimit=ops, memlimit=mem)
state = sodium.crypto_secretstream_xchacha20poly1305_state()
header = sodium.crypto_secretstream_xchacha20poly1305_init_push(state, key)
data = sodium.crypto_secretstream_xchacha20poly1305_push(state, ("\n".join(json.dumps(line) for line in ente_lines) + "\n").encode(),
                                                         tag=sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL)
write("ente-encrypted.json", json.dumps(dict(version=1, kdfParams=dict(memLimit=mem, opsLimit=ops, salt=b64(salt)),
                                             encryptedData=b64(data), encryptionNonce=b64(header))), "ente", ente_expected, PASSWORD)

# MARK: andOTP

def andotp_entry(account, **extra):
    entry = dict(secret=b32(account["secret"]), issuer=account["issuer"], label=account["account"], digits=account["digits"],
                 type=account["kind"].upper(), algorithm=account["algo"], thumbnail="Default", last_used=0, used_frequency=0, tags=[])
    if account["kind"] == "hotp":
        entry["counter"] = account["counter"]
    else:
        entry["period"] = account["period"]
    entry.update(extra)
    return entry


OLDLABEL = dict(issuer="Old Issuer", account="olduser", secret=rand(10), kind="totp", algo="SHA1", digits=6, period=30)
old_entry = andotp_entry(OLDLABEL, label="Old Issuer - olduser")
old_entry.pop("issuer")
andotp = [andotp_entry(ACME, tags=["work"], thumbnail="Acme"), andotp_entry(CAFE), andotp_entry(BANK), andotp_entry(GAME), old_entry,
          dict(secret=b32(rand(10)), issuer="Mo", label="m", digits=6, type="MOTP", algorithm="MD5", period=10)]
andotp_expected = [expect_token(1, ACME, ["icon", "group"]), expect_token(2, CAFE), expect_token(3, BANK), expect_token(4, GAME),
                   expect_token(5, OLDLABEL), expect_problem(6, "Mo", "m", "unsupportedType")]
write("andotp-plain.json", json.dumps(andotp), "andotp", andotp_expected)
salt, iv = rand(12), rand(12)
key = PBKDF2HMAC(algorithm=hashes.SHA1(), length=32, salt=salt, iterations=1000).derive(PASSWORD.encode())
write("andotp-encrypted.json.aes", struct.pack(">I", 1000) + salt + iv + AESGCM(key).encrypt(iv, json.dumps(andotp).encode(), None),
      "andotp", andotp_expected, PASSWORD)
iv = rand(12)
key = hashlib.sha256(PASSWORD.encode()).digest()
write("andotp-encrypted-old.json.aes", iv + AESGCM(key).encrypt(iv, json.dumps(andotp).encode(), None), "andotp", andotp_expected, PASSWORD)

# MARK: Bitwarden

BARE = dict(issuer="Bare Site", account="erin", secret=rand(10), kind="totp", algo="SHA1", digits=6, period=30)
STEAMBW = dict(GAME, issuer="Steam Login", account="gamer2")
items = [
    dict(id="1", type=1, name="ACME login", notes="pin 1234", favorite=True, folderId="f1",
         login=dict(username="alice", password="hunter2", uris=[dict(uri="https://acme.example")], totp=uri(ACME))),
    dict(id="2", type=2, name="A note", notes="no login", secureNote=dict(type=0)),
    dict(id="3", type=1, name="Bare Site", favorite=False, login=dict(username="erin", password=None, totp=" ".join([b32(BARE["secret"]).lower()[i:i + 4] for i in range(0, 16, 4)]))),
    dict(id="4", type=1, name="Steam Login", favorite=False, login=dict(username="gamer2", totp="steam://" + b32(GAME["secret"]))),
    dict(id="5", type=1, name="No TOTP", favorite=False, login=dict(username="frank", password="pw", totp=None)),
    dict(id="6", type=1, name="Broken", favorite=False, login=dict(username="gina", totp="otpauth://totp/Broken:gina?secret=1111")),
]
BARE_PART = dict(BARE, secret=BARE["secret"][:10])
bitwarden_expected = [expect_token(1, ACME, ["password", "uris", "note", "favorite", "group"]),
                      expect_token(3, BARE), expect_token(4, STEAMBW), expect_problem(6, "Broken", "gina", "invalidURI")]
write("bitwarden.json", json.dumps(dict(encrypted=False, folders=[dict(id="f1", name="Work")], items=items), indent=2), "bitwarden",
      bitwarden_expected, without=2)
csv_rows = ["folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp",
            f'Work,1,login,ACME login,"pin 1234",,0,https://acme.example,alice,hunter2,"{uri(ACME)}"',
            ',,note,A note,"no, login\nat all",,0,,,,',
            f',,login,Bare Site,,,0,,erin,,{b32(BARE["secret"]).lower()}',
            f',,login,Steam Login,,,0,,gamer2,,steam://{b32(GAME["secret"])}',
            ',,login,No TOTP,,,0,,frank,pw,',
            ',,login,Broken,,,0,,gina,,otpauth://totp/Broken:gina?secret=1111']
write("bitwarden.csv", "\r\n".join(csv_rows) + "\r\n", "bitwarden", bitwarden_expected, without=2)

# MARK: FreeOTP+

def signed(secret):
    return [b - 256 if b > 127 else b for b in secret]


def freeotp_token(account, **extra):
    token = dict(algo=account["algo"], counter=account.get("counter", 0), digits=account["digits"], issuerExt=account["issuer"],
                 issuerInt=account["issuer"], label=account["account"], period=account.get("period", 30), secret=signed(account["secret"]),
                 type="HOTP" if account["kind"] == "hotp" else "TOTP")
    token.update(extra)
    return token


RENAMED = dict(ACME, issuer="ACME Renamed", account="alice2")
freeotp = dict(tokens=[freeotp_token(ACME, image="content://x/acme.png"), freeotp_token(CAFE), freeotp_token(BANK), freeotp_token(GAME),
                       freeotp_token(ACME, issuerAlt="ACME Renamed", labelAlt="alice2"),
                       freeotp_token(ACME, algo="MD5", label="md5")],
               tokenOrder=["ACME Co:alice@example.com", "Cafe\u0301:bob", "Bank:carol", "Steam:gamer", "ACME Co:alice@example.com", "ACME Co:md5"])
write("freeotp-plus.json", json.dumps(freeotp), "freeotp-plus",
      [expect_token(1, ACME, ["icon"]), expect_token(2, CAFE), expect_token(3, BANK), expect_token(4, GAME), expect_token(5, RENAMED),
       expect_problem(6, "ACME Co", "md5", "unsupportedAlgorithm")])

# MARK: Proton Authenticator

proton = dict(version=1, entries=[
    dict(id="e1", content=dict(uri=uri(ACME), entry_type="Totp", name=ACME["account"]), note="personal"),
    dict(id="e2", content=dict(uri=uri(CAFE), entry_type="Totp", name=CAFE["account"]), note=None),
    dict(id="e3", content=dict(uri="steam://" + b32(GAME["secret"]), entry_type="Steam", name="gamer"), note=None),
    dict(id="e4", content=dict(uri="otpauth://totp/Bad?secret=", entry_type="Totp", name="Bad"), note=None),
])
proton_expected = [expect_token(1, ACME, ["note"]), expect_token(2, CAFE), expect_token(3, GAME), expect_problem(4, "", "Bad", "invalidURI")]
write("proton.json", json.dumps(proton), "proton", proton_expected)
# Password-protected: Argon2id v1.3, 19,456 KiB, 2 passes, 1 lane; AES-256-GCM with its AAD.
salt, nonce = rand(16), rand(12)
key = nacl.pwhash.argon2id.kdf(32, PASSWORD.encode(), salt, opslimit=2, memlimit=19456 * 1024)
content = nonce + AESGCM(key).encrypt(nonce, json.dumps(proton).encode(), b"proton.authenticator.export.v1")
write("proton-encrypted.json", json.dumps(dict(version=1, salt=b64(salt), content=b64(content))), "proton", proton_expected, PASSWORD)

# MARK: Microsoft Authenticator

MSA = dict(issuer="Microsoft", account="frank@outlook.com", secret=rand(64), kind="totp", algo="SHA1", digits=8, period=30)
THIRD = dict(issuer="GitHub", account="frank", secret=rand(20), kind="totp", algo="SHA1", digits=6, period=30)
path = os.path.join(HERE, "PhoneFactor")
if os.path.exists(path):
    os.remove(path)
db = sqlite3.connect(path)
db.execute("CREATE TABLE accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, username TEXT, paws_url TEXT, "
           "oath_secret_key TEXT, account_type INTEGER, cid TEXT, is_totp_code_shown INTEGER)")
rows = [("GitHub", "frank", b32(THIRD["secret"]), 0), ("Microsoft", "frank@outlook.com", b64(MSA["secret"]), 1),
        ("Contoso", "frank@contoso.com", "", 2), ("Typo", "t", "not base32!", 0)]
for name, user, secret, kind in rows:
    db.execute("INSERT INTO accounts (name, username, oath_secret_key, account_type) VALUES (?, ?, ?, ?)", (name, user, secret, kind))
db.commit()
db.execute("PRAGMA journal_mode = DELETE")
db.close()
FIXTURES.append(dict(file="PhoneFactor", format="microsoft-authenticator", password=None, recordsWithoutOTP=0, entries=[
    expect_token(1, THIRD), expect_token(2, MSA), expect_problem(3, "Contoso", "frank@contoso.com", "noSecret"),
    expect_problem(4, "Typo", "t", "malformedSecret")]))

# A hostile database: `accounts` is a view whose query never ends.
path = os.path.join(HERE, "PhoneFactor-hostile")
if os.path.exists(path):
    os.remove(path)
db = sqlite3.connect(path)
db.execute("CREATE VIEW accounts AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
           "SELECT 'n' AS name, 'u' AS username, 'JBSWY3DP' AS oath_secret_key, 0 AS account_type FROM c WHERE x < 0")
db.commit()
db.close()

# MARK: otpauth

lines = [uri(ACME, "&image=https%3A%2F%2Fexample.com%2Fa.png"), "", uri(CAFE), uri(BANK), "  " + uri(GAME) + "  ",
         "otpauth://motp/Mo:m?secret=" + b32(rand(10))]
write("otpauth.txt", "\r\n".join(lines) + "\r\n", "otpauth",
      [expect_token(1, ACME, ["image"]), expect_token(3, CAFE), expect_token(4, BANK), expect_token(5, GAME),
       expect_problem(6, "Mo", "m", "unsupportedType")])

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(dict(time=T, fixtures=FIXTURES), f, indent=2, ensure_ascii=False)
    f.write("\n")
