"""Print bench/peers' table from its "bot key value" lines (argv[1])."""
import sys

# a label run more than once (A B A B) shows the mean of its runs
runs = {}
bots = []
for line in open(sys.argv[1]):
    bot, key, val = line.split()
    if bot not in runs:
        bots.append(bot)
    runs.setdefault(bot, {}).setdefault(key, []).append(float(val))
r = {b: {k: sum(v) / len(v) for k, v in kv.items()} for b, kv in runs.items()}
names = {b: b for b in bots}
names.update({"ptb": "PTB 13", "grammy": "grammY",
              "pgbench": "pgbench: peers' SQL",
              "floor": "HTTP+JSON floor bot",
              "pgbench-fitbot": "pgbench: fitbot's SQL",
              "pgbench-fitbot-paired": "pgbench: fitbot's, marks paired",
              "pgbench-min": "pgbench: claim+outbox",
              "pgbench-outbox": "pgbench: peers'+outbox"})


def per_update(b, key):
    return r[b][key] / r[b]["hz"] * 1000.0 / r[b]["updates"]


def get(b, key, scale=1.0):
    return r[b][key] * scale if key in r[b] else None


rows = [
    ("bot process CPU, ms/update", lambda b: per_update(b, "bot_ticks"), "%.3f"),
    ("PostgreSQL CPU, ms/update", lambda b: per_update(b, "pg_ticks"), "%.3f"),
    ("bot + PostgreSQL, ms/update",
     lambda b: per_update(b, "bot_ticks") + per_update(b, "pg_ticks"), "%.3f"),
    ("write transactions/update",
     lambda b: get(b, "pg_xacts", 1.0 / r[b]["updates"]), "%.2f"),
    ("throughput, updates/s", lambda b: get(b, "throughput_per_s"), "%.0f"),
    ("latency p50, ms", lambda b: get(b, "p50_ms"), "%.1f"),
    ("latency p99, ms", lambda b: get(b, "p99_ms"), "%.1f"),
    ("peak RSS, MB", lambda b: get(b, "peak_rss_kb", 1 / 1024.0), "%.1f"),
]


def cell(fmt, v):
    return "—" if v is None else fmt % v


for b in bots:
    if len(runs[b]["updates"]) > 1:
        print("%s: mean of %d runs" % (b, len(runs[b]["updates"])))
print("| per update | " + " | ".join(names[b] for b in bots) + " |")
print("|---" * (len(bots) + 1) + "|")
for label, f, fmt in rows:
    print("| %s | %s |" % (label, " | ".join(cell(fmt, f(b)) for b in bots)))
for b in bots:
    if "ptb" not in r or b in ("ptb", "grammy") or b.startswith("pgbench"):
        continue
    print()
    print("%s / PTB:" % b)
    for label, f, _ in rows:
        if f(b) is not None and f("ptb"):
            print("  %-30s %.2f" % (label, f(b) / f("ptb")))
for b in bots:
    if "flow_users" in r[b]:
        print("%s: %d conversations live mid-registration, %d with another"
              " user's data, RSS %.1f MB with them (all plugins loaded)"
              % (b, r[b]["flow_live"], r[b]["flow_cross_talk"],
                 r[b]["flow_rss_kb"] / 1024.0))
for b in bots:
    if r[b].get("cross_talk", 0) or r[b].get("missing", 0):
        print("%s: %d replies missing, %d to the wrong chat"
              % (names[b], r[b]["missing"], r[b]["cross_talk"]))
