#!/usr/bin/env python3
"""Helpers of bench/sip/run.sh (loopback only).

  siptool.py ping --from IP --to IP:PORT [--tries N]
      OPTIONS (Max-Forwards 0) until any SIP response arrives; exit 0 answered, 1 not.
  siptool.py trying --pbx IP --max-s S --out FILE
      Kernel-timestamped INVITE -> "100 Trying" latency on the PBX side, per Call-ID: an AF_PACKET
      socket on lo with a classic BPF filter that keeps only INVITEs sent by the PBX address and
      100 responses sent to it (SIPp's own response times have 1 ms resolution, too coarse for a
      sub-millisecond p99). Runs until SIGTERM or --max-s, then writes one line to FILE:
      "trying n=.. p50_us=.. p99_us=.. max_us=.. drops=.."
  siptool.py step --stat CSV --rate R --calls N --hz HZ --ticks T --t0 S --t1 S
      Summarises one SIPp UAC step (its -trace_stat CSV) plus the target's CPU ticks.
"""
import csv
import signal
import socket
import struct
import sys
import time


def arg(name, default=None):
    a = sys.argv
    if name in a:
        return a[a.index(name) + 1]
    if default is None:
        sys.exit("missing " + name)
    return default


def loopback(ip):
    if not ip.startswith("127."):
        sys.exit("refusing non-loopback address " + ip)


def ping():
    src = arg("--from")
    host, port = arg("--to").rsplit(":", 1)
    loopback(src)
    loopback(host)
    tries = int(arg("--tries", "60"))
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((src, 0))
    s.settimeout(0.5)
    lport = s.getsockname()[1]
    for i in range(tries):
        msg = ("OPTIONS sip:%s:%s SIP/2.0\r\n"
               "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-bench-ping-%d\r\n"
               "From: <sip:bench@%s>;tag=bench%d\r\n"
               "To: <sip:%s:%s>\r\n"
               "Call-ID: bench-ping-%d-%d@%s\r\n"
               "CSeq: %d OPTIONS\r\n"
               "Max-Forwards: 0\r\n"
               "Content-Length: 0\r\n\r\n") % (host, port, src, lport, i, src, lport, host, port,
                                               lport, i, src, i + 1)
        try:
            s.sendto(msg.encode(), (host, int(port)))
            data = s.recv(65535)
            if data.startswith(b"SIP/2.0 "):
                print("answered: " + data.split(b"\r\n", 1)[0].decode(errors="replace"))
                return 0
        except (socket.timeout, ConnectionRefusedError):
            time.sleep(0.5)
    print("no answer from %s:%s after %d tries" % (host, port, tries))
    return 1


def bpf_program(pbx_ip):
    ip = struct.unpack("!I", socket.inet_aton(pbx_ip))[0]
    ins = [
        (0x28, 0, 0, 12),            # 0 ldh [12] ethertype
        (0x15, 0, 14, 0x0800),       # 1 IPv4 ?
        (0x30, 0, 0, 23),            # 2 ldb [23] protocol
        (0x15, 0, 12, 17),           # 3 UDP ?
        (0xb1, 0, 0, 14),            # 4 ldx 4*([14]&0xf) IP header length
        (0x20, 0, 0, 26),            # 5 ld [26] source address
        (0x15, 0, 2, ip),            # 6 from the PBX ? -> 7 : 9
        (0x40, 0, 0, 22),            # 7 ld [x+22] first 4 payload bytes
        (0x15, 6, 7, 0x494E5649),    # 8 "INVI" ? accept : drop
        (0x20, 0, 0, 30),            # 9 ld [30] destination address
        (0x15, 0, 5, ip),            # 10 to the PBX ?
        (0x40, 0, 0, 22),            # 11 ld [x+22]
        (0x15, 0, 3, 0x5349502F),    # 12 "SIP/" ?
        (0x40, 0, 0, 30),            # 13 ld [x+30] status code
        (0x15, 0, 1, 0x31303020),    # 14 "100 " ? accept : drop
        (0x06, 0, 0, 4096),          # 15 accept (first 4 KiB)
        (0x06, 0, 0, 0),             # 16 drop
    ]
    return b"".join(struct.pack("HBBI", *i) for i in ins), len(ins)


def call_id(payload):
    for line in payload.split(b"\r\n"):
        if not line:
            break
        low = line[:8].lower()
        if low.startswith(b"call-id:") or low.startswith(b"i:"):
            return line.split(b":", 1)[1].strip()
    return None


def trying():
    pbx = arg("--pbx")
    loopback(pbx)
    max_s = float(arg("--max-s", "120"))
    out = arg("--out")
    SO_TIMESTAMPNS = 35
    SO_ATTACH_FILTER = 26
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    prog, n = bpf_program(pbx)
    buf = __import__("ctypes").create_string_buffer(prog)
    addr = __import__("ctypes").addressof(buf)
    s.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, struct.pack("HL", n, addr))
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    s.bind(("lo", 0))
    s.settimeout(0.2)
    stop = [False]
    signal.signal(signal.SIGTERM, lambda *_: stop.__setitem__(0, True))
    signal.signal(signal.SIGINT, lambda *_: stop.__setitem__(0, True))
    invites, answers = {}, {}
    end = time.time() + max_s
    while not stop[0] and time.time() < end:
        try:
            data, anc, _, a = s.recvmsg(4096, 64)
        except socket.timeout:
            continue
        except InterruptedError:
            continue
        if a[2] == socket.PACKET_OUTGOING:
            continue   # lo shows each datagram twice: keep the receive side only
        ts = None
        for lvl, typ, val in anc:
            if lvl == socket.SOL_SOCKET and typ == SO_TIMESTAMPNS:
                sec, nsec = struct.unpack("qq", val[:16])
                ts = sec * 1_000_000_000 + nsec
        if ts is None:
            continue
        ihl = (data[14] & 0x0F) * 4
        payload = data[14 + ihl + 8:]
        cid = call_id(payload)
        if cid is None:
            continue
        if payload.startswith(b"INVITE"):
            invites.setdefault(cid, ts)
        else:
            answers.setdefault(cid, ts)
    PACKET_STATISTICS = 6
    st = s.getsockopt(263, PACKET_STATISTICS, 8)
    drops = struct.unpack("II", st)[1]
    lat = sorted((answers[c] - t) / 1000.0 for c, t in invites.items() if c in answers and answers[c] >= t)

    def pct(p):
        return lat[min(len(lat) - 1, int(p * len(lat)))] if lat else float("nan")
    line = "trying n=%d invites=%d p50_us=%.0f p99_us=%.0f max_us=%.0f drops=%d" % (
        len(lat), len(invites), pct(0.50), pct(0.99), lat[-1] if lat else float("nan"), drops)
    with open(out, "w") as f:
        f.write(line + "\n")
    # Every INVITE's send time (s since the first) and latency (us), for finding when stalls happen.
    t0 = min(invites.values()) if invites else 0
    with open(out + ".raw", "w") as f:
        for c, t in sorted(invites.items(), key=lambda kv: kv[1]):
            if c in answers and answers[c] >= t:
                f.write("%.3f %.0f\n" % ((t - t0) / 1e9, (answers[c] - t) / 1000.0))
    return 0


def step():
    rate = int(arg("--rate"))
    calls = int(arg("--calls"))
    hz = float(arg("--hz"))
    ticks = int(arg("--ticks"))
    t0, t1 = float(arg("--t0")), float(arg("--t1"))
    rows = []
    try:
        with open(arg("--stat")) as f:
            rows = list(csv.reader(f, delimiter=";"))
    except OSError:
        pass
    hdr = rows[0] if rows else []
    data = [r for r in rows[1:] if len(r) >= len(hdr) - 1]

    def col(r, name):
        return r[hdr.index(name)]

    def epoch(v):
        return float(str(v).split("\t")[-1])
    ok = failed = 0
    achieved = 0.0
    if data:
        last = data[-1]
        ok, failed = int(col(last, "SuccessfulCall(C)")), int(col(last, "FailedCall(C)"))
        prev = None
        for r in data:
            n = int(col(r, "OutgoingCall(C)"))
            t = epoch(col(r, "CurrentTime")) - epoch(col(r, "StartTime"))
            if n >= calls:
                tdone = prev[1] + (calls - prev[0]) / (n - prev[0]) * (t - prev[1]) if prev and n > prev[0] else t
                achieved = calls / max(tdone, 1e-3)
                break
            prev = (n, t)
    unfinished = max(calls - ok - failed, 0)
    fail_pct = 100.0 * (failed + unfinished) / calls if calls else 100.0
    passed = int(fail_pct < 0.5 and achieved >= 0.95 * rate)
    cpu_us = ticks / hz * 1e6
    per_call = cpu_us / ok if ok else float("nan")
    core_pct = 100.0 * ticks / hz / max(t1 - t0, 1e-3)
    print("step rate=%d calls=%d ok=%d failed=%d unfinished=%d fail_pct=%.3f achieved_cps=%.0f "
          "target_cpu_pct=%.0f cpu_us_per_call=%.0f wall_s=%.1f pass=%d" % (
              rate, calls, ok, failed, unfinished, fail_pct, achieved, core_pct, per_call, t1 - t0, passed))
    return 0


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    sys.exit({"ping": ping, "trying": trying, "step": step}.get(cmd, lambda: sys.exit(__doc__))())
