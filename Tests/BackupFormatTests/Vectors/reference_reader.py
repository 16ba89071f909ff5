#!/usr/bin/env python3
"""Independent reader of AuthenticatorKit backup format version 1.

Written from Documentation/BackupFormat.md alone, with Python's hashlib (BLAKE2b) and the
`cryptography` package (ChaCha20-Poly1305, Argon2id); XChaCha20's HChaCha20 step is written
out below. It shares no code with the Swift implementation. Not run by `swift test`: it was
used to cross-check the checked-in vectors (see README.md) and is kept for implementers.

    python3 reference_reader.py v1-all-slots.hex --password 'correct horse battery staple'
    python3 reference_reader.py v1-escrow.hex --escrow-key 000102…1f
    python3 reference_reader.py v1-all-slots.hex --recovery-code FJ37S-…
"""
import argparse, hashlib, struct, sys, uuid, datetime
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MAGIC = bytes([0x89, 0x41, 0x4B, 0x42, 0x0D, 0x0A, 0x1A, 0x0A])
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECKSUM_LABEL = b"AuthenticatorKit backup v1 recovery-code checksum"
RECOVERY_KEY_LABEL = b"AuthenticatorKit backup v1 recovery-code key"


def rotl(v, c):
    return ((v << c) & 0xFFFFFFFF) | (v >> (32 - c))


def hchacha20(key, nonce16):
    s = list(struct.unpack("<4I", b"expand 32-byte k")) + list(struct.unpack("<8I", key)) + list(struct.unpack("<4I", nonce16))
    def qr(a, b, c, d):
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 16)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 12)
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 8)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 7)
    for _ in range(10):
        qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15)
        qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14)
    return struct.pack("<8I", *(s[0:4] + s[12:16]))


def xchacha_open(key, nonce24, ciphertext, ad):
    subkey = hchacha20(key, nonce24[:16])
    return ChaCha20Poly1305(subkey).decrypt(b"\0\0\0\0" + nonce24[16:], ciphertext, ad)


class Reader:
    def __init__(self, data, at=0, end=None):
        self.d, self.at, self.end = data, at, len(data) if end is None else end
    def take(self, n):
        assert self.at + n <= self.end, "truncated"
        v = self.d[self.at:self.at + n]; self.at += n; return v
    def u8(self): return self.take(1)[0]
    def u16(self): return struct.unpack(">H", self.take(2))[0]
    def u32(self): return struct.unpack(">I", self.take(4))[0]
    def u64(self): return struct.unpack(">Q", self.take(8))[0]
    def i64(self): return struct.unpack(">q", self.take(8))[0]
    def text(self): return self.take(self.u16()).decode("utf-8")
    def opt(self):
        flag = self.u8(); assert flag in (0, 1)
        return self.text() if flag else None
    def sub(self, n):
        r = Reader(self.d, self.at, self.at + n); self.take(n); return r


def ms(v):
    return datetime.datetime.fromtimestamp(v / 1000, datetime.timezone.utc).isoformat()


def recovery_entropy(text):
    bits = ""
    for ch in text.upper():
        if ch in "- ":
            continue
        ch = {"O": "0", "I": "1", "L": "1"}.get(ch, ch)
        bits += format(CROCKFORD.index(ch), "05b")
    assert len(bits) == 150, "a recovery code has 30 characters"
    entropy = int(bits[:128], 2).to_bytes(16, "big")
    check = format(int.from_bytes(hashlib.blake2b(CHECKSUM_LABEL + entropy, digest_size=32).digest()[:3], "big"), "024b")[:22]
    assert bits[128:] == check, "recovery code checksum"
    return entropy


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--escrow-key"); p.add_argument("--password"); p.add_argument("--recovery-code")
    a = p.parse_args()
    data = bytes.fromhex("".join(open(a.file).read().split()))
    assert data[:8] == MAGIC, "magic"
    assert hashlib.blake2b(data[:-32], digest_size=32).digest() == data[-32:], "checksum"
    h = Reader(data)
    h.take(8)
    version, minimum, header_length = h.u16(), h.u16(), h.u32()
    created, generation, backup_id = h.i64(), h.u64(), uuid.UUID(bytes=h.take(16))
    platform = {1: "ios", 2: "android"}[h.u8()]
    app_version = h.take(h.u8()).decode()
    print(f"format {version}, minimum reader {minimum}, header {header_length} bytes")
    print(f"created {ms(created)}, generation {generation}, backup {backup_id}, {platform}, app {app_version!r}")
    slots = {}
    for _ in range(h.u8()):
        kind, length = h.u8(), h.u16()
        body = h.take(length)
        slots[kind] = body
        print(f"slot type {kind}, {length} bytes")
    r = Reader(data, header_length)
    nonce, clen = r.take(24), r.u32()
    ciphertext = r.take(clen)
    assert r.at == len(data) - 32, "layout"

    if a.escrow_key:
        body = slots[1]; n = body[0]
        params, rest = body[:1 + n], body[1 + n:]
        kek, kind = bytes.fromhex(a.escrow_key), 1
        print(f"escrow key id {params[1:].decode()!r}")
    elif a.password:
        body = slots[2]
        ops, mem = struct.unpack(">II", body[:8])
        params, rest, kind = body[:24], body[24:], 2
        kek = Argon2id(salt=body[8:24], length=32, iterations=ops, lanes=1, memory_cost=mem).derive(a.password.encode())
        print(f"argon2id t={ops} m={mem} KiB")
    else:
        body = slots[3]
        params, rest, kind = body[:16], body[16:], 3
        kek = hashlib.blake2b(RECOVERY_KEY_LABEL + params, key=recovery_entropy(a.recovery_code), digest_size=32).digest()
    data_key = xchacha_open(kek, rest[:24], rest[24:72], bytes([kind]) + params)
    plaintext = xchacha_open(data_key, nonce, ciphertext, data[:header_length])
    print(f"payload {len(plaintext)} bytes: {plaintext.hex()}")

    p = Reader(plaintext)
    s = p.sub(p.u32())
    flags, plat, count = s.u8(), s.u8(), s.u16()
    custom = [(s.text(), s.text()) for _ in range(count)]
    print(f"settings: backup={bool(flags & 1)} hides={bool(flags & 2)} groups={bool(flags & 4)} platform={plat} custom={custom}")
    for _ in range(p.u32()):
        rec = p.sub(p.u32())
        kind = rec.u8()
        fields = dict(id=rec.text(), issuer=rec.text(), user=rec.text(), display=rec.opt(), icon=rec.opt(), created=ms(rec.i64()))
        if kind == 1:
            alg, fmt, digits, factor = rec.u8(), rec.u8(), rec.u8(), rec.u8()
            fields.update(alg={1: "sha1", 2: "sha256", 3: "sha512"}[alg], format={1: "decimal", 2: "steam"}[fmt], digits=digits)
            if factor == 1:
                fields["counter"] = rec.u64()
            else:
                fields["period"], fields["t0"] = rec.i64(), rec.i64()
            fields["secret"] = rec.take(rec.u8()).hex()
        else:
            fields.update(provider_ref=rec.opt(), push=bool(rec.u8()))
        print({1: "third-party", 2: "personal", 3: "work-or-school"}[kind], fields)
    assert p.at == len(plaintext)


if __name__ == "__main__":
    main()
