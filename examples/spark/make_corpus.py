#!/usr/bin/env python3
"""Writes a deterministic corpus of short defence-news articles as JSON Lines.

Used by scripts/spark-test.sh to compare the Spark job with the extract CLI; the text is
assembled from sentence templates written for this test, filled with public office
holders, countries, places, dates and exercise names (facts, not copied prose). Nothing
here is a real article.

    python3 examples/spark/make_corpus.py --articles 3000 --seed 9 --output corpus.jsonl

Each line is {"id", "text", "date"}. A handful of deliberately bad lines are mixed in,
at fixed positions, so that the job's error column is exercised (their ids start with
"bad-"; one line is not JSON at all):
  - a line with no "text", and one whose "text" is null (the CLI rejects both);
  - a line that is not JSON;
  - a line whose "date" is not a date (still extracted, with a warning);
  - an article whose text is empty (valid: a document with nothing in it).
The same seed always gives the same bytes (no dict-order or clock dependence).

With --parquet OUT --parquet-twin OUT2 it also writes the same articles as Parquet
(needs pyarrow), typed as an archive would be: `id` int64 (the number in the JSON id;
bad lines get 900000 + their position), `text` string, `date` DATE (null where the JSON
date is missing or not a real date); the line that is not JSON is left out, as no
Parquet row can hold it. OUT2 is the same rows again as JSON Lines, for the CLI.
"""

import argparse
import datetime
import json
import random

# (name, role as the press writes it, demonym of the country). Public office holders.
PEOPLE = [
    ("Rajnath Singh", "Defence Minister", "Indian"),
    ("Lloyd Austin", "Defense Secretary", "American"),
    ("Pete Hegseth", "Defense Secretary", "American"),
    ("Richard Marles", "Defence Minister", "Australian"),
    ("Phan Van Giang", "Defence Minister", "Vietnamese"),
    ("Nurlan Yermekbayev", "Defence Minister", "Kazakh"),
    ("Boris Pistorius", "Defence Minister", "German"),
    ("Grant Shapps", "Defence Secretary", "British"),
    ("Gen Nakatani", "Defense Minister", "Japanese"),
    ("Minoru Kihara", "Defense Minister", "Japanese"),
    ("Prabowo Subianto", "Defence Minister", "Indonesian"),
    ("Shin Won-sik", "Defense Minister", "South Korean"),
    ("Gilberto Teodoro", "Defense Secretary", "Philippine"),
    ("Ng Eng Hen", "Defence Minister", "Singaporean"),
    ("Rustem Umerov", "Defence Minister", "Ukrainian"),
    # Non-ASCII on purpose: byte offsets must agree between Spark and the CLI.
    ("Władysław Kosiniak-Kamysz", "Defence Minister", "Polish"),
    ("Hakan Fidan", "Foreign Minister", "Turkish"),
    ("S. Jaishankar", "External Affairs Minister", "Indian"),
    ("Penny Wong", "Foreign Minister", "Australian"),
    ("Guido Crosetto", "Defence Minister", "Italian"),
    ("Bjørn Arild Gram", "Defence Minister", "Norwegian"),
    ("Khawaja Asif", "Defence Minister", "Pakistani"),
    ("Andrei Belousov", "Defence Minister", "Russian"),
    ("Dong Jun", "Defence Minister", "Chinese"),
]

# Officers with invented names: found through their rank and title, not a gazetteer.
OFFICERS = [
    ("Lieutenant General", "Arvind Kohli", "Indian"),
    ("Major General", "Tomasz Wilk", "Polish"),
    ("Rear Admiral", "Helen Carver", "Australian"),
    ("Brigadier", "Samir Qadri", "Pakistani"),
    ("Colonel", "Ingrid Solheim", "Norwegian"),
    ("Air Marshal", "Dev Raghunathan", "Indian"),
    ("Vice Admiral", "Kenji Morita", "Japanese"),
    ("General", "Dmitri Orlov", "Russian"),
]

# (exercise, demonyms of the participants, where it is usually held)
EXERCISES = [
    ("KAZIND", ["Indian", "Kazakh"], "Astana"),
    ("Yudh Abhyas", ["Indian", "American"], "Rajasthan"),
    ("Malabar", ["Indian", "Japanese", "Australian", "American"], "Darwin"),
    ("Talisman Sabre", ["Australian", "American"], "Darwin"),
    ("Balikatan", ["Philippine", "American"], "Manila"),
    ("Cold Response", ["Norwegian", "British"], "Oslo"),
    ("Dharma Guardian", ["Indian", "Japanese"], "Tokyo"),
    ("Garuda Shield", ["Indonesian", "American"], "Jakarta"),
    ("Pitch Black", ["Australian", "Singaporean"], "Darwin"),
    ("Vinbax", ["Vietnamese", "Indian"], "Hanoi"),
    # Invented: known only through the test's own gazetteer, which must reach Spark's
    # executors for this name to be found.
    ("Copper Lantern", ["Norwegian", "Finnish"], "Oslo"),
]

PLACES = ["New Delhi", "Hanoi", "Canberra", "Singapore", "Astana", "Brussels", "Vilnius",
          "Manila", "Oslo", "Warsaw", "Tokyo", "Jakarta", "Washington"]

SUBJECTS = ["defence industrial cooperation", "maritime security", "cyber defence",
            "military training", "logistics support", "peacekeeping", "counter-terrorism"]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def when(rng, published):
    """A date phrase relative to the publication date, in one of several press styles."""
    style = rng.randrange(4)
    if style == 0:
        return "on " + rng.choice(WEEKDAYS)
    if style == 1:
        day = published - datetime.timedelta(days=rng.randrange(1, 6))
        return f"on {day.strftime('%B')} {day.day}"
    if style == 2:
        start = published + datetime.timedelta(days=rng.randrange(5, 20))
        end = start + datetime.timedelta(days=rng.randrange(3, 12))
        return f"from {start.strftime('%B')} {start.day} to {end.strftime('%B')} {end.day}"
    return "earlier this week"


def sentence(rng, published):
    """One sentence of a template chosen at random (all templates written for this test)."""
    a, b = rng.sample(PEOPLE, 2)
    place = rng.choice(PLACES)
    kind = rng.randrange(8)
    if kind == 0:
        return (f"{a[2]} {a[1]} {a[0]} held talks with his {b[2]} counterpart {b[0]} "
                f"in {place} {when(rng, published)}.")
    if kind == 1:
        return f"{a[0]} arrived in {place} {when(rng, published)} for a three-day official visit."
    if kind == 2:
        name, sides, site = rng.choice(EXERCISES)
        return (f"Troops from the {' and '.join(sides[:2])} armies began exercise {name} "
                f"near {site} {when(rng, published)}.")
    if kind == 3:
        rank, officer, demonym = rng.choice(OFFICERS)
        return (f"{rank} {officer} was appointed commander of the {demonym} contingent "
                f"{when(rng, published)}.")
    if kind == 4:
        return (f"The two sides signed a memorandum of understanding on "
                f"{rng.choice(SUBJECTS)} {when(rng, published)}.")
    if kind == 5:
        return (f"{a[0]} said the {b[2]} delegation had raised \u201c{rng.choice(SUBJECTS)}\u201d "
                f"\u2014 a recurring item \u2014 during the meeting.")
    if kind == 6:
        return (f"About {rng.randrange(2, 40) * 50} {a[2]} soldiers are deployed in "
                f"{place} under a United Nations mandate.")
    return "Officials described the discussions as cordial and forward-looking."


def article(rng, number):
    published = datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randrange(0, 1400))
    sentences = [sentence(rng, published) for _ in range(rng.randrange(3, 9))]
    # Half the articles carry a dateline in the text, the others only the "date" field.
    text = " ".join(sentences)
    if rng.random() < 0.5:
        text = f"{rng.choice(PLACES).upper()}, {published.strftime('%B')} {published.day}: " + text
    record = {"id": f"a{number:06d}", "text": text}
    if rng.random() < 0.9:
        record["date"] = published.isoformat()
    return record


def bad_lines():
    """Lines that must come out of the job as error rows (or with a warning), never dropped."""
    return [
        json.dumps({"id": "bad-no-text", "date": "2022-03-01"}),
        json.dumps({"id": "bad-null-text", "text": None}),
        "this line is not JSON at all",
        json.dumps({"id": "bad-date", "text": "Rajnath Singh visited Hanoi on Tuesday.",
                    "date": "2022-02-30"}),
        json.dumps({"id": "empty-text", "text": ""}),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--output", required=True)
    parser.add_argument("--parquet", help="also write the articles as Parquet here")
    parser.add_argument("--parquet-twin", help="and the Parquet rows as JSON Lines here")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bad = bad_lines()
    # Spread the bad lines through the file so they land in different Spark partitions.
    positions = {args.articles * (i + 1) // (len(bad) + 1): line for i, line in enumerate(bad)}
    with open(args.output, "w", encoding="utf-8") as out:
        for number in range(args.articles):
            if number in positions:
                out.write(positions[number] + "\n")
            out.write(json.dumps(article(rng, number), ensure_ascii=False) + "\n")
    if args.parquet:
        write_parquet(args.output, args.parquet, args.parquet_twin)


def write_parquet(corpus, path, twin):
    import pyarrow as pa
    import pyarrow.parquet as pq

    ids, texts, dates = [], [], []
    with open(corpus, encoding="utf-8") as f:
        for position, line in enumerate(f):
            try:
                record = json.loads(line)
            except ValueError:
                continue
            raw_id = record.get("id", "")
            ids.append(int(raw_id[1:]) if raw_id.startswith("a") else 900000 + position)
            texts.append(record.get("text"))
            try:
                dates.append(datetime.date.fromisoformat(record["date"]))
            except (KeyError, ValueError):
                dates.append(None)
    table = pa.table({"id": pa.array(ids, pa.int64()), "text": pa.array(texts, pa.string()),
                      "date": pa.array(dates, pa.date32())})
    pq.write_table(table, path)
    with open(twin, "w", encoding="utf-8") as out:
        for ident, text, date in zip(ids, texts, dates):
            record = {"id": ident, "text": text}
            if date is not None:
                record["date"] = date.isoformat()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
