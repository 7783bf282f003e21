#!/usr/bin/env python3
"""Start-up of two builds of tunegate, side by side: whole processes through each checkout's ./tunegate
launcher (with its start-up cache, prepared by a first run that is not counted), paired rounds whose
order alternates (A B, B A, ...), medians and the median of the paired ratios after / before.

    python3 bench/startup_pairs.py --before /path/to/main-checkout --after . [--rounds 7] [--data F.jsonl]
    python3 bench/startup_pairs.py --before . --after . --after-opts=-XX:TieredStopAtLevel=1 \
        --data F.jsonl --only tokens          (one build, two sets of JVM options)

Each checkout must have been built (./tunegate builds it on first use). Commands, each run from its
checkout's root:
    version   tunegate --version
    counts    tunegate audit examples/ticket-routing/data/train.jsonl --only counts --format json
    error     tunegate audit /nonexistent            (start-up to the first error; exit 3 expected)
    big       tunegate audit DATA --only CHECKS --format json   (only with --data; --only counts by default,
              --only all for the whole audit)
--before-env / --after-env NAME=VALUE set the launcher's environment (e.g. TUNEGATE_CDS=0).
--before-opts / --after-opts are given to each side's JVM through TUNEGATE_JAVA_OPTS (the launcher's); write
them with "=" (--after-opts=-XX:...), as a value starting with "-" is otherwise taken for an option.
Wall time by a monotonic clock around the process; CPU = user + sys of the process and its children.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def run(root, args, expect, opts="", extra_env=()):
    env = dict(os.environ)
    if opts:
        env["TUNEGATE_JAVA_OPTS"] = opts
    env.update(kv.split("=", 1) for kv in extra_env)
    start = time.perf_counter()
    proc = subprocess.Popen(["./tunegate", *args], cwd=root, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != expect:
        sys.exit(f"{root}: tunegate {' '.join(args)}: expected exit {expect}, found {code}: {err.strip()[:300]}")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--before", required=True)
    p.add_argument("--after", required=True)
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--data", help="a large training file for the 'big' command (absolute path)")
    p.add_argument("--only", default="counts", help="the checks of the 'big' command (all: the whole audit)")
    p.add_argument("--before-opts", default="", help="JVM options of the 'before' side (TUNEGATE_JAVA_OPTS)")
    p.add_argument("--after-opts", default="", help="JVM options of the 'after' side (TUNEGATE_JAVA_OPTS)")
    p.add_argument("--before-env", action="append", default=[], metavar="NAME=VALUE",
                   help="an environment variable of the 'before' side's launcher (repeatable)")
    p.add_argument("--after-env", action="append", default=[], metavar="NAME=VALUE",
                   help="an environment variable of the 'after' side's launcher (repeatable)")
    a = p.parse_args()
    commands = {
        "version": (["--version"], 0),
        "counts": (["audit", "examples/ticket-routing/data/train.jsonl", "--only", "counts", "--format", "json"], 0),
        "error": (["audit", "/nonexistent"], 3),
    }
    if a.data:
        only = [] if a.only == "all" else ["--only", a.only]
        commands["big"] = (["audit", os.path.abspath(a.data), *only, "--format", "json"], 0)
    builds = {"before": os.path.abspath(a.before), "after": os.path.abspath(a.after)}
    opts = {"before": a.before_opts, "after": a.after_opts}
    envs = {"before": a.before_env, "after": a.after_env}
    for name, (args, expect) in commands.items():  # warm-up: builds the start-up caches, fills the page cache
        for b, root in builds.items():
            run(root, args, expect, opts[b], envs[b])
    results = {c: {"before": [], "after": []} for c in commands}
    for r in range(a.rounds):
        order = ["before", "after"] if r % 2 == 0 else ["after", "before"]
        for name, (args, expect) in commands.items():
            for b in order:
                results[name][b].append(run(builds[b], args, expect, opts[b], envs[b]))
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    print(f"{a.rounds} paired rounds, order alternating; load average at the end {load:.2f}")
    if a.before_opts or a.after_opts:
        print(f"JVM options: before {a.before_opts!r}, after {a.after_opts!r}")
    if a.before_env or a.after_env:
        print(f"environment: before {a.before_env}, after {a.after_env}")
    print("| command | before ms (median) | after ms (median) | after ÷ before (median of pairs) "
          "| before CPU ms | after CPU ms |")
    print("|---|---|---|---|---|---|")
    for name in commands:
        before, after = results[name]["before"], results[name]["after"]
        ratios = [x[0] / y[0] for x, y in zip(after, before)]
        print(f"| {name} | {statistics.median(w for w, _ in before):.0f} | {statistics.median(w for w, _ in after):.0f} "
              f"| {statistics.median(ratios):.2f} (pairs {min(ratios):.2f}–{max(ratios):.2f}) "
              f"| {statistics.median(c for _, c in before):.0f} | {statistics.median(c for _, c in after):.0f} |")


if __name__ == "__main__":
    main()
