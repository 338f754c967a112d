#!/usr/bin/env python3
"""Checks the Spark job's output against the extract CLI's, article by article.

Used by scripts/spark-test.sh. The CLI's `--format jsonl` output (one line per good
article) and its stderr (one message per bad line) are the reference; the Spark output
must hold one record per input line, the same document for every good article (compared
as parsed JSON), and an error record for every line the CLI rejected.

    python3 compare_outputs.py --input corpus.jsonl --cli cli.jsonl --cli-stderr cli.err \
        --spark spark-out --format jsonl [--expect-entity "Copper Lantern"]

Prints one line per failed check and a closing "N passed, N failed" line; exits 1 when
any check failed.
"""

import argparse
import glob
import json
import os
import re
import sys


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, message):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {message}")
        return ok


def read_input(path):
    """The non-blank input lines, by 1-based line number (as the CLI numbers them)."""
    lines = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                lines[number] = line.rstrip("\n")
    return lines


def read_cli(path, stderr_path, input_name):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            docs[doc["id"]] = (doc, line.rstrip("\n"))
    errors, warnings = {}, {}
    pattern = re.compile(r"^extract: (warning: )?" + re.escape(input_name) + r":(\d+): (.*)$")
    with open(stderr_path, encoding="utf-8") as f:
        for line in f:
            m = pattern.match(line.rstrip("\n"))
            if m:
                (warnings if m.group(1) else errors)[int(m.group(2))] = m.group(3)
    return docs, errors, warnings


def read_spark(path, fmt):
    """Spark records as dicts shaped like the CLI's documents (plus error/warning)."""
    records = []
    if fmt == "jsonl":
        for part in sorted(glob.glob(os.path.join(path, "part-*"))):
            with open(part, encoding="utf-8") as f:
                for line in f:
                    records.append((json.loads(line), line.rstrip("\n")))
        return records
    import pyarrow.parquet as pq

    for row in pq.read_table(path).to_pylist():
        if row["error"] is not None:
            record = {"id": row["id"], "error": row["error"]}
        else:
            record = {"id": row["id"], "document_date": row["document_date"],
                      "entities": json.loads(row["entities"]),
                      "facts": json.loads(row["facts"])}
            if row["warning"] is not None:
                record["warning"] = row["warning"]
        records.append((record, None))
    return records


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True, help="the JSON Lines corpus both ran on")
    parser.add_argument("--cli", required=True)
    parser.add_argument("--cli-stderr", required=True)
    parser.add_argument("--cli-input-name", default=None,
                        help="how the CLI named the input in its messages (default: --input "
                             "as given)")
    parser.add_argument("--spark", required=True, help="the Spark output folder")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument("--expect-entity", action="append", default=[],
                        help="an entity name that must appear in some document (shows that "
                             "a user gazetteer reached the executors)")
    args = parser.parse_args()
    checks = Checks()

    lines = read_input(args.input)
    cli, cli_errors, cli_warnings = read_cli(args.cli, args.cli_stderr,
                                             args.cli_input_name or args.input)
    spark = read_spark(args.spark, args.format)
    label = f"spark {args.format}"

    # Nothing dropped: one record per input line (for Parquet input, one per row).
    checks.check(len(spark) == len(lines),
                 f"{label}: {len(spark)} records for {len(lines)} input lines")
    # Every input line is either a CLI document or a CLI error.
    checks.check(len(cli) + len(cli_errors) == len(lines),
                 f"cli: {len(cli)} documents + {len(cli_errors)} errors for {len(lines)} lines")

    good, failed = {}, []
    for record, raw in spark:
        if "error" in record:
            failed.append(record)
        elif checks.check(record["id"] not in good, f"{label}: id {record['id']!r} twice"):
            good[record["id"]] = (record, raw)

    # The same documents, article by article.
    only_spark = sorted(map(repr, set(good) - set(cli)))[:5]
    only_cli = sorted(map(repr, set(cli) - set(good)))[:5]
    checks.check(set(good) == set(cli),
                 f"{label}: ids differ from the CLI's: only in spark {only_spark}, "
                 f"only in cli {only_cli}")
    same = identical = 0
    for ident, (doc, raw) in cli.items():
        if ident not in good:
            continue
        record, spark_raw = good[ident]
        record = dict(record)
        record.pop("warning", None)
        if checks.check(record == doc, f"{label}: document {ident!r} differs from the CLI's"):
            same += 1
        # Byte-for-byte too (JSON Lines output only): the job splices the id back into
        # the CLI's own line, so the lines should be identical but for "warning".
        if spark_raw is not None:
            stripped = re.sub(r',"warning":"(?:[^"\\]|\\.)*"\}$', "}", spark_raw)
            identical += stripped == raw
    if args.format == "jsonl":
        checks.check(identical == len(cli),
                     f"{label}: {len(cli) - identical} lines not byte-identical to the CLI's")

    # An error record for every line the CLI rejected: matched by id when the line has
    # one, else (not JSON) by the line's text in the error.
    by_id = {r["id"]: r for r in failed if r["id"] is not None}
    anonymous = [r for r in failed if r["id"] is None]
    checks.check(len(failed) == len(cli_errors),
                 f"{label}: {len(failed)} error records, the CLI rejected {len(cli_errors)} lines")
    for number, message in sorted(cli_errors.items()):
        line = lines[number]
        try:
            ident = json.loads(line).get("id")
        except ValueError:
            ident = None
        if ident is not None:
            record = by_id.get(ident)
            checks.check(record is not None and record["error"],
                         f"{label}: no error record for line {number} ({ident!r}: {message})")
        else:
            hit = [r for r in anonymous if line[:50] in r["error"]]
            checks.check(len(hit) == 1,
                         f"{label}: no error record naming line {number} ({line[:40]!r})")

    # Warnings reach the record of their article.
    for number, message in sorted(cli_warnings.items()):
        ident = json.loads(lines[number]).get("id")
        record = good.get(ident, ({}, None))[0]
        checks.check(message in (record.get("warning") or ""),
                     f"{label}: warning of line {number} ({message}) missing from {ident!r}")

    for name in args.expect_entity:
        found = any(e.get("name") == name for record, _ in good.values()
                    for e in record.get("entities", []))
        checks.check(found, f"{label}: no document has an entity named {name!r}")

    print(f"{label}: {len(spark)} records, {same} documents equal to the CLI's, "
          f"{len(failed)} error records, {len(cli_warnings)} warnings checked")
    print(f"compare: {checks.passed} passed, {checks.failed} failed")
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
