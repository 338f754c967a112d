//! Generated news-like text for the hostile-input tests and the scaling bench.
//!
//! The sentences are written for this file; the people are invented; countries, ranks,
//! roles and exercises are real names the default gazetteers know, so every stage of the
//! pipeline (titles before names, coreference, triggers, merging) gets work to do. A small
//! xorshift generator makes the output depend only on the seed and the size.

#![allow(dead_code)]

/// A tiny deterministic pseudo-random generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    /// A generator; the same seed gives the same sequence.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One item of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const GIVEN: &[&str] = &[
    "Aruzhan", "Bekzat", "Carmen", "Dmitri", "Esther", "Farid", "Greta", "Hamid", "Ines", "Jomo",
    "Keiko", "Lars", "Mirela", "Nikhil", "Oksana", "Pavel", "Quentin", "Rania", "Sven", "Tamar",
    "Umar", "Valeria", "Wen", "Yusuf", "Zofia",
];

const FAMILY: &[&str] = &[
    "Abenov",
    "Brandt",
    "Castellanos",
    "Dragomir",
    "Eriksen",
    "Farouk",
    "Gorecki",
    "Halloran",
    "Ibrahimov",
    "Jansen",
    "Kowalczyk",
    "Lindqvist",
    "Moreau",
    "Nakashima",
    "Okonkwo",
    "Petrescu",
    "Quiroga",
    "Rahmani",
    "Sandoval",
    "Tereshchenko",
    "Uddin",
    "Vasquez",
    "Whitcombe",
    "Yilmaz",
    "Zielinski",
];

const COUNTRIES: &[&str] = &[
    "India",
    "Kazakhstan",
    "France",
    "Japan",
    "Brazil",
    "Poland",
    "Egypt",
    "Indonesia",
    "Norway",
    "Kenya",
    "Vietnam",
    "Australia",
    "Germany",
    "Chile",
    "Morocco",
    "Mongolia",
];

const DEMONYMS: &[&str] = &[
    "Indian",
    "Kazakh",
    "French",
    "Japanese",
    "Brazilian",
    "Polish",
    "Egyptian",
    "Norwegian",
    "Kenyan",
    "Vietnamese",
    "Australian",
    "German",
    "Chilean",
    "Mongolian",
];

const TITLES: &[&str] = &[
    "Defence Minister",
    "Foreign Minister",
    "Prime Minister",
    "President",
    "Lieutenant General",
    "Major General",
    "General",
    "Admiral",
    "Vice Admiral",
    "Colonel",
    "Brigadier",
    "Chief of the Army Staff",
    "Ambassador",
];

const EXERCISES: &[&str] = &[
    "KAZIND",
    "Yudh Abhyas",
    "Nomadic Elephant",
    "Ekuverin",
    "Dharma Guardian",
    "Garud Shakti",
    "Desert Cyclone",
];

const CITIES: &[&str] = &[
    "Astana",
    "New Delhi",
    "Paris",
    "Tokyo",
    "Warsaw",
    "Cairo",
    "Jakarta",
    "Oslo",
    "Nairobi",
    "Hanoi",
    "Canberra",
    "Berlin",
    "Santiago",
    "Rabat",
    "Ulaanbaatar",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const TOPICS: &[&str] = &[
    "maritime security",
    "counter-terrorism cooperation",
    "joint training",
    "defence industrial ties",
    "cyber defence",
    "peacekeeping",
    "humanitarian assistance and disaster relief",
    "regional stability",
];

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY))
}

fn date(rng: &mut Rng) -> String {
    format!(
        "{} {}, {}",
        rng.pick(MONTHS),
        1 + rng.below(28),
        2015 + rng.below(10)
    )
}

/// One sentence, chosen and filled from the seed's sequence.
pub fn sentence(rng: &mut Rng) -> String {
    let a = person(rng);
    let b = person(rng);
    let t1 = rng.pick(TITLES);
    let t2 = rng.pick(TITLES);
    let c1 = rng.pick(COUNTRIES);
    let c2 = rng.pick(COUNTRIES);
    let d1 = rng.pick(DEMONYMS);
    let city = rng.pick(CITIES);
    let ex = rng.pick(EXERCISES);
    let topic = rng.pick(TOPICS);
    let when = date(rng);
    let n = 100 + rng.below(9000);
    match rng.below(16) {
        0 => format!("{t1} {a} held talks with his {d1} counterpart {t2} {b} in {city} on {when}."),
        1 => format!("The two ministers discussed {topic} and agreed to meet again next year."),
        2 => format!(
            "{d1} and {c2} troops will take part in exercise {ex} from {when}, officials said."
        ),
        3 => format!("{t1} {a} visited {c1} at the invitation of {t2} {b}."),
        4 => format!("He said the visit would deepen {topic} between {c1} and {c2}."),
        5 => format!(
            "{c1} and {c2} signed an agreement on {topic} during the meeting, according to a statement."
        ),
        6 => format!("About {n} {d1} soldiers are deployed with the United Nations mission."),
        7 => format!("{a} was appointed as the {t1} of {c1} on {when}."),
        8 => format!("She met {t2} {b} and later spoke by phone with the {d1} {t1}."),
        9 => format!(
            "The {ex} exercise, now in its {}th edition, brought together {n} personnel.",
            2 + rng.below(20)
        ),
        10 => format!("\"We value this partnership,\" {a} told reporters in {city}."),
        11 => format!(
            "Talks between {c1} and {c2} are scheduled to resume in {city} later this month."
        ),
        12 => format!(
            "The delegation, led by {t1} {a}, arrived in {city} on a three-day official visit."
        ),
        13 => format!(
            "{c1}'s {t1} {a} and {t2} {b} reviewed progress on {topic}; they did not meet the press."
        ),
        14 => format!("Meanwhile, {n} tonnes of relief supplies reached {city} by sea."),
        _ => format!(
            "In {when}, the {d1} navy hosted a port call in {city}, where sailors trained together."
        ),
    }
}

/// Paragraphs of generated news, at least `bytes` long (and at most a paragraph more).
pub fn news(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(bytes + 1024);
    while text.len() < bytes {
        let sentences = 2 + rng.below(5);
        for s in 0..sentences {
            if s > 0 {
                text.push(' ');
            }
            text.push_str(&sentence(&mut rng));
        }
        text.push_str("\n\n");
    }
    text
}

/// The `i`-th of an endless supply of distinct capitalised made-up words ("Bake", "Dafo",
/// ...), for texts that need many different names.
pub fn word(mut i: usize) -> String {
    const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    let mut w = String::new();
    loop {
        w.push(CONSONANTS[i % CONSONANTS.len()] as char);
        i /= CONSONANTS.len();
        w.push(VOWELS[i % VOWELS.len()] as char);
        i /= VOWELS.len();
        if i == 0 && w.len() >= 4 {
            break;
        }
    }
    let mut chars = w.chars();
    let first = chars.next().unwrap_or('x').to_ascii_uppercase();
    format!("{first}{}", chars.as_str())
}
