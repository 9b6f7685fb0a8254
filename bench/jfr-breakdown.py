#!/usr/bin/env python3
"""Splits a node JFR's execution samples into where a registration's CPU goes. Mutually exclusive:
the first rule (most specific first) matching any frame of a sample's stack takes the sample.
Usage: bench/jfr-breakdown.py recording.jfr"""
import collections, re, subprocess, sys

RULES = [  # (substring of a frame, category), most specific first
    ("org.apache.derby.", "Derby: SQL execution, logging, commit"),
    ("org.apache.commons.dbcp2.", "dbcp2 pool and statement wrappers"),
    ("org.apache.commons.pool2.", "dbcp2 pool and statement wrappers"),
    ("AppealServiceImpl.toJson", "event payload: Appeal -> JSON (Jackson)"),
    ("IntakeRules.", "intake validation (IntakeRules)"),
    ("ua.gov.nsoz.store.", "store code (binding parameters)"),
    ("ua.gov.nsoz.core.internal.Ids", "ids (SecureRandom)"),
    ("ua.gov.nsoz.core.", "appeal service, other"),
    ("ProviderBase.readFrom", "request body: JSON -> DTO (Jackson)"),
    ("ProviderBase.writeTo", "response body: DTO -> JSON (Jackson) and write"),
    ("UriBuilderImpl", "Location header (UriBuilder)"),
    ("ua.gov.nsoz.rest.", "REST resource, other"),
    ("JAXRSInInterceptor", "CXF: request matching and parameters"),
    ("JAXRSOutInterceptor", "CXF: response processing"),
    ("DefaultResourceManager.resolveResource", "CXF: per-request ClassLoader lookup (classpath scan)"),
    ("org.apache.cxf.", "CXF: other (chain, message setup)"),
    ("org.ops4j.pax.web.", "Jetty + pax-web: HTTP parsing, dispatch, I/O"),
    ("org.eclipse.jetty.", "Jetty + pax-web: HTTP parsing, dispatch, I/O"),
]

def main():
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", sys.argv[1]],
                         capture_output=True, text=True, check=True).stdout
    samples = out.split("jdk.ExecutionSample {")[1:]
    c = collections.Counter()
    for s in samples:
        stack = "\n".join(re.findall(r"^\s+([\w$.<>]+)\(", s, re.M))
        hit = next((cat for sub, cat in RULES if sub in stack), "other threads (selector, timers, logging, ...)")
        c[hit] += 1
    n = max(1, len(samples))
    print(f"{len(samples)} execution samples (Java code only; JIT, GC and native I/O are not in them)\n")
    print("| where | samples | share |\n| --- | ---: | ---: |")
    for k, v in c.most_common():
        print(f"| {k} | {v} | {100 * v / n:.0f} % |")

main()
