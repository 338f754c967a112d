#!/usr/bin/env python3
"""Runs newsfacts over an archive of articles on Apache Spark.

    spark-submit examples/spark/newsfacts_spark.py \
        --input articles.jsonl --output facts --format jsonl \
        --binary target/release/examples/extract

Input: JSON Lines or Parquet with the columns `id`, `text` and an optional `date`
(YYYY-MM-DD). Output, one record per input article, never fewer:
  --format jsonl    a folder of part files, one JSON document per line: the extract CLI's
                    own `--format jsonl` line (id, document_date, entities, facts), plus
                    "warning" when the CLI warned about the article; a failed article is
                    {"id": ..., "error": "reason"}.
  --format parquet  columns id, document_date, entities (JSON text), facts (JSON text),
                    error, warning; error is null for a good article, and the three
                    document columns are null for a failed one.

The work is done by the unchanged `extract` binary, one process per Spark task, fed
through a pipe; Spark does all the scheduling, retrying and placement. See README.md
beside this file for running it on a cluster.
"""

import argparse
import collections
import json
import os
import re
import selectors
import subprocess
import sys
import threading
import time

STARTED = time.monotonic()

# Why mapInArrow over a subprocess, rather than RDD.pipe:
#  - RDD.pipe does not capture the child's stderr, and its only choices on a non-zero exit
#    are "ignore it" or "fail the task". The CLI reports a bad article on stderr, by line
#    number, and exits 1 at the end while still writing every other article: with
#    RDD.pipe the reason would be lost, or one bad article would fail its whole
#    partition (and, after Spark's retries, the job). Here stdout and stderr are read
#    side by side and every article is accounted for.
#  - mapInArrow (the Arrow twin of mapInPandas; both need pyarrow and pandas on the
#    executors) hands us columnar batches straight from the DataFrame and keeps the
#    declared output schema (Parquet gets real columns). It was preferred to mapInPandas
#    because pandas would turn a nullable integer `id` column into floats (7 -> 7.0),
#    and the ids must come back exactly as they went in.

# The protocol with the CLI, in one place:
#  - we write one line per article to its stdin. A JSON Lines input line goes as it is,
#    so the CLI alone decides what a valid article is, exactly as when it reads the file
#    itself. A Parquet row goes as {"id": SEQ, "text": ..., "date": ...}, SEQ being its
#    position in this process's input; its real id (of any type) stays on our side.
#    Article SEQ is line SEQ+1 of the CLI's standard input;
#  - the CLI writes one line per good article, in input order;
#  - for a bad line it writes nothing on stdout and "extract: standard input:N: reason"
#    on stderr, *before* it writes the next document; warnings ("extract: warning:
#    standard input:N: ...") come before the article's own document.
#  So when a document arrives, the oldest unanswered articles that have an error message
#  were rejected, and the next one is this document's article; reading stderr after
#  stdout and before handling what stdout said guarantees those messages are in hand.
#  Nothing is buffered beyond what the pipes hold.
MESSAGE = re.compile(r"^extract: (warning: )?standard input:(\d+): (.*)$")


# ---------------------------------------------------------------------------------------
# Driver side: options, inputs, shipping the binary and gazetteers


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Extract entities and facts from an archive of articles on Spark.")
    parser.add_argument("--input", required=True,
                        help="JSON Lines or Parquet file or folder (any path Spark reads: "
                             "hdfs://, s3a://...)")
    parser.add_argument("--input-format", choices=["auto", "jsonl", "parquet"], default="auto",
                        help="auto: parquet when the path ends in .parquet or the folder holds "
                             ".parquet files, else jsonl")
    parser.add_argument("--output", required=True, help="output folder")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl",
                        help="output format (default jsonl)")
    parser.add_argument("--binary", default="target/release/examples/extract",
                        help="the extract binary: a file on the driver (shipped to the "
                             "executors), a URI Spark can fetch (hdfs://, s3a://...), a name "
                             "shipped with spark-submit --files, or local:/PATH present on "
                             "every node")
    parser.add_argument("--gazetteer", action="append", default=[], metavar="FILE",
                        help="a user gazetteer, located like --binary (repeatable)")
    parser.add_argument("--no-default-gazetteers", action="store_true",
                        help="use only the --gazetteer files")
    parser.add_argument("--threads-per-executor", type=int, default=None, metavar="N",
                        help="extract threads per Spark task; default spark.task.cpus. Give "
                             "N = spark.task.cpus = spark.executor.cores for one N-thread "
                             "extract per executor (see README.md)")
    parser.add_argument("--partitions", type=int, default=None,
                        help="repartition the input to this many partitions; by default the "
                             "input is repartitioned only when it has fewer partitions than "
                             "there are task slots")
    parser.add_argument("--stall-timeout", type=float, default=600.0, metavar="SECONDS",
                        help="kill an extract process that has articles in hand but writes "
                             "nothing for this long; its articles are then run one by one, "
                             "and one that hangs alone becomes an error row")
    parser.add_argument("--overwrite", action="store_true", help="replace the output folder")
    parser.add_argument("--stats", metavar="FILE",
                        help="also write counts and timings as JSON to this local file")
    args = parser.parse_args(argv)
    if args.threads_per_executor is not None and args.threads_per_executor < 1:
        parser.error("--threads-per-executor must be 1 or more")
    return args


def locate(sc, path, shipped_names):
    """Decides how executors will find a file named on the command line.

    Returns ("node", path) for a file already on every node, or ("shipped", name) for a
    file Spark copies into each executor's SparkFiles folder.
    """
    if path.startswith("local:"):
        # Spark's own convention (as for jars): local:/path is present on every node.
        return ("node", path[len("local:"):])
    has_scheme = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", path) is not None
    name = os.path.basename(path.rstrip("/"))
    if name in shipped_names and shipped_names[name] != path:
        # SparkFiles is one flat folder: two files with one name would overwrite each other.
        sys.exit(f"newsfacts_spark: {path} and {shipped_names[name]} have the same file "
                 "name; rename one")
    shipped_names[name] = path
    if has_scheme or os.path.isfile(path):
        sc.addFile(path if has_scheme else os.path.abspath(path))
    # Otherwise it is not on the driver: it must have come with spark-submit --files,
    # which puts it in the same SparkFiles folder under its file name.
    return ("shipped", name)


def check_binary_on_driver(args, command):
    """Fails fast on a bad binary or gazetteer when the driver can run the binary itself."""
    binary = args.binary[len("local:"):] if args.binary.startswith("local:") else args.binary
    if not os.path.isfile(binary):
        return
    gazetteers = []
    for g in args.gazetteer:
        g = g[len("local:"):] if g.startswith("local:") else g
        if not os.path.isfile(g):
            return  # not checkable here
        gazetteers += ["--gazetteer", g]
    probe = [binary] + command + gazetteers + ["-"]
    try:
        done = subprocess.run(probe, input=b"", capture_output=True, timeout=120)
    except OSError as e:
        # e.g. a Linux binary on a Mac driver: the executors may still run it.
        print(f"newsfacts_spark: note: cannot run {binary} on the driver ({e}); "
              "the executors will try", file=sys.stderr)
        return
    if done.returncode != 0:
        sys.exit(f"newsfacts_spark: {binary} fails on the driver (status {done.returncode}):\n"
                 + done.stderr.decode("utf-8", "replace"))


def read_articles(spark, args):
    """The input as a DataFrame (id, text, date as ISO text, line): `line` holds a raw
    JSON Lines line, or the other three columns hold a Parquet row."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    kind = args.input_format
    if kind == "auto":
        path = args.input.rstrip("/")
        is_parquet = path.endswith(".parquet") or (
            os.path.isdir(path) and any(n.endswith(".parquet") for n in os.listdir(path)))
        kind = "parquet" if is_parquet else "jsonl"

    if kind == "jsonl":
        # Read as text, not with Spark's JSON reader: each line goes to the CLI as it
        # is, so the job accepts exactly the lines the CLI accepts, ids keep their JSON
        # type, and no pass over the archive is spent inferring a schema.
        lines = spark.read.text(args.input)
        none = F.lit(None).cast("string")
        return lines.select(none.alias("id"), none.alias("text"), none.alias("date"),
                            F.col("value").alias("line"))

    df = spark.read.parquet(args.input)
    columns = {f.name: f.dataType for f in df.schema.fields}
    missing = [c for c in ("id", "text") if c not in columns]
    if missing:
        sys.exit(f"newsfacts_spark: {args.input} has no column {', '.join(missing)} "
                 f"(it has {', '.join(columns)})")
    text = F.col("text")
    if not isinstance(columns["text"], T.StringType):
        text = text.cast("string")
    # The CLI wants YYYY-MM-DD: a DATE column casts to exactly that; a timestamp is
    # first cut to its date (in the session time zone). TIMESTAMP_NTZ is Spark 3.4+.
    timestamp_types = (T.TimestampType, getattr(T, "TimestampNTZType", T.TimestampType))
    if "date" not in columns:
        date = F.lit(None).cast("string")
    elif isinstance(columns["date"], timestamp_types):
        date = F.to_date("date").cast("string")
    else:
        date = F.col("date").cast("string")
    return df.select(F.col("id"), text.alias("text"), date.alias("date"),
                     F.lit(None).cast("string").alias("line"))


def output_schema(id_type, fmt):
    from pyspark.sql import types as T

    if fmt == "jsonl":
        return T.StructType([T.StructField("value", T.StringType())])
    return T.StructType([
        T.StructField("id", id_type),
        T.StructField("document_date", T.StringType()),
        T.StructField("entities", T.StringType()),
        T.StructField("facts", T.StringType()),
        T.StructField("error", T.StringType()),
        T.StructField("warning", T.StringType()),
    ])


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)

    # Imported here, so that --help works without Spark.
    from pyspark.sql import SparkSession
    from pyspark.sql.pandas.types import to_arrow_schema

    spark = SparkSession.builder.appName("newsfacts").getOrCreate()
    sc = spark.sparkContext
    task_cpus = int(sc.getConf().get("spark.task.cpus", "1"))
    threads = args.threads_per_executor or task_cpus
    if threads > task_cpus:
        print(f"newsfacts_spark: note: {threads} extract threads per task but "
              f"spark.task.cpus={task_cpus}: executors will run more threads than cores",
              file=sys.stderr)

    # Flags common to every extract process. -q: no progress or summary on stderr, so
    # that stderr carries only per-article messages (and real trouble).
    command = ["--input", "jsonl", "--format", "jsonl", "-q", "--threads", str(threads)]
    if args.no_default_gazetteers:
        command.append("--no-default-gazetteers")
    check_binary_on_driver(args, command)
    shipped = {}
    binary = locate(sc, args.binary, shipped)
    gazetteers = [locate(sc, g, shipped) for g in args.gazetteer]

    articles = read_articles(spark, args)
    slots = max(1, sc.defaultParallelism // task_cpus)
    partitions = articles.rdd.getNumPartitions()
    if args.partitions:
        partitions = args.partitions
        articles = articles.repartition(partitions)
    elif partitions < slots:
        # A small file is one partition, which would keep all but one core idle.
        partitions = slots
        articles = articles.repartition(partitions)

    id_type = articles.schema["id"].dataType
    schema = output_schema(id_type, args.format)
    try:
        arrow_schema = to_arrow_schema(schema, timezone="UTC")
    except TypeError:  # Spark 3.x takes no time zone here
        arrow_schema = to_arrow_schema(schema)
    # Counted by the tasks; a task that Spark retries counts twice, so these are for the
    # summary line, not for bookkeeping (the output itself is exact).
    counters = {name: sc.accumulator(0) for name in ("articles", "errors", "warnings")}
    settings = {
        "binary": binary,
        "gazetteers": gazetteers,
        "command": command,
        "stall_timeout": args.stall_timeout,
    }

    fmt = args.format

    def run(batches):  # runs in the executors' Python workers, once per partition
        return arrow_batches(partition_results(batches, settings), fmt, arrow_schema, counters)

    results = articles.mapInArrow(run, schema)
    writer = results.write.mode("overwrite" if args.overwrite else "errorifexists")
    job_start = time.monotonic()
    if args.format == "jsonl":
        writer.text(args.output)
    else:
        writer.parquet(args.output)
    job_seconds = time.monotonic() - job_start

    stats = {name: acc.value for name, acc in counters.items()}
    stats["job_seconds"] = round(job_seconds, 3)
    stats["startup_seconds"] = round(job_start - STARTED, 3)
    stats["articles_per_second"] = round(stats["articles"] / max(job_seconds, 1e-9), 1)
    stats["threads_per_task"] = threads
    stats["partitions"] = partitions
    print(f"newsfacts_spark: {stats['articles']} articles ({stats['errors']} errors, "
          f"{stats['warnings']} warnings) in {job_seconds:.2f} s = "
          f"{stats['articles_per_second']:.0f} articles/s, after {stats['startup_seconds']:.1f} s "
          f"of start-up; {stats['partitions']} partitions, {threads} extract thread(s) each")
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump(stats, f, indent=1)
    spark.stop()


# ---------------------------------------------------------------------------------------
# Executor side: one Spark task's partition through one (or, after a crash, a few)
# extract processes.


def executable(location):
    """The local path of a located file, on this executor."""
    from pyspark import SparkFiles

    kind, path = location
    if kind == "node":
        if not os.path.isfile(path):
            raise FileNotFoundError(f"local:{path} is not on this node")
        return path
    local = SparkFiles.get(path)
    if not os.path.isfile(local):
        raise FileNotFoundError(
            f"{path} was not shipped to this executor: give a path on the driver, "
            "spark-submit --files, or local:/PATH present on every node")
    return local


def extract_argv(settings):
    """The command line, and the folder to run it in."""
    from pyspark import SparkFiles

    binary = executable(settings["binary"])
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)  # some file systems drop the executable bit in transit
    argv = [binary] + settings["command"]
    for location in settings["gazetteers"]:
        executable(location)  # fails clearly when missing
        # Run inside the SparkFiles folder and name shipped gazetteers by file name, so
        # the "file" that each mention's source names is the same on every executor
        # (e.g. "my-people.tsv", not a temporary folder that changes per executor).
        argv += ["--gazetteer", location[1]]
    argv.append("-")
    return argv, SparkFiles.getRootDirectory()


def input_rows(batches):
    """(id, text, date, line) for every article of the partition's Arrow batches."""
    for batch in batches:
        columns = [batch.column(name).to_pylist() for name in ("id", "text", "date", "line")]
        yield from zip(*columns)


def partition_results(batches, settings):
    """(id, cli_line | None, error | None, warning | None) for every article of a
    partition, one each, in input order except that failures may come a little late.
    A document's id is None when only its line knows it (JSON Lines input).

    Normally one extract process takes the whole partition. If it dies (killed for
    memory, a crash) or hangs, the articles it had in hand get no output, and which of
    them caused it cannot be told from outside (finished documents may still have sat
    in its output buffer). So each of them is run again alone, in a process of its own:
    an article that kills the binary by itself becomes an error row, the others get
    their documents. Then a fresh process goes on with the rest of the partition.
    """
    rows = input_rows(batches)
    crashed_alone = 0
    while True:
        run = ExtractRun(settings, rows)
        yield from run.results()
        for row in run.lost:
            alone = ExtractRun(settings, iter([row]))
            results = list(alone.results())
            if alone.lost:
                # Several articles in a row that crash the binary on their own point to
                # the binary or the node, not the articles: fail the task, and let
                # Spark retry it (elsewhere) or fail the job with this message.
                crashed_alone += 1
                if crashed_alone >= 5:
                    raise RuntimeError("extract crashes on article after article: "
                                       + alone.death())
                yield failure(row, "run alone on this article, " + alone.death())
            else:
                crashed_alone = 0
                yield from results
        if run.input_done:
            return
        rows = _chain([run.carry] if run.carry is not None else [], rows)


class ExtractRun:
    """One extract process: a feeder thread writes articles to its stdin, while
    results() reads stdout and stderr side by side and attributes every line.

    After results() is exhausted: `lost` holds the rows the process took but neither
    wrote nor rejected (it died or hung), `input_done` tells whether every row of the
    input was handed over, and `carry` is a row taken from the input but never handed
    over (the process was gone).
    """

    def __init__(self, settings, rows):
        argv, cwd = extract_argv(settings)
        self.settings = settings
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # (seq, row) of each article written to the CLI and not yet accounted for; the
        # feeder appends, results() pops from the left (both are atomic on a deque). It
        # holds only what sits in the pipes and the CLI's bounded window.
        self.sent = collections.deque()
        # Articles the CLI skipped (a reason on stderr), found while reading its output.
        self.skipped = collections.deque()
        self.errors = {}      # seq -> the CLI's reason for failing it
        self.warnings = {}    # seq -> [warnings]
        self.other = collections.deque(maxlen=20)  # other stderr lines (crash reports)
        self.lost = []
        self.status = None
        self.input_done = False
        self.carry = None
        self.feeder_error = None
        self.feeder_state = "reading"  # reading (waiting on Spark), writing, done
        self.killed_reason = None
        self.feeder = threading.Thread(target=self._feed, args=(rows,), daemon=True)
        self.feeder.start()

    # -- writing

    def _feed(self, rows):
        seq = 0
        pipe = self.proc.stdin
        try:
            for row in rows:
                ident, text, date, raw = row
                if raw is not None:
                    if not raw.strip(" \t\n\x0c\r"):  # Rust's is_ascii_whitespace
                        continue  # a blank line is no article (the CLI skips them too)
                    line = (raw + "\n").encode("utf-8")
                else:
                    record = {"id": seq, "text": text}
                    if date is not None:
                        record["date"] = date
                    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
                self.sent.append((seq, row))
                self.feeder_state = "writing"
                try:
                    # Flushed line by line: an article must not wait in our buffer while
                    # the feeder waits for Spark's next batch.
                    pipe.write(line)
                    pipe.flush()
                except OSError:  # BrokenPipeError: the process is gone
                    self.sent.pop()
                    self.carry = row
                    return
                self.feeder_state = "reading"
                seq += 1
            self.input_done = True
        except BaseException as e:  # e.g. the task was cancelled while reading input
            self.feeder_error = e
        finally:
            self.feeder_state = "done"
            try:
                pipe.close()
            except OSError:
                pass

    # -- reading

    def results(self):
        try:
            yield from self._results()
        finally:
            # Also when Spark stops reading (a cancelled task): leave no process behind.
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()

    def _results(self):
        out_fd = self.proc.stdout.fileno()
        err_fd = self.proc.stderr.fileno()
        os.set_blocking(out_fd, False)
        os.set_blocking(err_fd, False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(out_fd, selectors.EVENT_READ)
        self._selector.register(err_fd, selectors.EVENT_READ)
        self._open = {out_fd, err_fd}
        self._err_buffer = b""
        pieces = []  # stdout read since the last complete line
        last_progress = time.monotonic()
        while out_fd in self._open:
            events = self._selector.select(timeout=1.0)
            chunk = b""
            if any(key.fd == out_fd for key, _ in events):
                chunk = self._read(out_fd)
            # Read stderr *after* stdout and before handling what stdout said: the CLI
            # writes every message about an article before the document that follows
            # it, so the messages are in the pipe by now.
            self._drain_stderr(err_fd)
            now = time.monotonic()
            if chunk or self.feeder_state == "reading":
                last_progress = now
            if b"\n" in chunk:
                # Joined only when a line is complete: a document of megabytes comes in
                # many chunks, and must not be rescanned at each one.
                *lines, rest = (b"".join(pieces) + chunk).split(b"\n")
                pieces = [rest]
                for line in lines:
                    if line:
                        yield self._document(line)
            elif chunk:
                pieces.append(chunk)
            yield from self._failures()
            if (self.killed_reason is None and self.sent
                    and now - last_progress > self.settings["stall_timeout"]):
                # Articles in hand, nothing written, nothing more to read: a hang.
                self.killed_reason = (f"extract wrote nothing for "
                                      f"{self.settings['stall_timeout']:.0f} s and was stopped "
                                      "(--stall-timeout)")
                self.proc.kill()
        while err_fd in self._open:  # stdout is closed; the rest of stderr
            self._selector.select(timeout=1.0)
            self._drain_stderr(err_fd)
        self.status = self.proc.wait()
        self.feeder.join()
        if self.feeder_error is not None:
            raise self.feeder_error
        if self.status == 2:
            # Usage or gazetteer error: the setup is wrong, not an article. Fail the task.
            raise RuntimeError(f"extract {' '.join(self.proc.args[1:])} failed: "
                               + self.stderr_tail())
        yield from self._failures()
        # Articles the CLI took but wrote nothing for: rejected with a reason at the very
        # end, or lost when the process died.
        while self.sent:
            seq, row = self.sent.popleft()
            reason = self.errors.pop(seq, None)
            if reason is not None:
                yield failure(row, reason)
            else:
                self.lost.append(row)

    def _read(self, fd):
        try:
            chunk = os.read(fd, 1 << 16)
        except BlockingIOError:
            return b""
        if not chunk:
            self._selector.unregister(fd)
            self._open.discard(fd)
        return chunk

    def _drain_stderr(self, fd):
        while fd in self._open:
            chunk = self._read(fd)
            if not chunk:
                break
            self._err_buffer += chunk
        *lines, self._err_buffer = self._err_buffer.split(b"\n")
        if fd not in self._open and self._err_buffer:
            lines.append(self._err_buffer)
            self._err_buffer = b""
        for raw in lines:
            line = raw.decode("utf-8", "replace")
            match = MESSAGE.match(line)
            if match is None:
                if line.strip():
                    self.other.append(line)
                continue
            seq = int(match.group(2)) - 1
            if match.group(1):
                self.warnings.setdefault(seq, []).append(match.group(3))
            else:
                self.errors[seq] = match.group(3)

    def _document(self, line):
        """One stdout line: the oldest articles with an error message before it were
        rejected; the next one is this line's article."""
        while self.sent and self.sent[0][0] in self.errors:
            seq, row = self.sent.popleft()
            self.skipped.append(failure(row, self.errors.pop(seq)))
        if not self.sent:
            raise RuntimeError("extract wrote more documents than it was given: "
                               f"{line[:200]!r}")
        seq, row = self.sent.popleft()
        warnings = self.warnings.pop(seq, None)
        warning = "; ".join(warnings) if warnings else None
        ident, _, _, raw = row
        if raw is None:
            # A Parquet row: we sent SEQ as the id. Check it, and put the real id back.
            sent_id = b'{"id":%d,' % seq
            if not line.startswith(sent_id):
                raise RuntimeError(f"extract answered article {seq} with {line[:200]!r}")
            return (ident, b'{"id":' + _json(ident).encode() + line[len(sent_id) - 1:],
                    None, warning)
        # A JSON Lines line: the CLI's document carries the line's own id. A line without
        # one gets "standard input:N" from the CLI, meaningless here: make it null.
        invented = b'{"id":"standard input:%d",' % (seq + 1)
        if line.startswith(invented):
            line = b'{"id":null' + line[len(invented) - 1:]
        return (None, line, None, warning)

    def _failures(self):
        while self.skipped:
            yield self.skipped.popleft()

    def death(self):
        """How the process ended, for an error row."""
        if self.killed_reason:
            return self.killed_reason
        return f"extract ended with {describe(self.status)}; stderr: {self.stderr_tail()}"

    def stderr_tail(self):
        return " | ".join(self.other) or "(empty)"


def failure(row, reason):
    """The result for an article that got no document: its id, and the reason."""
    ident, _, _, raw = row
    if raw is None:
        return (ident, None, reason, None)
    # A JSON Lines line: the id is in the line, if the line is a JSON object at all.
    try:
        record = json.loads(raw)
        ident = record.get("id") if isinstance(record, dict) else None
    except ValueError:
        ident = None
    if ident is None:
        # Nothing to find the line by: quote its start.
        reason += f" (line: {raw[:200]}{'...' if len(raw) > 200 else ''})"
    return (ident, None, reason, None)


def describe(status):
    if status < 0:
        return f"signal {-status}"
    return f"exit status {status}"


def _chain(first, rest):
    yield from first
    yield from rest


# ---------------------------------------------------------------------------------------
# Executor side: results to Arrow batches


def _json(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def arrow_batches(results, fmt, arrow_schema, counters, max_rows=2000, max_bytes=16 << 20):
    """Groups result rows into Arrow record batches of the declared schema."""
    import pyarrow as pa

    # JSON Lines input gives a text id column, whatever JSON type each id has.
    text_ids = pa.types.is_string(arrow_schema.field(0).type) or pa.types.is_large_string(
        arrow_schema.field(0).type)
    columns = [[] for _ in arrow_schema]
    size = 0
    counts = {"articles": 0, "errors": 0, "warnings": 0}
    for ident, line, error, warning in results:
        counts["articles"] += 1
        counts["errors"] += error is not None
        counts["warnings"] += warning is not None
        if fmt == "jsonl":
            if error is not None:
                out = _json({"id": ident, "error": error})
            else:
                # The CLI's own line, and the warning, if any, as one more field.
                out = line.decode("utf-8")
                if warning is not None:
                    out = out[:-1] + ',"warning":' + _json(warning) + "}"
            columns[0].append(out)
            size += len(out)
        else:
            if error is not None:
                row = [ident, None, None, None, error, None]
            else:
                doc = json.loads(line)
                row = [doc.get("id") if ident is None else ident, doc.get("document_date"),
                       _json(doc.get("entities")), _json(doc.get("facts")), None, warning]
                size += len(line)
            if text_ids and row[0] is not None and not isinstance(row[0], str):
                row[0] = _json(row[0])
            for column, value in zip(columns, row):
                column.append(value)
        if len(columns[0]) >= max_rows or size >= max_bytes:
            yield pa.RecordBatch.from_arrays(
                [pa.array(c, type=f.type) for c, f in zip(columns, arrow_schema)],
                schema=arrow_schema)
            columns = [[] for _ in arrow_schema]
            size = 0
    if columns[0]:
        yield pa.RecordBatch.from_arrays(
            [pa.array(c, type=f.type) for c, f in zip(columns, arrow_schema)],
            schema=arrow_schema)
    for name, value in counts.items():
        counters[name].add(value)


if __name__ == "__main__":
    main()
