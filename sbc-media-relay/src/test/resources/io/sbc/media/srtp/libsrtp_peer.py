#!/usr/bin/env python3
"""Real libsrtp peer for LibSrtpInteropIT (pylibsrtp, Debian package python3-pylibsrtp).

Line protocol on stdin/stdout, one reply line per command line:
  caps                                   -> OK <comma-separated supported suites>
  session <name> <suite> <in|out> <hex key||salt>  -> OK
  protect|unprotect|protect_rtcp|unprotect_rtcp <name> <hex packet>  -> OK <hex> | ERR <reason>
  quit
Bounded: at most 100000 commands, exits at EOF.
"""
import sys

import pylibsrtp

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
