#!/usr/bin/env python3
"""Summarises a JFR recording: hot methods (top frame), hot packages (anywhere on stack), and
contended monitors. Usage: bench/jfr-top.py recording.jfr [N]"""
import collections, json, subprocess, sys

def events(path, name):
    out = subprocess.run(["jfr", "print", "--json", "--events", name, path], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)["recording"]["events"]

def frames(e):
    st = e["values"].get("stackTrace") or {}
    res = []
    for f in st.get("frames", []):
        m = f["method"]
        res.append(m["type"]["name"] + "." + m["name"])
    return res

def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    samples = events(path, "jdk.ExecutionSample")
    print(f"## {len(samples)} execution samples\n")
    top = collections.Counter()
    incl = collections.Counter()
    buckets = collections.Counter()
    rules = [("org.apache.derby", "Derby"), ("com.fasterxml.jackson", "Jackson"), ("org.apache.cxf", "CXF"),
             ("org.eclipse.jetty", "Jetty"), ("org.ops4j.pax.web", "pax-web"), ("org.apache.commons.dbcp2", "dbcp2"),
             ("org.apache.commons.pool2", "dbcp2"), ("ua.gov.nsoz", "NSOZ"), ("org.apache.felix", "Felix/OSGi"),
             ("org.eclipse.osgi", "Felix/OSGi"), ("org.ops4j.pax.logging", "pax-logging"),
             ("org.apache.logging", "pax-logging"), ("sun.security", "JDK security/random"),
             ("java.security", "JDK security/random"), ("java.util.regex", "regex"),
             ("sun.nio", "JDK NIO"), ("java.", "JDK other"), ("jdk.", "JDK other"), ("sun.", "JDK other")]
    for e in samples:
        fr = frames(e)
        if not fr:
            continue
        top[fr[0]] += 1
        for f in set(fr):
            incl[f] += 1
        for prefix, name in rules:
            if fr[0].startswith(prefix):
                buckets[name] += 1
                break
        else:
            buckets["other: " + fr[0].rsplit(".", 2)[0]] += 1
    total = max(1, len(samples))
    print("### Top frame by library\n")
    for k, v in buckets.most_common(n):
        print(f"{v:5d} {100*v/total:5.1f}%  {k}")
    print("\n### Hot methods (top frame)\n")
    for k, v in top.most_common(n):
        print(f"{v:5d} {100*v/total:5.1f}%  {k}")
    print("\n### Methods on stack (inclusive), ua.gov.nsoz / cxf / jackson / derby / dbcp entry points\n")
    for k, v in incl.most_common(400):
        if any(s in k for s in ("ua.gov.nsoz", "JAXRSInvoker", "JacksonJsonProvider.readFrom",
                                  "JacksonJsonProvider.writeTo", "EmbedPreparedStatement.execute",
                                  "EmbedConnection.commit", "EmbedConnection.prepareStatement",
                                  "BasicDataSource.getConnection", "PoolingDataSource.getConnection",
                                  "SecureRandom", "String.format", "JdbcAppealStore")):
            print(f"{v:5d} {100*v/total:5.1f}%  {k}")
    for name in ("jdk.JavaMonitorEnter", "jdk.ThreadPark"):
        evs = events(path, name)
        c = collections.Counter()
        dur = collections.Counter()
        for e in evs:
            fr = frames(e)
            key = " <- ".join(fr[:3]) if fr else "?"
            c[key] += 1
            d = e["values"].get("duration", "PT0S")
            try:
                dur[key] += float(d[2:-1]) if d.startswith("PT") and d.endswith("S") else 0
            except ValueError:
                pass
        print(f"\n### {name}: {len(evs)} events over threshold; by site (count, total seconds)\n")
        for k, v in c.most_common(10):
            print(f"{v:5d} {dur[k]:7.2f}s  {k}")

main()
