#!/usr/bin/env python3
"""Measure `tally watch` following an election night on the real binary (issue 12, section 5).

Usage (Linux, Python 3 standard library only; about 9 minutes with the defaults):

    cargo build --release
    python3 scripts/measure-live.py target/release/tally [--contest london-2016]
                                    [--gap 30] [--tail 65] [--size 80x24] [--pipe]
                                    [--against london-2016]

What it does:

1. Gets the stages of the night from the binary itself: `tally replay CONTEST --to FILE` at a
   high speed, copying every version it writes (checked against the number of versions the
   replay reports; slower again if one was missed). For London 2016: nothing declared, the
   14 areas one by one, the final declaration: 16 versions.
2. Runs `tally watch night.json` on a pseudo-terminal of the given size (its controlling
   terminal, as in a real one), and reads everything it draws on the master side.
3. Writes the versions one by one, each atomically (a temporary file beside, then a
   rename), `--gap` seconds apart, and after the last waits `--tail` seconds more.

It reports:

- (a) Latency: for each version, the time from just before the rename to the first bytes
  of the redraw arriving on the pseudo-terminal (target: within 100 ms), and how long the
  burst of drawing lasted. Min, median and max over the declarations.
- (b) Quiet: between declarations, from 6 s after each write (after the 5 s NEW highlight
  has faded, which is a redraw of its own) to the next write, the CPU time used by all of
  tally's threads (the sum of /proc/PID/task/*/schedstat, in ns; and utime + stime from
  /proc/PID/stat, in clock ticks), the context switches of all threads
  (/proc/PID/task/*/status, voluntary + involuntary) and the redraws. Target: zero. The
  tail after the final declaration shows the once-a-minute "… min ago" refresh.

With --pipe, tally's standard output is a pipe instead (`tally watch night.json > log`): the
latency is to the first byte of each line, the quiet windows count lines, and instead of the
tail it checks that tally exits 0 after the final declaration.

Not part of `cargo test`: timings depend on the machine. The figures go into
docs/performance.md with the machine and date it prints.
"""

import argparse
import fcntl
import os
import pty
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

SETTLE = 6.0  # seconds after a write before the quiet window starts (the highlight is 5 s)


def capture_stages(binary, contest, workdir):
    """Every version `tally replay --to` writes, in order, with the replay's labels."""
    target = os.path.join(workdir, "replay.json")
    for speed in (600, 150, 40):
        if os.path.exists(target):
            os.remove(target)
        proc = subprocess.Popen(
            [binary, "replay", contest, "--to", target, "--speed", str(speed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        versions, last = [], None
        while True:
            done = proc.poll() is not None
            try:
                st = os.stat(target)
                key = (st.st_ino, st.st_mtime_ns, st.st_size)
                if key != last:
                    with open(target, "rb") as f:
                        data = f.read()
                    last = key
                    if not versions or versions[-1] != data:
                        versions.append(data)
            except FileNotFoundError:
                pass
            if done:
                break
            time.sleep(0.001)
        out, err = proc.communicate()
        if proc.returncode != 0:
            sys.exit(f"tally replay failed: {err.decode(errors='replace')}")
        labels = []
        for line in out.decode().splitlines():
            # "23:41:07 Barnet and Camden declared (1 of 14) → /tmp/…/replay.json"
            label = line.split(" ", 1)[1].rsplit(" → ", 1)[0]
            labels.append(label)
        if len(versions) == len(labels):
            return list(zip(labels, versions))
        print(
            f"speed {speed}: caught {len(versions)} of {len(labels)} versions; again, slower",
            file=sys.stderr,
        )
    sys.exit("could not catch every version the replay wrote")


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class Output:
    """Everything the child draws, with when each chunk arrived."""

    def __init__(self, fd):
        self.fd = fd
        self.chunks = []  # (monotonic time, bytes)
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self):
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            now = time.monotonic()
            with self.lock:
                self.chunks.append((now, data))

    def since(self, t):
        with self.lock:
            return [(at, d) for at, d in self.chunks if at >= t]

    def between(self, a, b):
        with self.lock:
            return [(at, d) for at, d in self.chunks if a <= at < b]


def bursts(chunks, quiet=0.05):
    """Chunks grouped into redraws: a gap of more than `quiet` seconds starts a new one."""
    out = []
    for at, data in chunks:
        if out and at - out[-1][1] <= quiet:
            out[-1][1] = at
            out[-1][2] += len(data)
        else:
            out.append([at, at, len(data)])
    return out


def usage(pid):
    """(CPU ns over all threads, utime+stime ticks, context switches over all threads)."""
    cpu_ns, switches = 0, 0
    task_dir = f"/proc/{pid}/task"
    for tid in os.listdir(task_dir):
        try:
            with open(f"{task_dir}/{tid}/schedstat") as f:
                cpu_ns += int(f.read().split()[0])
            with open(f"{task_dir}/{tid}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        switches += int(line.split()[1])
        except FileNotFoundError:
            pass  # a thread that ended meanwhile
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return cpu_ns, ticks, switches


def wait_quiet(output, quiet=1.0, limit=10.0):
    start = time.monotonic()
    while time.monotonic() - start < limit:
        time.sleep(0.1)
        with output.lock:
            last = output.chunks[-1][0] if output.chunks else start
        if time.monotonic() - last >= quiet:
            return
    sys.exit("tally did not settle")


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    date = subprocess.run(["date"], capture_output=True, text=True).stdout.strip()
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return f"{date}; {cores} cores ({model}); Linux {os.uname().release}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", help="the tally binary, e.g. target/release/tally")
    ap.add_argument("--contest", default="london-2016")
    ap.add_argument("--gap", type=float, default=30.0, help="seconds between declarations")
    ap.add_argument("--tail", type=float, default=65.0, help="seconds after the last one")
    ap.add_argument("--size", default="80x24", help="the terminal, COLSxROWS")
    ap.add_argument("--pipe", action="store_true", help="stdout a pipe: a line per change")
    ap.add_argument("--against", help="follow with --against CONTEST (e.g. london-2016)")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    cols, rows = (int(n) for n in args.size.split("x"))
    if args.gap <= SETTLE + 1:
        sys.exit(f"--gap must be more than {SETTLE + 1} s")

    with tempfile.TemporaryDirectory(prefix="tally-measure-") as workdir:
        stages = capture_stages(binary, args.contest, workdir)
        night = os.path.join(workdir, "night.json")
        watch = [binary, "watch", night] + (["--against", args.against] if args.against else [])

        proc = None
        if args.pipe:
            proc = subprocess.Popen(
                watch,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            pid, master = proc.pid, os.dup(proc.stdout.fileno())
            proc.stdout.close()
        else:
            pid, master = pty.fork()
            if pid == 0:  # the child: the pseudo-terminal is its controlling terminal
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.environ.setdefault("TERM", "xterm-256color")
                os.execv(binary, watch)
        output = Output(master)
        try:
            time.sleep(1.0)
            wait_quiet(output)
            results = []
            for k, (label, data) in enumerate(stages):
                t0 = time.monotonic()
                write_atomic(night, data)
                deadline = t0 + 5.0
                first = None
                while time.monotonic() < deadline:
                    got = output.since(t0)
                    if got:
                        first = got[0][0]
                        break
                    time.sleep(0.001)
                if proc is not None and k == len(stages) - 1:
                    # The final declaration: a line per change ends there.
                    try:
                        code = proc.wait(timeout=5)
                    except subprocess.TimeoutExpired:
                        code = None
                    lat = "none" if first is None else f"{(first - t0) * 1000:.1f} ms"
                    print(f"{k:2} {label[:38]:38} line after {lat:>9}; exit status {code}")
                    results.append({"label": label, "latency": None if first is None else (first - t0) * 1000,
                                    "burst": 0.0, "bytes": 0, "redraws_settling": 1,
                                    "quiet_s": 0.0, "cpu_ns": 0, "ticks": 0, "switches": 0,
                                    "quiet_draws": 0, "exit": code})
                    break
                settle_at = t0 + SETTLE
                time.sleep(max(0.0, settle_at - time.monotonic()))
                drawn = bursts(output.between(t0, settle_at))
                before = usage(pid)
                quiet_from = time.monotonic()
                length = args.tail if k == len(stages) - 1 else args.gap
                time.sleep(max(0.0, t0 + length - time.monotonic()))
                after = usage(pid)
                quiet_to = time.monotonic()
                quiet_draws = bursts(output.between(quiet_from, quiet_to))
                results.append(
                    {
                        "label": label,
                        "latency": None if first is None else (first - t0) * 1000,
                        "burst": (drawn[0][1] - drawn[0][0]) * 1000 if drawn else None,
                        "bytes": drawn[0][2] if drawn else 0,
                        "redraws_settling": len(drawn),
                        "quiet_s": quiet_to - quiet_from,
                        "cpu_ns": after[0] - before[0],
                        "ticks": after[1] - before[1],
                        "switches": after[2] - before[2],
                        "quiet_draws": len(quiet_draws),
                    }
                )
                r = results[-1]
                lat = "none" if r["latency"] is None else f"{r['latency']:.1f} ms"
                print(
                    f"{k:2} {label[:38]:38} drawn after {lat:>9}; quiet {r['quiet_s']:.0f} s: "
                    f"{r['cpu_ns'] / 1e6:.2f} ms CPU, {r['switches']} switches, "
                    f"{r['quiet_draws']} redraws",
                    flush=True,
                )
        finally:
            if proc is not None:
                if proc.poll() is None:
                    proc.terminate()
                proc.wait()
            else:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            os.close(master)

    declarations = results[1:]  # the first version is the empty night
    lat = [r["latency"] for r in declarations if r["latency"] is not None]
    missed = len(declarations) - len(lat)
    gaps = results[:-1]
    tail = results[-1]
    print()
    print(f"Machine: {machine()}")
    where = "stdout a pipe" if args.pipe else f"terminal {cols}×{rows}"
    print(f"Binary: {binary}; contest {args.contest}; {where}; gap {args.gap:.0f} s")
    print()
    print("| Measure | Result |")
    print("|---|---|")
    drawn = "line" if args.pipe else "redraw"
    print(
        f"| Rename to first {drawn} bytes, {len(lat)} declarations | min {min(lat):.1f} ms, "
        f"median {statistics.median(lat):.1f} ms, max {max(lat):.1f} ms"
        + (f" ({missed} never drawn)" if missed else "")
        + " |"
    )
    print(
        f"| Drawing each {drawn} (first to last byte) | median "
        f"{statistics.median(r['burst'] for r in declarations if r['burst'] is not None):.1f} ms, "
        f"median {statistics.median(r['bytes'] for r in declarations):.0f} bytes |"
    )
    quiet = sum(r["quiet_s"] for r in gaps)
    print(
        f"| Quiet between declarations: {len(gaps)} windows, {quiet:.0f} s in all | "
        f"{sum(r['cpu_ns'] for r in gaps) / 1e6:.2f} ms CPU "
        f"({sum(r['ticks'] for r in gaps)} ticks), "
        f"{sum(r['switches'] for r in gaps)} context switches, "
        f"{sum(r['quiet_draws'] for r in gaps)} {drawn}s |"
    )
    if args.pipe:
        print(f"| After the final declaration | exit status {tail['exit']} |")
    else:
        print(
            f"| After the final declaration, {tail['quiet_s']:.0f} s | "
            f"{tail['cpu_ns'] / 1e6:.2f} ms CPU ({tail['ticks']} ticks), "
            f"{tail['switches']} context switches, {tail['quiet_draws']} redraws |"
        )
    print(
        f"| {drawn.capitalize()}s in the {SETTLE:.0f} s after each declaration | "
        f"{', '.join(str(r['redraws_settling']) for r in declarations)} |"
    )
    ok = lat and max(lat) <= 100 and not missed and sum(r["quiet_draws"] for r in gaps) == 0
    if args.pipe:
        ok = ok and tail["exit"] == 0
    print()
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
