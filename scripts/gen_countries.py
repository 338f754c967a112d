#!/usr/bin/env python3
"""Generate gazetteers/countries.tsv: one line per country or territory.

Sources
- pycountry (PyPI, LGPL-2.1; its data is Debian's iso-codes): the 249 ISO 3166-1 entries,
  their alpha-3 codes and their short, official and common English names.
- scripts/data/countries_extra.tsv (hand-curated, part of this repository): canonical-name
  overrides, short, press and historic names, abbreviations, demonyms and adjectives with
  their plurals, and Kosovo (XKX, not in ISO 3166-1).
- M49 below: the UN Statistics Division's "Standard country or area codes for statistical
  use" (M49), written out by hand: each code's sub-region, or its intermediate region where
  M49 splits Sub-Saharan Africa and Latin America and the Caribbean into smaller ones.

Rules applied to the ISO names
- Canonical: the curated override, else pycountry's common name, else its name.
- ISO names written inverted ("Korea, Republic of") or with a parenthesis
  ("Holy See (Vatican City State)") are not used as aliases; the curated table gives the
  forms the press writes. A leading "the" of an official name is dropped.
- Names starting with "Saint " also get "St " and "St. " forms; the canonical name and the
  curated aliases joined by " and " also get a "&" form ("Trinidad & Tobago").
- The same name (after the gazetteer's normalisation) never goes to two countries: the
  script stops with an error if the data says otherwise.

Usage (from the repository root, with pycountry installed):
    python3 scripts/gen_countries.py            # writes gazetteers/countries.tsv
    python3 scripts/gen_countries.py --stdout   # prints it instead
"""
import os
import re
import sys
import unicodedata
from importlib.metadata import version

import pycountry

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXTRA = os.path.join(HERE, "data", "countries_extra.tsv")
OUT = os.path.join(ROOT, "gazetteers", "countries.tsv")

# UN M49 sub-regions (intermediate regions for Sub-Saharan Africa and Latin America and
# the Caribbean). Antarctica has none. Taiwan and Kosovo are not listed by M49 on their
# own; they get the area M49 would give them (that of China and of Serbia).
M49 = {
    "Northern Africa": "DZA EGY LBY MAR SDN TUN ESH",
    "Eastern Africa": "IOT BDI COM DJI ERI ETH ATF KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM "
                      "SSD UGA TZA ZMB ZWE",
    "Middle Africa": "AGO CMR CAF TCD COG COD GNQ GAB STP",
    "Southern Africa": "BWA SWZ LSO NAM ZAF",
    "Western Africa": "BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SHN SEN SLE TGO",
    "Caribbean": "AIA ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR "
                 "PRI BLM KNA LCA MAF VCT SXM TTO TCA VIR",
    "Central America": "BLZ CRI SLV GTM HND MEX NIC PAN",
    "South America": "ARG BOL BVT BRA CHL COL ECU FLK GUF GUY PRY PER SGS SUR URY VEN",
    "Northern America": "BMU CAN GRL SPM USA",
    "Central Asia": "KAZ KGZ TJK TKM UZB",
    "Eastern Asia": "CHN HKG MAC PRK JPN MNG KOR TWN",
    "South-eastern Asia": "BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM",
    "Southern Asia": "AFG BGD BTN IND IRN MDV NPL PAK LKA",
    "Western Asia": "ARM AZE BHR CYP GEO IRQ ISR JOR KWT LBN OMN QAT SAU PSE SYR TUR ARE YEM",
    "Eastern Europe": "BLR BGR CZE HUN POL MDA ROU RUS SVK UKR",
    "Northern Europe": "ALA GGY JEY DNK EST FRO FIN ISL IRL IMN LVA LTU NOR SJM SWE GBR",
    "Southern Europe": "ALB AND BIH HRV GIB GRC VAT ITA MLT MNE MKD PRT SMR SRB SVN ESP XKX",
    "Western Europe": "AUT BEL FRA DEU LIE LUX MCO NLD CHE",
    "Australia and New Zealand": "AUS CXR CCK HMD NZL NFK",
    "Melanesia": "FJI NCL PNG SLB VUT",
    "Micronesia": "GUM KIR MHL FSM NRU MNP PLW UMI",
    "Polynesia": "ASM COK PYF NIU PCN WSM TKL TON TUV WLF",
}
REGION = {code: region for region, codes in M49.items() for code in codes.split()}
assert len(REGION) == sum(len(codes.split()) for codes in M49.values()), "a code in two regions"


def norm(s):
    """The comparison key, as the library builds it: case and accents folded, apostrophes
    and dashes unified, white space collapsed."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[\u2018\u2019\u201b\u02bc`]", "'", s)
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    return " ".join(s.replace("ø", "o").replace("ß", "ss").split())


def inverted(name):
    """True for ISO's catalogue forms such as "Korea, Republic of" or "Virgin Islands, U.S."."""
    if "(" in name:
        return True
    if ", " not in name:
        return False
    tail = name.rsplit(", ", 1)[1]
    return bool(re.search(r"\bof( the)?$", tail)) or tail in {"U.S.", "British"}


def variants(name, amp=True):
    """The name and its "St"/"St." forms, and with `amp` its "&" forms."""
    out = [name]
    if name.startswith("Saint "):
        rest = name[len("Saint "):]
        out += ["St " + rest, "St. " + rest]
    if amp and " and " in name:
        out += [n.replace(" and ", " & ") for n in list(out)]
    return out


def split_list(text, sep):
    return [x.strip() for x in text.split(sep) if x.strip()] if text else []


def expand_demonyms(text):
    out = []
    for d in split_list(text, ","):
        if d.endswith("+s"):
            out += [d[:-2], d[:-2] + "s"]
        else:
            out.append(d)
    return out


def read_extra(path):
    rows = {}
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) > 5:
            sys.exit(f"{path}:{n}: more than 5 columns")
        cols += [""] * (5 - len(cols))
        code, canonical, aliases, demonyms, attrs = cols
        if not re.fullmatch(r"[A-Z]{3}", code):
            sys.exit(f"{path}:{n}: bad code {code!r}")
        if code in rows:
            sys.exit(f"{path}:{n}: {code} listed twice")
        extra_attrs, drop, note = [], set(), ""
        for pair in split_list(attrs, ";"):
            key, _, value = pair.partition("=")
            if key == "drop":
                drop |= {norm(x) for x in value.split("|")}
            elif key == "note":
                note = value
            else:
                extra_attrs.append((key, value))
        rows[code] = dict(canonical=canonical.strip(), aliases=split_list(aliases, "|"),
                          demonyms=expand_demonyms(demonyms), attrs=extra_attrs,
                          drop=drop, note=note, line=n)
    return rows


def dedupe(names, taken):
    """Names whose key is not in `taken`, first spelling kept except that a spelling with
    fewer capitals wins (a lower-case word matches any case)."""
    best = {}
    order = []
    for name in names:
        key = norm(name)
        if key in taken:
            continue
        if key not in best:
            order.append(key)
            best[key] = name
        elif sum(c.isupper() for c in name) < sum(c.isupper() for c in best[key]):
            best[key] = name
    return [best[k] for k in order]


def build():
    extra = read_extra(EXTRA)
    entries = []
    dropped = []
    iso = {c.alpha_3: c for c in pycountry.countries}
    for code in sorted(set(iso) | set(extra)):
        c = iso.get(code)
        row = extra.get(code, dict(canonical="", aliases=[], demonyms=[], attrs=[],
                                   drop=set(), note=""))
        if c is None and not row["canonical"]:
            sys.exit(f"{code}: not in ISO 3166-1 and no canonical name given")
        iso_names = []
        if c is not None:
            for field in ("common_name", "name", "official_name"):
                value = getattr(c, field, None)
                if not value:
                    continue
                value = re.sub(r"^the ", "", value)
                if inverted(value) or norm(value) in row["drop"]:
                    dropped.append(f"{code}: {value}")
                    continue
                iso_names.append(value)
        canonical = row["canonical"] or (iso_names[0] if iso_names else None)
        if not canonical:
            sys.exit(f"{code}: every ISO name was dropped; give a canonical name")
        # "&" forms only of the short names the press writes, not of formal long names.
        names = []
        for name in iso_names:
            names += variants(name, amp=(name == canonical))
        for name in row["aliases"]:
            names += variants(name)
        names += variants(canonical)[1:]
        aliases = dedupe(names, {norm(canonical)})
        demonyms = dedupe([v for d in row["demonyms"] for v in variants(d)], set())
        attrs = []
        if demonyms:
            attrs.append(("demonyms", ",".join(demonyms)))
        if code in REGION:
            attrs.append(("region", REGION[code]))
        elif code != "ATA":
            sys.exit(f"{code}: no M49 region")
        attrs += row["attrs"]
        entries.append(dict(code=code, canonical=canonical, aliases=aliases,
                            demonyms=demonyms, attrs=attrs, note=row["note"]))
    unknown = sorted(set(REGION) - set(iso) - set(extra))
    if unknown:
        sys.exit("M49 table names unknown codes: " + " ".join(unknown))
    missing = sorted(set(iso) - set(extra))
    if missing:
        print("note: no curated row for " + " ".join(missing), file=sys.stderr)
    for d in dict.fromkeys(dropped):
        print(f"note: ISO name not used as alias: {d}", file=sys.stderr)
    check(entries, len(iso))
    return entries, len(iso)


def check(entries, n_iso):
    """Every name (canonical, alias, demonym) belongs to one country; nothing breaks the
    TSV syntax."""
    owner = {}
    for e in entries:
        for name in [e["canonical"]] + e["aliases"] + e["demonyms"]:
            key = norm(name)
            if key in owner and owner[key] != e["code"]:
                sys.exit(f"name {name!r} given to both {owner[key]} and {e['code']}")
            owner[key] = e["code"]
            if re.search(r"[\t|;{}]", name):
                sys.exit(f"{e['code']}: name {name!r} holds a separator")
        for d in e["demonyms"]:
            if "," in d or "=" in d:
                sys.exit(f"{e['code']}: demonym {d!r} holds a separator")
    if n_iso != 249:
        print(f"warning: pycountry lists {n_iso} countries, not 249", file=sys.stderr)


def render(entries, n_iso):
    pv = version("pycountry")
    head = [
        "# countries.tsv: countries and territories (kind=country), one line each.",
        f"# Generated by scripts/gen_countries.py; do not edit by hand: edit "
        "scripts/data/countries_extra.tsv or the script and regenerate.",
        f"# Sources: ISO 3166-1 ({n_iso} entries, alpha-3 codes, short, official and common "
        f"English names) from pycountry {pv}",
        "#   (PyPI, LGPL-2.1; data from Debian iso-codes); regions: UN M49 sub-regions "
        "(intermediate regions for Sub-Saharan",
        "#   Africa and Latin America and the Caribbean), as published by the UN Statistics "
        "Division; press, short and",
        "#   historic names, abbreviations and demonyms: hand-curated public facts in "
        "scripts/data/countries_extra.tsv.",
        "#   Country names, codes, regions and demonyms are facts; this file is under the "
        "project's licence.",
        "# Kosovo (XKX) is the one code that is not ISO 3166-1.",
        f"# Regenerate: pip install 'pycountry=={pv}' && python3 scripts/gen_countries.py",
        "#",
        "# kind\tcanonical\tcode\taliases\tattributes",
    ]
    lines = list(head)
    for e in sorted(entries, key=lambda e: norm(e["canonical"])):
        if e["note"]:
            lines.append("# " + e["note"])
        attrs = ";".join(f"{k}={v}" for k, v in e["attrs"])
        cols = ["country", e["canonical"], e["code"], "|".join(e["aliases"]), attrs]
        while cols[-1] == "":
            cols.pop()
        lines.append("\t".join(cols))
    return "\n".join(lines) + "\n"


def main():
    entries, n_iso = build()
    text = render(entries, n_iso)
    if "--stdout" in sys.argv[1:]:
        sys.stdout.write(text)
        return
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {OUT}: {len(entries)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
