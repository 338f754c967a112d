#!/usr/bin/env python3
"""Quick format check for gazetteer TSV files (the Rust loader is the authority).

Usage: python3 scripts/check_gazetteers.py gazetteers/*.tsv
Checks: column count, known kind, non-empty canonical, attribute syntax, alpha-3 codes for
countries, duplicate (kind, canonical), aliases shared by two canonicals of one kind
without ambiguous=yes on both.
"""
import re
import sys
import unicodedata

KINDS = {"person", "rank", "role", "country", "location", "organization", "exercise"}


def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return " ".join(s.split())


def parse_attrs(text, where, errors):
    attrs = {}
    if not text:
        return attrs
    for pair in text.split(";"):
        if not pair.strip():
            continue
        if "=" not in pair:
            errors.append(f"{where}: attribute without '=': {pair!r}")
            continue
        k, v = pair.split("=", 1)
        if not re.fullmatch(r"[a-z_]+", k.strip()):
            errors.append(f"{where}: bad attribute key {k!r}")
        attrs[k.strip()] = v.strip()
    return attrs


def main(paths):
    errors = []
    seen = {}
    alias_owner = {}
    for path in paths:
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            where = f"{path}:{n}"
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or len(cols) > 5:
                errors.append(f"{where}: expected 2 to 5 TAB-separated columns, got {len(cols)}")
                continue
            cols += [""] * (5 - len(cols))
            kind, canonical, code, aliases, attrs = cols
            if kind not in KINDS:
                errors.append(f"{where}: unknown kind {kind!r}")
            if not canonical.strip() or canonical != canonical.strip():
                errors.append(f"{where}: empty canonical or stray spaces")
            if kind == "country" and not re.fullmatch(r"[A-Z]{3}", code):
                errors.append(f"{where}: country code must be alpha-3, got {code!r}")
            a = parse_attrs(attrs, where, errors)
            key = (kind, norm(canonical))
            if key in seen:
                errors.append(f"{where}: duplicate canonical {canonical!r} (first at {seen[key]})")
            seen[key] = where
            names = [canonical] + [x for x in aliases.split("|")] if aliases else [canonical]
            for alias in names:
                if "{" in alias:
                    alias, _, rest = alias.partition("{")
                    if not rest.endswith("}"):
                        errors.append(f"{where}: alias attributes must end with '}}': {alias!r}")
                    parse_attrs(rest[:-1], where, errors)
                if not alias.strip():
                    errors.append(f"{where}: empty alias")
                    continue
                ak = (kind, norm(alias))
                amb = a.get("ambiguous") == "yes"
                if ak in alias_owner and alias_owner[ak][0] != norm(canonical):
                    other, other_where, other_amb = alias_owner[ak]
                    if not (amb and other_amb):
                        errors.append(f"{where}: alias {alias!r} also names {other!r} ({other_where}); mark both ambiguous=yes or drop it")
                else:
                    alias_owner[ak] = (norm(canonical), where, amb)
    for e in errors:
        print(e)
    print(f"{len(seen)} entries, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
