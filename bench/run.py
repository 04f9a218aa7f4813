#!/usr/bin/env python3
"""The marshaling benchmark's driver (bench/README.md).

Runs bench.exe under Wine, one process per DLL variant and setting, in
rounds whose variant order alternates (A B, then B A), every Wine process
of the run pinned to the same CPUs (the prefix's wineserver restarted under
that affinity); then takes the median over rounds of each child's numbers,
prints the table and writes bench.csv, bench-rounds.csv and bench-next.png
into --out. --smoke is the meson test: tiny counts, sanity checks as TAP.

Python 3 standard library; the plot needs matplotlib (Debian's
python3-matplotlib, which `sh tools/dev bench` installs).
"""
import argparse
import csv
import filecmp
import glob
import io
import math
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SETTINGS = ["apartment", "process", "loopback", "direct"]
TITLES = {
    "apartment": "cross-apartment: objects in an STA, client in the MTA of the same process",
    "process": "cross-process: objects in an STA of a host process, client in the MTA",
    "loopback": "loopback: the DLL's proxy and stub in one thread, joined without RPC (the DLL's own cost)",
    "direct": "direct: the same calls on the objects themselves, no proxy (the model's own cost)",
}
PANEL_TITLES = {"apartment": "cross-apartment", "process": "cross-process",
                "loopback": "loopback (no RPC: the DLL's own cost)", "direct": "direct (no proxy: the model's own cost)"}
CHANNEL_SETTINGS = ("apartment", "process")     # where every sample has a channel call next to it
FLOOR = "Reset"                                 # the first method, one round trip and nothing else
DEFAULT_OVERRIDES = "mscoree,mshtml=;qmgrprxy=n"
CHILD_TIMEOUT = 1800                            # seconds: a child that takes longer is stuck


def windows_path(path):
    """A Unix path as Wine sees it: the Unix root is drive Z:."""
    return "Z:" + os.path.abspath(path).replace("/", "\\")


def parse_args(argv):
    p = argparse.ArgumentParser(description="qmgrprxy marshaling benchmark (bench/README.md)")
    p.add_argument("--build", default=os.path.join(ROOT, "build", "x86_64"), help="the x86_64 build directory")
    p.add_argument("--rounds", type=int, default=9, help="measured rounds (default 9)")
    p.add_argument("--no-warmup", action="store_true", help="skip the warm-up round")
    p.add_argument("--budget-ms", type=float, default=200, help="time per method in each child (default 200)")
    p.add_argument("--sweep-max", type=int, default=10000, help="largest N of the Next(N) sweep (0: none)")
    p.add_argument("--files", type=int, help="files in the enumerator (default max(1024, sweep-max) + 1)")
    p.add_argument("--variants", default="ours,builtin",
                   help="ours, builtin, ours-registry, builtin-loader, NAME=/path/to/a.dll (default ours,builtin)")
    p.add_argument("--settings", default=",".join(SETTINGS), help="apartment, process, loopback, direct")
    p.add_argument("--cpus", default=os.environ.get("QMGRPRXY_BENCH_CPUS", "0"),
                   help="taskset CPU list for every Wine process of the run; 'all': no pinning (default 0)")
    p.add_argument("--diagnose", action="store_true",
                   help="also count channel calls per method and time the pieces of a call")
    p.add_argument("--smoke", action="store_true", help="the meson test: tiny counts, checks as TAP")
    p.add_argument("--out", help="where the CSVs and the plot go (default <build>/bench)")
    p.add_argument("--no-plot", action="store_true", help="no bench-next.png")
    p.add_argument("--prefix", default=os.environ.get("WINEPREFIX"), help="the Wine prefix (default <build>/wineprefix)")
    p.add_argument("--wine-run", default=os.environ.get("QMGRPRXY_WINE_RUN", os.path.join(ROOT, "tests", "wine-run")))
    a = p.parse_args(argv)
    if a.smoke:
        # Small enough for meson test, large enough for the checks; no
        # pinning: the test runs alone in the test prefix, which it leaves as it was.
        a.rounds, a.no_warmup, a.budget_ms, a.sweep_max, a.files, a.cpus, a.no_plot = 1, True, 30, 20, 128, "all", True
    if a.files is None:
        a.files = max(1024, a.sweep_max) + 1        # file 0 is the one the client holds
    a.build = os.path.abspath(a.build)
    a.out = os.path.abspath(a.out or os.path.join(a.build, "bench"))
    a.prefix = os.path.abspath(a.prefix or os.path.join(a.build, "wineprefix"))
    a.settings = [s for s in a.settings.split(",") if s]
    for s in a.settings:
        if s not in SETTINGS:
            p.error(f"unknown setting {s}")
    if not 1 <= a.rounds < 1000:
        p.error("--rounds: 1 to 999")
    return a


class Wine:
    """Runs Windows programs of the build in the prefix. One Wine session
    for the whole run: a process that waits on its standard input keeps the
    prefix's wineserver and services up between the children, so that a
    child does not pay for starting them. When pinning, every process of the
    session runs under one CPU affinity: the prefix's wineserver is ended
    first and the session restarted under taskset, so the server, the
    services, the children and their hosts all share the same CPUs."""

    def __init__(self, a):
        self.a = a
        self.env = dict(os.environ, WINEPREFIX=a.prefix, WINEDEBUG=os.environ.get("WINEDEBUG", "-all"),
                        QMGRPRXY_DLL=os.path.join(a.build, "proxy", "qmgrprxy.dll"))
        self.launch = [] if a.cpus == "all" else ["taskset", "-c", a.cpus]
        self.anchor = None

    def server(self, *args):
        subprocess.run(["wineserver", *args], env=self.env, check=False)

    def start(self):
        """Returns the pid of the prefix's wineserver and its CPUs. The
        session is started with no pipe of ours as its output: the server
        and the services keep the standard handles of the process that
        started them, and a child whose output is read must not be it."""
        self.quiet(["cmd", "/c", "exit"])   # the prefix exists, the built DLL is registered (tests/wine-run)
        if self.launch:
            self.server("-k")
            self.server("-w")
        self.anchor = subprocess.Popen(self.launch + [self.a.wine_run, "cmd"], env=self.env, stdin=subprocess.PIPE,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.quiet(["cmd", "/c", "exit"])   # the session is up
        return self.server_cpus()

    def quiet(self, args):
        subprocess.run(self.launch + [self.a.wine_run, *args], env=self.env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    def stop(self):
        if self.anchor:
            self.anchor.stdin.close()
            self.anchor.wait(timeout=60)
        if self.launch:
            self.server("-k")               # the pinned session ends with the run

    def run(self, args, overrides=None):
        env = dict(self.env, WINEDLLOVERRIDES=overrides or self.env.get("WINEDLLOVERRIDES", DEFAULT_OVERRIDES))
        return subprocess.run(self.launch + [self.a.wine_run, *args], env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False, timeout=CHILD_TIMEOUT)

    def server_cpus(self):
        """The pid and CPUs of the prefix's wineserver: the process whose
        working directory is the prefix's server directory,
        <tmp>/.../server-<device>-<inode of the prefix>."""
        st = os.stat(self.a.prefix)
        name = f"server-{st.st_dev:x}-{st.st_ino:x}"
        for proc in glob.glob("/proc/[0-9]*"):
            try:
                args = open(f"{proc}/cmdline", "rb").read().split(b"\0")
                if (os.path.basename(os.readlink(f"{proc}/cwd")) == name and b"wineserver" in args[0]
                        and b"-k" not in args):
                    pid = int(proc.split("/")[2])
                    return pid, os.sched_getaffinity(pid)
            except (OSError, ValueError):
                continue
        return None, None


def cpu_set(spec):
    cpus = set()
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        cpus.update(range(int(lo), int(hi or lo) + 1))
    return cpus


def resolve_variants(a, problems):
    """name, the DLL the child loads ("-": the registry's), the module its
    proxies must come from, the WINEDLLOVERRIDES of its processes."""
    ours = os.path.join(a.build, "proxy", "qmgrprxy.dll")
    variants = []
    for spec in [v for v in a.variants.split(",") if v]:
        name, _, path = spec.partition("=")
        if path:
            variants.append(dict(name=name, dll=windows_path(path), expect=windows_path(path)))
        elif name == "ours":
            variants.append(dict(name=name, dll=windows_path(ours), expect=windows_path(ours)))
        elif name == "ours-registry":      # through the prefix's registration, as deployed
            variants.append(dict(name=name, dll="-", expect=windows_path(ours)))
        elif name == "builtin":
            copy = copy_builtin(a, problems)
            variants.append(dict(name=name, dll=windows_path(copy), expect=windows_path(copy)))
        elif name == "builtin-loader":     # Wine's builtin by name, as its loader loads it
            variants.append(dict(name=name, dll="qmgrprxy.dll", expect="C:\\windows\\system32\\qmgrprxy.dll",
                                 overrides="mscoree,mshtml=;qmgrprxy=b"))
        else:
            sys.exit(f"bench: unknown variant {spec}")
    return variants


def copy_builtin(a, problems):
    """Wine's builtin qmgrprxy.dll as a file of another name, which no
    qmgrprxy override applies to (bench/README.md). Wine 8 installs its PE
    builtins into system32, so that file is the builtin; the copy is
    checked byte-identical with it and with the one in Wine's own DLL
    directory."""
    system = os.path.join(a.prefix, "drive_c", "windows", "system32", "qmgrprxy.dll")
    copy = os.path.join(a.out, "wine-builtin-qmgrprxy.dll")
    os.makedirs(a.out, exist_ok=True)
    shutil.copyfile(system, copy)
    same = filecmp.cmp(copy, system, shallow=False)
    wine_dirs = glob.glob("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows") + glob.glob("/usr/lib*/wine/x86_64-windows")
    wine_files = [os.path.join(d, "qmgrprxy.dll") for d in wine_dirs if os.path.exists(os.path.join(d, "qmgrprxy.dll"))]
    for f in wine_files[:1]:
        same = same and filecmp.cmp(copy, f, shallow=False)
    print(f"{comment()}builtin: {copy}, a copy of {system}, byte-identical to "
          f"{wine_files[0] if wine_files else 'it (no Wine DLL directory found)'}: {'yes' if same else 'NO'}")
    if not same:
        problems.append("the builtin copy differs from Wine's builtin")
    return copy


_smoke = False


def comment():
    """Lines that are not TAP start with '#' in a smoke run."""
    return "# " if _smoke else ""


def say(text=""):
    for line in text.split("\n"):
        print(f"{comment()}{line}".rstrip())


class Results:
    def __init__(self, variants, settings):
        self.variants, self.settings = variants, settings
        names = [v["name"] for v in variants]
        self.reference = names.index("builtin") if "builtin" in names else 0
        self.methods = []                       # (method, n) in the order the children report them
        self.rounds_rows = []                   # every kept row, with round, setting and variant
        self.problems = []
        # per (variant, setting)
        self.result = {}                        # (method, n) -> list of (us, floor, channel, relative)
        self.sweep, self.notes, self.modules, self.channel = {}, {}, {}, {}
        self.calls, self.anatomy, self.cpus = {}, {}, {}

    def add(self, v, s, rows, keep, rnd):
        key = (v, s)
        name = self.variants[v]["name"]
        done = False
        for row in rows:
            rec, method, n = row["record"], row["method"], int(row["n"] or 0)
            if rec == "done":
                done = True
            elif rec == "problem":
                self.problems.append(f"{name}, {s}: {row['detail']}")
            elif rec == "cpus":
                self.cpus[key] = row["detail"]
            elif rec == "module":
                self.modules.setdefault(key, {})[method] = row["detail"]
            elif rec == "channel":
                self.channel[key] = row["detail"]
            elif rec == "unavailable":
                # not covered (E_NOINTERFACE) and no model (E_NOTIMPL) become n/a notes
                if row["detail"] not in ("80004002", "80004001"):
                    self.problems.append(f"{name}, {s}: {method}: hr {row['detail']}")
            elif rec == "na":
                self.notes.setdefault(key, {})[(method, n)] = row["detail"]
                if (method, n) not in self.methods and method != "Next-sweep":
                    self.methods.append((method, n))
            elif rec == "result":
                if (method, n) not in self.methods:
                    self.methods.append((method, n))
                if keep:
                    channel = float(row["channel_us"]) if row["channel_us"] else None
                    relative = float(row["call_per_channel"]) if row["call_per_channel"] else None
                    self.result.setdefault(key, {}).setdefault((method, n), []).append(
                        (float(row["us"]), float(row["floor_us"]), channel, relative))
            elif rec == "sweep" and keep:
                self.sweep.setdefault(key, {}).setdefault(n, []).append(float(row["us"]))
            elif rec == "calls" and keep:        # the last round's counts
                if self.calls.get(key, (None,))[0] != rnd:
                    self.calls[key] = (rnd, [])
                self.calls[key][1].append((method, row["detail"], float(row["us"])))
            elif rec == "anatomy" and keep:
                self.anatomy.setdefault(key, {}).setdefault(method, []).append(float(row["us"]))
            if keep:
                self.rounds_rows.append(dict(row, round=rnd, setting=s, variant=name))
        if not done:
            self.problems.append(f"{name}, {s}: the run did not finish")

    # medians over rounds
    def samples(self, v, s, m):
        return self.result.get((v, s), {}).get(m, [])

    def median_us(self, v, s, m):
        x = self.samples(v, s, m)
        return statistics.median(t[0] for t in x) if x else None

    def median_floor(self, v, s, m):
        x = self.samples(v, s, m)
        return statistics.median(t[1] for t in x) if x else None

    def overhead(self, v, s, m):
        x = self.samples(v, s, m)
        return statistics.median(t[0] - t[1] for t in x) if x else None

    def channel_us(self, v, s, m):
        x = [t[2] for t in self.samples(v, s, m) if t[2]]
        return statistics.median(x) if x else None

    def relative(self, v, s, m):
        x = [t[3] for t in self.samples(v, s, m) if t[3]]
        return statistics.median(x) if x else None

    def paired_ratio(self, v, s, m):
        """The ratio to the reference paired with the channel floor: the
        ratio of the medians of call/channel, both costs counted in calls of
        the same channel made at the same moments (bench/README.md)."""
        x, ref = self.relative(v, s, m), self.relative(self.reference, s, m)
        return x / ref if x and ref else None

    def raw_ratio(self, v, s, m):
        x, ref = self.median_us(v, s, m), self.median_us(self.reference, s, m)
        return x / ref if x and ref else None

    def sweep_us(self, v, s, n):
        x = self.sweep.get((v, s), {}).get(n)
        return statistics.median(x) if x else None

    def sweep_sizes(self, s):
        return sorted({n for v in range(len(self.variants)) for n in self.sweep.get((v, s), {})})


def rounds(n):
    return f"{n} round" + ("" if n == 1 else "s")


def cell(value):
    if value is None:
        return f" {'n/a':>11}"
    if -1 < value < 1:
        return f" {value:11.3f}"
    return f" {value:11.2f}" if value < 100 else f" {value:11.1f}"


def label(method, n):
    return f"{method}({n})" if n else method + (" (floor)" if method == FLOOR else "")


def report(r, a, wine_version, cpu_line):
    names = [v["name"] for v in r.variants]
    ref = names[r.reference]
    others = [i for i in range(len(names)) if i != r.reference]
    say(f"qmgrprxy marshaling benchmark: {cpu_model()}, {os.cpu_count()} processors, {wine_version}")
    say(cpu_line)
    say("proxies served by (module of every proxy's vtable, checked in every run):")
    for v, name in enumerate(names):
        mods = sorted({m for (vv, s), d in r.modules.items() if vv == v for m in d.values()})
        say(f"  {name:<14} {', '.join(mods) if mods else '(none reported)'}")
    for s in r.settings:
        paired = any(r.relative(r.reference, s, m) for m in r.methods)
        say()
        say(TITLES[s])
        say(f"median of {rounds(a.rounds)}, microseconds per call (a call includes releasing what it returns)")
        if paired:
            say("ratios paired with the channel floor (median of call/channel per child, bench/README.md); raw: the ratio of the medians")
        say()
        head = f"{'method':<18}" + "".join(f" {n:>11}" for n in names)
        head += "".join(f" {names[v] + '/' + ref:>11}" for v in others)
        if paired:
            head += "".join(f" {'raw ' + names[v]:>11}" for v in others)
        head += "".join(f" {n + '-floor':>11}" for n in names)
        say(head)
        for m in r.methods:
            line = f"{label(*m):<18}" + "".join(cell(r.median_us(v, s, m)) for v in range(len(names)))
            if paired:
                line += "".join(cell(r.paired_ratio(v, s, m)) for v in others)
            line += "".join(cell(r.raw_ratio(v, s, m)) for v in others)
            line += "".join(f" {'':>11}" if m[0] == FLOOR else cell(r.overhead(v, s, m)) for v in range(len(names)))
            say(line)
        if paired:
            floors = []
            for v, name in enumerate(names):
                x = [t[2] for m in r.methods for t in r.samples(v, s, m) if t[2]]
                if x:
                    floors.append(f"{name} {statistics.median(x):.1f} us")
            chan = next((r.channel[(v, s)] for v in range(len(names)) if (v, s) in r.channel), "COM's own proxy")
            say(f"  channel floor: IEnumUnknown::Reset through {chan}, median per variant: {', '.join(floors)}")
        for m in r.methods:
            for v, name in enumerate(names):
                note = r.notes.get((v, s), {}).get(m)
                if note and not r.samples(v, s, m):
                    say(f"  n/a: {label(*m)} through {name}: {note}")
        sizes = r.sweep_sizes(s)
        if sizes:
            say()
            say("Next(N): microseconds per element (one call, then releasing its N proxies, divided by N)")
            say()
            say(f"{'N':<18}" + "".join(f" {n:>11}" for n in names) + "".join(f" {names[v] + '/' + ref:>11}" for v in others))
            for n in sizes:
                per = [r.sweep_us(v, s, n) for v in range(len(names))]
                line = f"{n:<18}" + "".join(cell(x / n if x else None) for x in per)
                line += "".join(cell(per[v] / per[r.reference] if per[v] and per[r.reference] else None) for v in others)
                say(line)
    for (v, s), (_, rows) in sorted(r.calls.items()):
        say()
        say(f"channel calls per call, {s}, {names[v]} (--diagnose; method, interface::method, count):")
        for method, what, count in rows:
            say(f"  {method:<18} {what:<44} {count:.2f}")
    for s in r.settings:
        labels = []
        for v in range(len(names)):
            labels += [k for k in r.anatomy.get((v, s), {}) if k not in labels]
        if labels:
            say()
            say(f"{TITLES[s]}\nthe pieces of a call (--diagnose), median of {rounds(a.rounds)}, microseconds")
            say(f"{'piece':<56}" + "".join(f" {n:>11}" for n in names))
            for k in labels:
                x = [r.anatomy.get((v, s), {}).get(k) for v in range(len(names))]
                say(f"{k:<56}" + "".join(cell(statistics.median(y) if y else None) for y in x))


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def write_csv(r, a):
    names = [v["name"] for v in r.variants]
    ref = names[r.reference]
    path = os.path.join(a.out, "bench.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["setting", "method", "n", "variant", "rounds", "median_us_per_call", "us_per_element",
                    "ratio_vs_reference", "reference", "paired_floor_us", "overhead_over_floor_us",
                    "channel_floor_us", "call_per_channel_call", "ratio_paired_with_channel", "note"])
        for s in r.settings:
            for m in r.methods:
                for v, name in enumerate(names):
                    us = r.median_us(v, s, m)
                    note = "" if us is not None else r.notes.get((v, s), {}).get(m, "")
                    per = us / m[1] if us is not None and m[0] == "Next" else None
                    w.writerow([s, m[0], m[1], name, len(r.samples(v, s, m)), fmt(us, 3), fmt(per, 3),
                                fmt(r.raw_ratio(v, s, m), 4), ref, fmt(r.median_floor(v, s, m), 3),
                                "" if m[0] == FLOOR else fmt(r.overhead(v, s, m), 3), fmt(r.channel_us(v, s, m), 3),
                                fmt(r.relative(v, s, m), 5), fmt(r.paired_ratio(v, s, m), 4), note])
            for n in r.sweep_sizes(s):
                for v, name in enumerate(names):
                    us, ref_us = r.sweep_us(v, s, n), r.sweep_us(r.reference, s, n)
                    if us is None:
                        continue
                    w.writerow([s, "Next-sweep", n, name, len(r.sweep[(v, s)][n]), fmt(us, 3), fmt(us / n, 3),
                                fmt(us / ref_us if ref_us else None, 4), ref, "", "", "", "", "", ""])
    rounds = os.path.join(a.out, "bench-rounds.csv")
    fields = ["round", "setting", "variant", "record", "method", "n", "us", "calls", "floor_us", "channel_us",
              "call_per_channel", "detail"]
    with open(rounds, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(r.rounds_rows)
    return path, rounds


def fmt(value, digits):
    return "" if value is None else f"{value:.{digits}f}"


def plot(r, a):
    """The per-element cost of Next(N) against N, one panel per setting,
    one line per variant."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        r.problems.append("no matplotlib for the plot: install python3-matplotlib (sh tools/dev bench does), or pass --no-plot")
        return None
    settings = [s for s in r.settings if r.sweep_sizes(s)]
    if not settings:
        return None
    cols = min(2, len(settings))
    rows = (len(settings) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(6.5 * cols, 4.5 * rows), squeeze=False)
    for ax in axes.flat[len(settings):]:
        ax.set_visible(False)
    for ax, s in zip(axes.flat, settings):
        for v, var in enumerate(r.variants):
            sizes = [n for n in r.sweep_sizes(s) if r.sweep_us(v, s, n)]
            ax.plot(sizes, [r.sweep_us(v, s, n) / n for n in sizes], marker="o", label=var["name"])
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("N (elements per Next call)")
        ax.set_ylabel("microseconds per element")
        ax.set_title(PANEL_TITLES[s])
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.suptitle(f"IEnumBackgroundCopyFiles::Next(N): one call and the release of its N proxies, per element "
                 f"(median of {rounds(a.rounds)})")
    fig.tight_layout()
    path = os.path.join(a.out, "bench-next.png")
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def smoke_checks(r, a):
    """The checks of meson test bench_smoke: both DLLs really served and
    every number is there, finite and positive. It compares no timings: an
    unpinned run of 30 ms per method on a shared machine cannot order two
    calls reliably (a "costs more than half a channel call" check failed
    about one run in ten); speed is read from a full pinned run."""
    checks = []

    def check(cond, text):
        checks.append((bool(cond), text))

    check(not r.problems, "no problems reported" + ("" if not r.problems else ": " + "; ".join(r.problems)))
    names = [v["name"] for v in r.variants]
    for s in r.settings:
        proxied = s != "direct"
        for v, name in enumerate(names):
            where = f"{name}, {s}"
            mods = r.modules.get((v, s), {})
            check(r.cpus.get((v, s)), f"{where}: the run reports its CPUs ({r.cpus.get((v, s))})")
            if proxied:
                check(mods and all(m.lower() == r.variants[v]["expect"].lower() for m in mods.values()),
                      f"{where}: every proxy from {r.variants[v]['expect']} ({len(mods)} interfaces)")
                for k, other in enumerate(names):
                    if k != v and r.variants[k]["expect"].lower() != r.variants[v]["expect"].lower():
                        mine, theirs = mods.get("IEnumBackgroundCopyFiles"), r.modules.get((k, s), {}).get("IEnumBackgroundCopyFiles")
                        check(mine and theirs and mine.lower() != theirs.lower(),
                              f"{where}: not the module that served {other} ({mine})")
            if s in CHANNEL_SETTINGS:
                chan = r.channel.get((v, s))
                check(chan and chan.lower() != r.variants[v]["expect"].lower(),
                      f"{where}: the channel floor's proxy is COM's own ({chan})")
            reset = r.median_us(v, s, (FLOOR, 0))
            check(reset and reset > 0, f"{where}: floor {reset} us")
            for m in r.methods:
                if m[0] == FLOOR or not r.samples(v, s, m):
                    continue        # n/a: the note says why
                value, floor = r.median_us(v, s, m), r.median_floor(v, s, m)
                check(0 < floor < math.inf and 0 < value < math.inf,
                      f"{where}: {label(*m)} {value:.3f} us, the floor next to it {floor:.3f} us")
                if s in CHANNEL_SETTINGS:
                    rel = [t for t in r.samples(v, s, m) if t[2] and t[3]]
                    check(len(rel) == len(r.samples(v, s, m)) and r.relative(v, s, m) > 0,
                          f"{where}: {label(*m)} has a channel call next to every sample")
            for n in r.sweep_sizes(s):
                us = r.sweep_us(v, s, n)
                check(us and us > 0, f"{where}: Next({n}) sweep {us} us")
    for i, (good, text) in enumerate(checks, 1):
        print(f"{'ok' if good else 'not ok'} {i} - {text}".replace("\n", " "))
    print(f"1..{len(checks)}")
    return sum(1 for good, _ in checks if not good)


def main(argv):
    global _smoke
    a = parse_args(argv)
    _smoke = a.smoke
    bench_exe = os.path.join(a.build, "bench", "bench.exe")
    if not os.path.exists(bench_exe):
        sys.exit(f"bench: no {bench_exe}: build first (ninja -C {a.build})")
    os.makedirs(a.out, exist_ok=True)
    problems = []
    wine = Wine(a)
    wine_version = subprocess.run(["wine", "--version"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True).stdout.strip()
    server_pid, server_cpus = wine.start()
    try:
        variants = resolve_variants(a, problems)
        r = Results(variants, a.settings)
        r.problems += problems
        if a.cpus == "all":
            cpu_line = "CPUs: not pinned"
        else:
            cpu_line = f"CPUs: every Wine process pinned to {a.cpus} (taskset); the prefix's wineserver, pid {server_pid}, on {sorted(server_cpus) if server_cpus else '?'}"
            if server_cpus != cpu_set(a.cpus):
                r.problems.append(f"the prefix's wineserver (pid {server_pid}) runs on {server_cpus}, not on {a.cpus}")
        common = ["--budget-ms", f"{a.budget_ms:g}", "--files", str(a.files), "--sweep-max", str(a.sweep_max),
                  "--diagnose", "1" if a.diagnose else "0"]
        started = time.time()
        for rnd in range(0 if not a.no_warmup else 1, a.rounds + 1):
            for s in a.settings:
                # A B, then B A: neither variant always runs first
                order = list(range(len(variants))) if rnd % 2 else list(reversed(range(len(variants))))
                for v in order:
                    var = variants[v]
                    t0 = time.time()
                    out = wine.run([bench_exe, "--variant", var["name"], "--dll", var["dll"], "--expect-module",
                                    var["expect"], "--setting", s] + common, var.get("overrides"))
                    rows = list(csv.DictReader(io.StringIO(out.stdout.decode("utf-8", "replace"))))
                    r.add(v, s, rows, rnd > 0, rnd)
                    if out.returncode and not any(row["record"] == "problem" for row in rows):
                        r.problems.append(f"{var['name']}, {s}: bench.exe exited {out.returncode}: "
                                          + out.stderr.decode("utf-8", "replace").strip()[-300:])
                    print(f"bench: {'round' if rnd else 'warm-up'} {rnd}/{a.rounds}, {s}, {var['name']}: "
                          f"{time.time() - t0:.1f} s", file=sys.stderr)
        if a.cpus != "all":
            for key, cpus in r.cpus.items():
                if cpu_set(cpus) != cpu_set(a.cpus):
                    r.problems.append(f"{variants[key[0]]['name']}, {key[1]}: the run had CPUs {cpus}, not {a.cpus}")
    finally:
        wine.stop()
    report(r, a, wine_version, cpu_line)
    csv_path, rounds_path = write_csv(r, a)
    say()
    say(f"wrote {csv_path} and {rounds_path}")
    if not a.no_plot:
        png = plot(r, a)
        if png:
            say(f"wrote {png}")
    say(f"{len(variants) * len(a.settings) * (a.rounds + (0 if a.no_warmup else 1))} runs in {time.time() - started:.0f} s")
    if r.problems:
        say("\nproblems:\n" + "\n".join(r.problems))
    failed = smoke_checks(r, a) if a.smoke else 0
    return 1 if failed or r.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
