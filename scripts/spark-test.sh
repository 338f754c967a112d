#!/usr/bin/env bash
# Runs examples/spark/newsfacts_spark.py on Spark in local[2] mode and checks that its
# output equals the extract CLI's on the same input, article by article.
#
#   bash scripts/spark-test.sh            (from anywhere in a checkout; CI runs it)
#
# Steps: a Python virtual environment with pyspark (reused when present), the release
# extract binary, a generated corpus of a few thousand articles with some bad lines,
# then two Spark runs, each compared with the CLI (--threads 2) on the same input:
#   1. JSON Lines in, JSON Lines out (timed: articles per second beside the CLI's);
#   2. Parquet in (int64 ids, a DATE column), Parquet out.
# Both runs ship a user gazetteer to the executors. Exits non-zero on any mismatch.
#
# Environment: SPARK_TEST_ARTICLES (default 3000), SPARK_VENV (default
# $TARGET/spark-venv), CARGO_TARGET_DIR (as for cargo). Needs Java 17 or later (installed
# with apt-get when missing and possible) and PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${SPARK_TEST_ARTICLES:-3000}
# Absolute, so that it still holds after a cd (cargo reads a relative one from here).
TARGET=$(realpath -m "${CARGO_TARGET_DIR:-target}")
VENV=${SPARK_VENV:-$TARGET/spark-venv}
WORK=$TARGET/spark-test
BIN=$TARGET/release/examples/extract
# Tested together; pandas < 3 because pyspark warns that it does not fully support 3.x.
PACKAGES=(pyspark==4.3.0 pyarrow==26.0.1 pandas==2.3.3)

now() { date +%s.%N; }
rate() { python3 -c "import sys; n, s = int(sys.argv[1]), float(sys.argv[2]); print(f'{n / s:.0f} articles/s ({n} in {s:.2f} s)')" "$@"; }

echo "== spark-test: Java"
if ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
    else
        echo "spark-test: Java 17 or later is needed (java not found)" >&2
        exit 1
    fi
fi
java -version 2>&1 | sed -n 1p

echo "== spark-test: Python environment ($VENV)"
if ! "$VENV/bin/python" -c 'import pyspark, pyarrow, pandas' >/dev/null 2>&1; then
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    # --no-compile: pyspark is big, and byte-compiling all of it costs more than it saves.
    "$VENV/bin/pip" install --quiet --progress-bar off --no-compile "${PACKAGES[@]}"
fi
"$VENV/bin/python" -c 'import pyspark; print("pyspark", pyspark.__version__)'
# Spark's Python workers must use the same interpreter as the driver.
export PYSPARK_PYTHON="$VENV/bin/python"
export PYSPARK_DRIVER_PYTHON="$VENV/bin/python"
# Everything stays on this machine: bind the driver to the loopback interface.
export SPARK_LOCAL_IP=127.0.0.1

echo "== spark-test: extract binary"
cargo build --release --example extract --quiet

echo "== spark-test: corpus of $ARTICLES articles"
rm -rf "$WORK"
mkdir -p "$WORK"
"$VENV/bin/python" examples/spark/make_corpus.py --articles "$ARTICLES" --seed 9 \
    --output "$WORK/corpus.jsonl" \
    --parquet "$WORK/corpus.parquet" --parquet-twin "$WORK/corpus-parquet.jsonl"
# A user gazetteer, made up for the test: the corpus mentions this exercise, which no
# default gazetteer knows.
printf '# Test gazetteer (made up for scripts/spark-test.sh).\nexercise\tCopper Lantern\t\t\tparticipants=NOR,FIN;service=army\n' \
    > "$WORK/test-exercises.tsv"

# The CLI runs inside $WORK and names the gazetteer by its file name, as the Spark job
# does on its executors, so that the "file" of each mention's source is the same.
run_cli() { # INPUT OUTPUT STDERR
    (cd "$WORK" && "$BIN" --input jsonl --format jsonl --threads 2 \
        --gazetteer test-exercises.tsv "$1" >"$2" 2>"$3") || [ $? = 1 ] # 1: some bad lines
}

run_spark() { # NAME ARGS...
    local name=$1
    shift
    "$VENV/bin/spark-submit" --master 'local[2]' \
        --conf spark.log.level=WARN --conf spark.ui.enabled=false \
        examples/spark/newsfacts_spark.py --binary "$BIN" \
        --gazetteer "$WORK/test-exercises.tsv" --stats "$WORK/$name-stats.json" \
        "$@" >"$WORK/$name.log" 2>&1 || {
        echo "spark-test: the Spark job failed; the end of $WORK/$name.log:" >&2
        tail -40 "$WORK/$name.log" >&2
        exit 1
    }
    grep '^newsfacts_spark:' "$WORK/$name.log"
}

status=0

echo "== spark-test: CLI, --threads 2"
start=$(now)
run_cli corpus.jsonl cli.jsonl cli.err
cli_seconds=$(python3 -c "print($(now) - $start)")

echo "== spark-test: Spark local[2], JSON Lines in and out"
start=$(now)
run_spark jsonl --input "$WORK/corpus.jsonl" --output "$WORK/spark-jsonl" --format jsonl
spark_seconds=$(python3 -c "print($(now) - $start)")
"$VENV/bin/python" examples/spark/compare_outputs.py --input "$WORK/corpus.jsonl" \
    --cli "$WORK/cli.jsonl" --cli-stderr "$WORK/cli.err" --cli-input-name corpus.jsonl \
    --spark "$WORK/spark-jsonl" --format jsonl --expect-entity "Copper Lantern" || status=1

echo "== spark-test: Spark local[2], Parquet in and out"
run_cli corpus-parquet.jsonl cli-parquet.jsonl cli-parquet.err
run_spark parquet --input "$WORK/corpus.parquet" --output "$WORK/spark-parquet" --format parquet
"$VENV/bin/python" examples/spark/compare_outputs.py --input "$WORK/corpus-parquet.jsonl" \
    --cli "$WORK/cli-parquet.jsonl" --cli-stderr "$WORK/cli-parquet.err" \
    --cli-input-name corpus-parquet.jsonl \
    --spark "$WORK/spark-parquet" --format parquet --expect-entity "Copper Lantern" || status=1

echo "== spark-test: throughput on $(grep -c . "$WORK/corpus.jsonl") input lines ($(nproc) cores)"
lines=$(grep -c . "$WORK/corpus.jsonl")
job_seconds=$(python3 -c "import json; print(json.load(open('$WORK/jsonl-stats.json'))['job_seconds'])")
echo "CLI --threads 2:             $(rate "$lines" "$cli_seconds")"
echo "Spark local[2], whole run:   $(rate "$lines" "$spark_seconds") (JVM and session start-up included)"
echo "Spark local[2], job only:    $(rate "$lines" "$job_seconds") (read, shuffle, extract, write)"

if [ $status = 0 ]; then
    echo "spark-test: passed"
else
    echo "spark-test: FAILED (see the FAIL lines above; outputs in $WORK)" >&2
fi
exit $status
