#!/usr/bin/env python3
"""Real libsrtp peer for LibSrtpInteropIT (pylibsrtp, Debian package python3-pylibsrtp).

Line protocol on stdin/stdout, one reply line per command line:
  caps                                   -> OK <comma-separated supported suites>
  session <name> <suite> <in|out> <hex key||salt>  -> OK
  session_mki <name> <suite> <in|out> <hex key||salt> <hex MKI>  -> OK  (ctypes on libsrtp2, see below)
  protect|unprotect|protect_rtcp|unprotect_rtcp <name> <hex packet>  -> OK <hex> | ERR <reason>
  quit
Bounded: at most 100000 commands, exits at EOF.
"""
import ctypes
import sys

import pylibsrtp
from pylibsrtp._binding import ffi

PROFILES = {
    "AES_CM_128_HMAC_SHA1_80": pylibsrtp.Policy.SRTP_PROFILE_AES128_CM_SHA1_80,
    "AES_CM_128_HMAC_SHA1_32": pylibsrtp.Policy.SRTP_PROFILE_AES128_CM_SHA1_32,
    "AEAD_AES_128_GCM": pylibsrtp.Policy.SRTP_PROFILE_AEAD_AES_128_GCM,
    "AEAD_AES_256_GCM": pylibsrtp.Policy.SRTP_PROFILE_AEAD_AES_256_GCM,
}
KEY_LENGTHS = {"AES_CM_128_HMAC_SHA1_80": 30, "AES_CM_128_HMAC_SHA1_32": 30,
               "AEAD_AES_128_GCM": 28, "AEAD_AES_256_GCM": 44}


def make_session(suite, direction, key):
    ssrc_type = pylibsrtp.Policy.SSRC_ANY_INBOUND if direction == "in" else pylibsrtp.Policy.SSRC_ANY_OUTBOUND
    policy = pylibsrtp.Policy(key=key, ssrc_type=ssrc_type, srtp_profile=PROFILES[suite])
    return pylibsrtp.Session(policy=policy)


# pylibsrtp 0.8 does not expose MKI, so MKI sessions call libsrtp2 directly through ctypes.
# Struct layout of libsrtp 2.x srtp.h; checked against pylibsrtp's compiled offsets below.
class CryptoPolicy(ctypes.Structure):
    _fields_ = [("cipher_type", ctypes.c_uint32), ("cipher_key_len", ctypes.c_int),
                ("auth_type", ctypes.c_uint32), ("auth_key_len", ctypes.c_int),
                ("auth_tag_len", ctypes.c_int), ("sec_serv", ctypes.c_int)]


class MasterKey(ctypes.Structure):
    _fields_ = [("key", ctypes.c_char_p), ("mki_id", ctypes.c_char_p), ("mki_size", ctypes.c_uint)]


class SrtpPolicy(ctypes.Structure):
    pass


SrtpPolicy._fields_ = [("ssrc_type", ctypes.c_int), ("ssrc_value", ctypes.c_uint),
                       ("rtp", CryptoPolicy), ("rtcp", CryptoPolicy), ("key", ctypes.c_char_p),
                       ("keys", ctypes.POINTER(ctypes.POINTER(MasterKey))), ("num_master_keys", ctypes.c_ulong),
                       ("deprecated_ekt", ctypes.c_void_p), ("window_size", ctypes.c_ulong),
                       ("allow_repeat_tx", ctypes.c_int), ("enc_xtn_hdr", ctypes.c_void_p),
                       ("enc_xtn_hdr_count", ctypes.c_int), ("next", ctypes.c_void_p)]

for _field in ("key", "window_size", "allow_repeat_tx"):
    assert getattr(SrtpPolicy, _field).offset == ffi.offsetof("srtp_policy_t", _field), _field
assert ctypes.sizeof(SrtpPolicy) == ffi.sizeof("srtp_policy_t")

_lib = ctypes.CDLL("libsrtp2.so.1")
_lib.srtp_init()


class MkiSession:
    """libsrtp session with one master key and an MKI, protect/unprotect with use_mki=1."""

    def __init__(self, suite, direction, key, mki):
        self._keep = [ctypes.create_string_buffer(key, len(key)), ctypes.create_string_buffer(mki, len(mki))]
        mk = MasterKey(ctypes.cast(self._keep[0], ctypes.c_char_p), ctypes.cast(self._keep[1], ctypes.c_char_p), len(mki))
        self._keep.append(mk)
        arr = (ctypes.POINTER(MasterKey) * 1)(ctypes.pointer(mk))
        self._keep.append(arr)
        pol = SrtpPolicy()
        pol.ssrc_type = pylibsrtp.Policy.SSRC_ANY_INBOUND if direction == "in" else pylibsrtp.Policy.SSRC_ANY_OUTBOUND
        check(_lib.srtp_crypto_policy_set_from_profile_for_rtp(ctypes.byref(pol.rtp), PROFILES[suite]))
        check(_lib.srtp_crypto_policy_set_from_profile_for_rtcp(ctypes.byref(pol.rtcp), PROFILES[suite]))
        pol.key = None
        pol.keys = ctypes.cast(arr, ctypes.POINTER(ctypes.POINTER(MasterKey)))
        pol.num_master_keys = 1
        pol.window_size = 128
        self._keep.append(pol)
        self._ctx = ctypes.c_void_p()
        check(_lib.srtp_create(ctypes.byref(self._ctx), ctypes.byref(pol)))

    def _run(self, fn, packet, extra):
        buf = ctypes.create_string_buffer(packet, len(packet) + 256)
        n = ctypes.c_int(len(packet))
        check(fn(self._ctx, buf, ctypes.byref(n), *extra))
        return buf.raw[:n.value]

    def protect(self, p):
        return self._run(_lib.srtp_protect_mki, p, (1, 0))

    def unprotect(self, p):
        return self._run(_lib.srtp_unprotect_mki, p, (1,))

    def protect_rtcp(self, p):
        return self._run(_lib.srtp_protect_rtcp_mki, p, (1, 0))

    def unprotect_rtcp(self, p):
        return self._run(_lib.srtp_unprotect_rtcp_mki, p, (1,))


def check(rc):
    if rc != 0:
        raise pylibsrtp.Error(pylibsrtp.ERRORS[rc] if rc < len(pylibsrtp.ERRORS) else "error %d" % rc)


def supported():
    names = []
    rtp = bytes.fromhex("800f1234decafbadcafebabe") + bytes(20)
    for name in PROFILES:
        try:
            tx = make_session(name, "out", bytes(range(KEY_LENGTHS[name])))
            rx = make_session(name, "in", bytes(range(KEY_LENGTHS[name])))
            if rx.unprotect(tx.protect(rtp)) == rtp:
                names.append(name)
        except Exception:  # a profile the linked libsrtp was built without
            pass
    return names


def main():
    sessions = {}
    for count, line in enumerate(sys.stdin):
        if count >= 100000:
            break
        parts = line.split()
        if not parts:
            continue
        cmd = parts[0]
        try:
            if cmd == "quit":
                break
            elif cmd == "caps":
                reply = "OK " + ",".join(supported())
            elif cmd == "session_mki":
                sessions[parts[1]] = MkiSession(parts[2], parts[3], bytes.fromhex(parts[4]), bytes.fromhex(parts[5]))
                reply = "OK"
            elif cmd == "session":
                sessions[parts[1]] = make_session(parts[2], parts[3], bytes.fromhex(parts[4]))
                reply = "OK"
            elif cmd in ("protect", "unprotect", "protect_rtcp", "unprotect_rtcp"):
                reply = "OK " + getattr(sessions[parts[1]], cmd)(bytes.fromhex(parts[2])).hex()
            else:
                reply = "ERR unknown command"
        except Exception as e:  # reported to the Java side as data
            reply = "ERR " + str(e).replace("\n", " ")
        sys.stdout.write(reply + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
