#!/usr/bin/env python3
"""Splits the execution samples of an ApplyBench recording (bench/apply.sh -Dbench.jfr=true) into the steps of
applying at the center. Mutually exclusive: the first rule matching any frame of a sample's stack takes it.
Usage: bench/jfr-apply.py bench/target/apply/apply.jfr"""
import collections, re, subprocess, sys

RULES = [  # (substring of a frame, category), most specific first
    ("EmbedConnection.commit", "Derby: commit (log flush)"),
    ("JdbcAppealStore.insertAppealRows", "Derby: appeal row (13 indexes)"),
    ("JdbcAppealStore.insertEvent", "Derby: event row"),
    ("JdbcAppealStore.insertInbox", "Derby: inbox row"),
    ("JdbcAppealStore.countReceived", "Derby: peer_link count"),
    ("JdbcAppealStore.applyOne", "Derby: owner/version select, other per row"),
    ("JdbcAppealStore", "store: other (transaction, statements)"),
    ("OnePassReader", "exchange: one pass (parse + validate + map)"),
    ("SchemaCheck.checkProlog", "exchange: prolog check (StAX up to the root)"),
    ("SchemaCheck.validate", "exchange: schema validation (SAX pass)"),
    ("SchemaCheck", "exchange: size check"),
    ("MessageReader", "exchange: StAX pass to records"),
    ("ExchangeGatewayImpl.toReplica", "event payload: Appeal -> JSON (Jackson)"),
    ("ExchangeGatewayImpl", "gateway: other"),
    ("org.apache.derby.", "Derby: background (checkpoint, log writer)"),
]

def main():
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", sys.argv[1]],
                         capture_output=True, text=True, check=True).stdout
    samples = out.split("jdk.ExecutionSample {")[1:]
    c = collections.Counter()
    for s in samples:
        stack = "\n".join(re.findall(r"^\s+([\w$.<>]+)\(", s, re.M))
        hit = next((cat for sub, cat in RULES if sub in stack), "other (bench, GC-free JVM threads, ...)")
        c[hit] += 1
    n = max(1, len(samples))
    print(f"{len(samples)} execution samples (Java code only; JIT, GC and native I/O are not in them)\n")
    print("| where | samples | share |\n| --- | ---: | ---: |")
    for k, v in c.most_common():
        print(f"| {k} | {v} | {100.0 * v / n:.1f} % |")

if __name__ == "__main__":
    main()
