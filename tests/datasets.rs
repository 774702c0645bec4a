//! Every embedded London dataset, checked figure by figure against the reference figures.
//!
//! The expected values below are typed in from `shared/reference/london-mayoral-results.md`
//! and, for the 2016 and 2024 constituencies, from the two CSV files in
//! `shared/reference/raw/`. They are literals on purpose: this test never reads the assets or
//! the reference at run time, so it is an independent check of what `assets/` contains.
//!
//! Where the reference says a figure is "not established", the expected value is `None`:
//! unknown must stay unknown, never become zero.

// Helpers outside `#[test]` functions unwrap too: a panic is a failed test with its message.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use tally::count::Count;
use tally::count::Counted;
use tally::model::{Area, Contest, TurnoutBasis, VoteMap, VotingSystem};

// ---------------------------------------------------------------------------------------------
// What a year looks like
// ---------------------------------------------------------------------------------------------

/// One candidate as the reference table gives them.
struct Cand {
    id: &'static str,
    name: &'static str,
    party: &'static str,
    /// First preferences (the only vote under first past the post).
    first: u64,
    /// Second choices marked on all valid ballots (meaning (a) in the reference), where given.
    second: Option<u64>,
}

const fn c(id: &'static str, name: &'static str, party: &'static str, first: u64) -> Cand {
    Cand {
        id,
        name,
        party,
        first,
        second: None,
    }
}

const fn c2(
    id: &'static str,
    name: &'static str,
    party: &'static str,
    first: u64,
    second: u64,
) -> Cand {
    Cand {
        id,
        name,
        party,
        first,
        second: Some(second),
    }
}

/// A published turnout.
struct Turnout {
    /// Any of these published values is acceptable (sources that differ by a rounding).
    percent: &'static [f64],
    /// What it is a percentage of; `None` where the reference does not say.
    basis: Option<TurnoutBasis>,
    /// Whether the source gives it only roughly ("about 42%").
    approximate: bool,
}

/// A Supplementary Vote finalist in round 2.
struct Finalist {
    id: &'static str,
    /// Votes added in round 2 (meaning (b) in the reference).
    transfers: u64,
    /// Final total.
    total: u64,
}

enum Outcome {
    /// Supplementary Vote decided in a second round.
    SecondRound {
        winner: Finalist,
        runner_up: Finalist,
        non_transferable: u64,
        /// The margin where the reference prints it (else it is computed from the totals).
        margin: Option<u64>,
    },
    /// First past the post: one round.
    OneRound { winner: &'static str },
}

struct Year {
    id: &'static str,
    date: (i32, u32, u32),
    system: VotingSystem,
    candidates: &'static [Cand],
    valid: u64,
    electorate: Option<u64>,
    ballot_papers: Option<u64>,
    rejected: Option<u64>,
    /// Rejected ballots by reason, with the reason keys used in the dataset.
    rejected_reasons: Option<&'static [(&'static str, u64)]>,
    /// Sum of all-ballot second choices, where the reference gives it.
    second_choices_total: Option<u64>,
    turnout: Option<Turnout>,
    outcome: Outcome,
    /// Figures the dataset's notes must mention, as printed (with thousands commas).
    notes_mention: &'static [&'static str],
}

const SV: VotingSystem = VotingSystem::SupplementaryVote;
const FPTP: VotingSystem = VotingSystem::FirstPastThePost;

// ---------------------------------------------------------------------------------------------
// The reference figures
// ---------------------------------------------------------------------------------------------

const Y2000: Year = Year {
    id: "london-2000",
    date: (2000, 5, 4),
    system: SV,
    candidates: &[
        c("livingstone", "Ken Livingstone", "Independent", 667_877),
        c("norris", "Steven Norris", "Conservative", 464_434),
        c("dobson", "Frank Dobson", "Labour", 223_884),
        c("kramer", "Susan Kramer", "Liberal Democrat", 203_452),
        c(
            "gidoomal",
            "Ram Gidoomal",
            "Christian Peoples Alliance",
            42_060,
        ),
        c("johnson", "Darren Johnson", "Green", 38_121),
        c(
            "newland",
            "Michael Newland",
            "British National Party",
            33_569,
        ),
        c("hockney", "Damian Hockney", "UK Independence Party", 16_324),
        c(
            "ben-nathan",
            "Geoffrey Ben-Nathan",
            "Pro-Motorist and Small Shop",
            9_956,
        ),
        c("tanna", "Ashwin Tanna", "Independent", 9_015),
        c("clements", "Geoffrey Clements", "Natural Law Party", 5_470),
    ],
    valid: 1_714_162,
    electorate: Some(5_093_464),
    ballot_papers: None,
    rejected: None,
    rejected_reasons: None,
    second_choices_total: None,
    turnout: Some(Turnout {
        percent: &[33.65],
        basis: Some(TurnoutBasis::ValidVotes),
        approximate: false,
    }),
    outcome: Outcome::SecondRound {
        winner: Finalist {
            id: "livingstone",
            transfers: 108_550,
            total: 776_427,
        },
        runner_up: Finalist {
            id: "norris",
            transfers: 99_703,
            total: 564_137,
        },
        non_transferable: 373_598,
        margin: None,
    },
    notes_mention: &[],
};

const Y2004: Year = Year {
    id: "london-2004",
    date: (2004, 6, 10),
    system: SV,
    candidates: &[
        c("livingstone", "Ken Livingstone", "Labour", 685_541),
        c("norris", "Steven Norris", "Conservative", 542_423),
        c("hughes", "Simon Hughes", "Liberal Democrat", 284_645),
        c("maloney", "Frank Maloney", "UK Independence Party", 115_665),
        c("german", "Lindsey German", "Respect", 61_731),
        c(
            "leppert",
            "Julian Leppert",
            "British National Party",
            58_405,
        ),
        c("johnson", "Darren Johnson", "Green", 57_331),
        c(
            "gidoomal",
            "Ram Gidoomal",
            "Christian Peoples Alliance",
            41_696,
        ),
        c(
            "reid",
            "Lorna Reid",
            "Independent Working Class Association",
            9_542,
        ),
        c(
            "nagalingam",
            "Tammy Nagalingam",
            "Independent (no description)",
            6_692,
        ),
    ],
    valid: 1_863_671,
    electorate: None,
    ballot_papers: None,
    rejected: None,
    rejected_reasons: None,
    second_choices_total: None,
    turnout: Some(Turnout {
        percent: &[36.95],
        basis: Some(TurnoutBasis::Unstated),
        approximate: false,
    }),
    outcome: Outcome::SecondRound {
        winner: Finalist {
            id: "livingstone",
            transfers: 142_839,
            total: 828_380,
        },
        runner_up: Finalist {
            id: "norris",
            transfers: 124_755,
            total: 667_178,
        },
        non_transferable: 368_113,
        margin: Some(161_202),
    },
    // BBC04's 67,731 for German and the 61,731 used; WP's later Livingstone figure.
    notes_mention: &["61,731", "67,731", "685,548"],
};

const Y2008: Year = Year {
    id: "london-2008",
    date: (2008, 5, 1),
    system: SV,
    candidates: &[
        c("johnson", "Boris Johnson", "Conservative", 1_043_761),
        c("livingstone", "Ken Livingstone", "Labour", 893_877),
        c("paddick", "Brian Paddick", "Liberal Democrat", 236_685),
        c("berry", "Siân Berry", "Green", 77_374),
        c(
            "barnbrook",
            "Richard Barnbrook",
            "British National Party",
            69_710,
        ),
        c(
            "craig",
            "Alan Craig",
            "Christian Choice (Christian Peoples Alliance and Christian Party)",
            39_249,
        ),
        c("batten", "Gerard Batten", "UK Independence Party", 22_422),
        c("german", "Lindsey German", "Left List", 16_796),
        c("o-connor", "Matt O'Connor", "English Democrats", 10_695),
        c("mckenzie", "Winston McKenzie", "Independent", 5_389),
    ],
    valid: 2_415_958,
    electorate: Some(5_419_913),
    ballot_papers: Some(2_456_990),
    rejected: Some(41_032),
    rejected_reasons: None,
    second_choices_total: None,
    turnout: Some(Turnout {
        percent: &[45.33],
        // 2,456,990 ballot papers / 5,419,913 = 45.33%.
        basis: Some(TurnoutBasis::BallotPapers),
        approximate: false,
    }),
    outcome: Outcome::SecondRound {
        winner: Finalist {
            id: "johnson",
            transfers: 124_977,
            total: 1_168_738,
        },
        runner_up: Finalist {
            id: "livingstone",
            transfers: 135_089,
            total: 1_028_966,
        },
        non_transferable: 218_254,
        margin: None,
    },
    notes_mention: &[],
};

const Y2012: Year = Year {
    id: "london-2012",
    date: (2012, 5, 3),
    system: SV,
    candidates: &[
        c("johnson", "Boris Johnson", "Conservative", 971_931),
        c("livingstone", "Ken Livingstone", "Labour", 889_918),
        c("jones", "Jenny Jones", "Green", 98_913),
        c("paddick", "Brian Paddick", "Liberal Democrat", 91_774),
        c("benita", "Siobhan Benita", "Independent", 83_914),
        // The reference adds: ballot label "Fresh Choice for London".
        c("webb", "Lawrence Webb", "UK Independence Party", 43_274),
        c(
            "cortiglia",
            "Carlos Cortiglia",
            "British National Party",
            28_751,
        ),
    ],
    valid: 2_208_475,
    // EC12 gives only "5.8 million" and a rejected share: not established exactly.
    electorate: None,
    ballot_papers: None,
    rejected: None,
    rejected_reasons: None,
    second_choices_total: None,
    turnout: Some(Turnout {
        percent: &[38.1],
        basis: Some(TurnoutBasis::ValidVotes),
        approximate: false,
    }),
    outcome: Outcome::SecondRound {
        winner: Finalist {
            id: "johnson",
            transfers: 82_880,
            total: 1_054_811,
        },
        runner_up: Finalist {
            id: "livingstone",
            transfers: 102_355,
            total: 992_273,
        },
        non_transferable: 161_391,
        margin: None,
    },
    notes_mention: &[],
};

const Y2016: Year = Year {
    id: "london-2016",
    date: (2016, 5, 5),
    system: SV,
    candidates: &[
        c2("khan", "Sadiq Khan", "Labour", 1_148_716, 388_090),
        c2(
            "goldsmith",
            "Zac Goldsmith",
            "Conservative",
            909_755,
            250_214,
        ),
        c2("berry", "Siân Berry", "Green", 150_673, 468_318),
        c2(
            "pidgeon",
            "Caroline Pidgeon",
            "Liberal Democrat",
            120_005,
            335_931,
        ),
        c2(
            "whittle",
            "Peter Whittle",
            "UK Independence Party",
            94_373,
            223_253,
        ),
        c2(
            "walker",
            "Sophie Walker",
            "Women's Equality Party",
            53_055,
            198_720,
        ),
        c2("galloway", "George Galloway", "Respect", 37_007, 117_080),
        c2("golding", "Paul Golding", "Britain First", 31_372, 73_883),
        c2(
            "harris",
            "Lee Harris",
            "Cannabis is Safer than Alcohol",
            20_537,
            67_495,
        ),
        c2(
            "furness",
            "David Furness",
            "British National Party",
            13_325,
            36_168,
        ),
        c2("zylinski", "Prince Zylinski", "Independent", 13_202, 24_646),
        c2("love", "Ankit Love", "One Love Party", 4_941, 28_920),
    ],
    valid: 2_596_961,
    electorate: None,
    ballot_papers: Some(2_646_832),
    rejected: Some(49_871),
    rejected_reasons: Some(&[
        ("unmarked", 12_292),
        ("uncertain", 5_135),
        ("voting for too many", 32_217),
        ("writing identifying voter", 215),
        ("want of official mark", 12),
    ]),
    // The `good_2nd` column of the constituency CSV, summed.
    second_choices_total: Some(2_212_718),
    turnout: Some(Turnout {
        // WP 45.3%, CL16 45.2%.
        percent: &[45.3, 45.2],
        basis: None,
        approximate: false,
    }),
    outcome: Outcome::SecondRound {
        winner: Finalist {
            id: "khan",
            transfers: 161_427,
            total: 1_310_143,
        },
        runner_up: Finalist {
            id: "goldsmith",
            transfers: 84_859,
            total: 994_614,
        },
        non_transferable: 292_204,
        margin: None,
    },
    notes_mention: &[],
};

const Y2021: Year = Year {
    id: "london-2021",
    date: (2021, 5, 6),
    system: SV,
    candidates: &[
        c2("khan", "Sadiq Khan", "Labour", 1_013_721, 400_478),
        c2("bailey", "Shaun Bailey", "Conservative", 893_051, 263_812),
        c2("berry", "Siân Berry", "Green", 197_976, 486_798),
        c2(
            "porritt",
            "Luisa Porritt",
            "Liberal Democrat",
            111_716,
            264_912,
        ),
        c2("omilana", "Niko Omilana", "Independent", 49_628, 75_199),
        c2("fox", "Laurence Fox", "Reclaim", 47_634, 116_730),
        c2("rose", "Brian Rose", "London Real", 31_111, 40_674),
        c2("hewison", "Richard Hewison", "Rejoin EU", 28_012, 65_643),
        c2(
            "binface",
            "Count Binface",
            "Count Binface for Mayor of London",
            24_775,
            68_121,
        ),
        c2(
            "reid",
            "Mandu Reid",
            "Women's Equality Party",
            21_182,
            83_334,
        ),
        c2("corbyn", "Piers Corbyn", "Let London Live", 20_604, 34_355),
        c2(
            "hudson",
            "Vanessa Hudson",
            "Animal Welfare Party",
            16_826,
            63_619,
        ),
        c2(
            "gammons",
            "Peter Gammons",
            "UK Independence Party",
            14_393,
            72_425,
        ),
        c2("london", "Farah London", "Independent", 11_869, 46_182),
        c2("kurten", "David Kurten", "Heritage Party", 11_025, 23_043),
        c2("obunge", "Nims Obunge", "Independent", 9_682, 20_639),
        c2(
            "kelleher",
            "Steve Kelleher",
            "Social Democratic Party",
            8_764,
            28_836,
        ),
        c2("balayev", "Kam Balayev", "Renew", 7_774, 15_691),
        c2("fosh", "Max Fosh", "Independent", 6_309, 21_409),
        c2("brown", "Valerie Brown", "Burning Pink", 5_305, 11_477),
    ],
    valid: 2_531_357,
    // The 14 constituencies' electorates, summed (checked below against `AREAS_2021`).
    electorate: Some(6_191_387),
    ballot_papers: Some(2_645_558),
    rejected: Some(114_201),
    rejected_reasons: Some(&[
        ("voting for too many", 87_214),
        ("unmarked", 18_071),
        ("uncertain", 8_672),
        ("writing identifying voter", 167),
        ("want of official mark", 77),
    ]),
    second_choices_total: Some(2_203_377),
    // None published in the dataset: it is computed from the electorate (42.73%).
    turnout: None,
    outcome: Outcome::SecondRound {
        winner: Finalist {
            id: "khan",
            transfers: 192_313,
            total: 1_206_034,
        },
        runner_up: Finalist {
            id: "bailey",
            transfers: 84_550,
            total: 977_601,
        },
        non_transferable: 347_722,
        margin: None,
    },
    notes_mention: &[],
};

const Y2024: Year = Year {
    id: "london-2024",
    date: (2024, 5, 2),
    system: FPTP,
    candidates: &[
        c("khan", "Sadiq Khan", "Labour", 1_088_225),
        c("hall", "Susan Hall", "Conservative", 812_397),
        c("blackie", "Rob Blackie", "Liberal Democrat", 145_184),
        c("garbett", "Zoë Garbett", "Green", 145_114),
        c("cox", "Howard Cox", "Reform UK", 78_865),
        c("campbell", "Natalie Campbell", "Independent", 47_815),
        c(
            "gallagher",
            "Amy Gallagher",
            "Social Democratic Party",
            34_449,
        ),
        c("amin", "Femy Amin", "Animal Welfare Party", 29_280),
        c("michli", "Andreas Michli", "Independent", 26_121),
        c("ghulati", "Tarun Ghulati", "Independent", 24_702),
        c("binface", "Count Binface", "Count Binface Party", 24_260),
        c("scanlon", "Nick Scanlon", "Britain First", 20_519),
        c("rose", "Brian Rose", "London Real Party", 7_501),
    ],
    valid: 2_484_432,
    electorate: Some(6_162_428),
    ballot_papers: Some(2_495_559),
    rejected: Some(11_127),
    rejected_reasons: None,
    second_choices_total: None,
    turnout: Some(Turnout {
        percent: &[40.50],
        // 2,495,559 ballot papers / 6,162,428 = 40.497%; valid votes would give 40.32%.
        basis: Some(TurnoutBasis::BallotPapers),
        approximate: false,
    }),
    outcome: Outcome::OneRound { winner: "khan" },
    // The secondary sources' figure for Hall.
    notes_mention: &["811,518"],
};

// ---------------------------------------------------------------------------------------------
// Constituencies, 2016 (raw/london_2016_mayor_by_constituency_from_londonelects_ward_workbook.csv)
// ---------------------------------------------------------------------------------------------

/// The candidate columns of the 2016 CSV, in its order (alphabetical by surname).
const COLUMNS_2016: [&str; 12] = [
    "berry",
    "furness",
    "galloway",
    "golding",
    "goldsmith",
    "harris",
    "khan",
    "love",
    "pidgeon",
    "walker",
    "whittle",
    "zylinski",
];

/// The rejection columns of the 2016 CSV, with the dataset's reason keys.
const REJECTED_2016: [&str; 5] = [
    "unmarked",                  // rej_unmarked
    "uncertain",                 // rej_uncertain
    "voting for too many",       // rej_too_many
    "writing identifying voter", // rej_writing_identifying
    "want of official mark",     // rej_want_official_mark
];

struct Area2016 {
    /// As the CSV spells it ("Bexley & Bromley"); the dataset writes "and".
    name: &'static str,
    good_1st: u64,
    /// First preferences, in `COLUMNS_2016` order.
    first: [u64; 12],
    /// Second choices on all ballots, in `COLUMNS_2016` order.
    second: [u64; 12],
    /// Rejected first preferences, in `REJECTED_2016` order.
    rejected: [u64; 5],
}

#[rustfmt::skip]
const AREAS_2016: [Area2016; 14] = [
    Area2016 { name: "Bexley & Bromley", good_1st: 188_624, first: [8_508, 1_210, 1_454, 3_575, 97_433, 1_090, 48_134, 226, 8_924, 2_933, 14_764, 373], second: [28_960, 4_419, 4_172, 9_532, 19_768, 3_730, 18_042, 1_716, 26_012, 11_431, 34_338, 1_398], rejected: [463, 483, 1_939, 4, 1] },
    Area2016 { name: "Brent & Harrow", good_1st: 173_191, first: [7_333, 1_104, 3_739, 2_184, 67_042, 1_652, 75_143, 764, 6_470, 2_879, 3_698, 1_183], second: [24_432, 2_217, 10_028, 4_811, 21_214, 4_308, 28_938, 3_047, 20_574, 11_463, 11_542, 1_692], rejected: [1_093, 876, 2_218, 11, 0] },
    Area2016 { name: "Barnet & Camden", good_1st: 183_124, first: [11_239, 601, 2_095, 1_428, 73_722, 1_378, 74_927, 267, 7_858, 4_403, 4_446, 760], second: [35_931, 1_593, 6_732, 4_001, 17_374, 5_472, 24_727, 2_081, 24_326, 16_098, 12_620, 1_828], rejected: [653, 637, 1_654, 30, 0] },
    Area2016 { name: "City & East", good_1st: 209_266, first: [11_025, 1_630, 5_474, 3_183, 40_194, 1_928, 125_908, 475, 6_039, 3_734, 8_931, 745], second: [29_942, 3_604, 21_200, 5_657, 18_851, 5_158, 37_296, 2_130, 17_154, 13_733, 12_810, 1_650], rejected: [1_619, 199, 3_643, 21, 0] },
    Area2016 { name: "Croydon & Sutton", good_1st: 180_694, first: [8_381, 973, 1_946, 2_781, 76_378, 1_221, 63_964, 291, 12_470, 2_540, 8_878, 871], second: [27_618, 3_009, 6_492, 6_710, 19_729, 3_971, 22_331, 1_889, 29_441, 10_828, 22_008, 1_659], rejected: [1_033, 53, 1_892, 21, 0] },
    Area2016 { name: "Ealing & Hillingdon", good_1st: 198_515, first: [9_400, 1_309, 3_174, 2_970, 76_337, 1_787, 81_955, 560, 7_381, 3_121, 7_628, 2_893], second: [29_776, 3_430, 9_370, 6_924, 22_551, 5_000, 31_370, 2_650, 22_225, 12_767, 19_068, 2_966], rejected: [1_295, 110, 3_663, 40, 0] },
    Area2016 { name: "Enfield & Haringey", good_1st: 166_265, first: [10_942, 764, 2_095, 1_601, 45_069, 1_421, 87_946, 333, 7_041, 3_835, 4_335, 883], second: [34_015, 1_858, 6_717, 3_683, 13_647, 4_583, 27_745, 1_795, 19_570, 13_844, 10_946, 1_313], rejected: [894, 110, 3_159, 5, 0] },
    Area2016 { name: "Greenwich & Lewisham", good_1st: 162_134, first: [12_452, 986, 1_878, 2_290, 39_141, 1_450, 84_507, 282, 7_541, 4_211, 6_838, 558], second: [35_967, 2_399, 5_534, 4_493, 13_775, 4_432, 27_069, 1_590, 19_790, 14_043, 12_087, 1_250], rejected: [687, 235, 1_920, 6, 0] },
    Area2016 { name: "Havering & Redbridge", good_1st: 169_839, first: [6_290, 1_086, 2_594, 3_078, 75_299, 1_055, 59_711, 281, 5_631, 2_058, 12_292, 464], second: [22_944, 4_071, 9_846, 7_883, 19_082, 3_465, 19_610, 1_806, 17_903, 9_369, 25_679, 1_376], rejected: [846, 151, 1_972, 31, 8] },
    Area2016 { name: "Lambeth & Southwark", good_1st: 186_851, first: [16_377, 686, 1_927, 1_412, 38_216, 1_543, 103_829, 296, 12_752, 5_571, 3_670, 572], second: [43_067, 1_482, 6_129, 2_773, 13_836, 5_529, 34_357, 1_914, 28_325, 18_095, 7_571, 1_356], rejected: [1_113, 93, 2_071, 4, 0] },
    Area2016 { name: "Merton & Wandsworth", good_1st: 184_835, first: [9_685, 631, 1_706, 1_425, 72_952, 1_232, 80_291, 227, 7_723, 3_822, 4_096, 1_045], second: [35_831, 1_897, 5_892, 3_950, 18_149, 5_054, 26_980, 1_880, 26_829, 16_081, 13_044, 1_997], rejected: [685, 361, 1_702, 5, 0] },
    Area2016 { name: "North East", good_1st: 227_674, first: [20_014, 899, 3_772, 2_090, 40_341, 1_968, 136_848, 373, 8_576, 6_499, 5_384, 910], second: [56_363, 2_049, 11_436, 4_377, 15_111, 6_770, 41_637, 2_210, 23_186, 21_907, 10_538, 1_556], rejected: [878, 638, 2_522, 7, 2] },
    Area2016 { name: "South West", good_1st: 212_733, first: [11_038, 931, 2_645, 2_200, 97_141, 1_544, 70_224, 345, 15_119, 3_866, 6_185, 1_495], second: [36_569, 2_589, 7_112, 5_887, 22_634, 5_088, 28_030, 2_380, 39_495, 14_987, 18_919, 2_448], rejected: [414, 627, 2_421, 7, 0] },
    Area2016 { name: "West Central", good_1st: 153_216, first: [7_989, 515, 2_508, 1_155, 70_490, 1_268, 55_329, 221, 6_480, 3_583, 3_228, 450], second: [26_903, 1_551, 6_420, 3_202, 14_493, 4_935, 19_958, 1_832, 21_101, 14_074, 12_083, 2_157], rejected: [619, 562, 1_441, 23, 1] },
];

// ---------------------------------------------------------------------------------------------
// Constituencies and the first-by-second matrix, 2021
// (raw/london_2021_mayor_by_constituency_londonelects.csv and
// raw/london_2021_mayor_first_by_second_matrix_londonelects.csv)
// ---------------------------------------------------------------------------------------------

struct Area2021 {
    name: &'static str,
    electorate: u64,
    ballot_papers: u64,
    /// Valid first preferences (`good_1`).
    good_1st: u64,
    /// The declaration's turnout, a whole percent rounded down.
    turnout_declared: u64,
    /// First preferences, in `COLUMNS_2021` order.
    first: [u64; 20],
    /// Second choices on all ballots, in `COLUMNS_2021` order.
    second: [u64; 20],
    /// Rejected first preferences, in `REJECTED_2016` order (the same five reasons).
    rejected: [u64; 5],
}

/// One row of the published first-choice by second-choice table.
struct MatrixRow2021 {
    /// The first choice.
    first: &'static str,
    /// Second choices, in `COLUMNS_2021` order; the first choice's own column is "same as
    /// first".
    second: [u64; 20],
    /// Ballots with no valid second choice (unmarked or rejected).
    no_valid_second: u64,
}

/// The candidate columns of the 2021 CSVs, in their order (alphabetical by surname).
const COLUMNS_2021: [&str; 20] = [
    "bailey", "balayev", "berry", "binface", "brown", "corbyn", "fosh", "fox", "gammons",
    "hewison", "hudson", "kelleher", "khan", "kurten", "london", "obunge", "omilana", "porritt",
    "reid", "rose",
];

#[rustfmt::skip]
const AREAS_2021: [Area2021; 14] = [
    Area2021 { name: "Barnet & Camden", electorate: 412_332, ballot_papers: 180_710, good_1st: 174_899, turnout_declared: 43, first: [65_822, 431, 13_934, 1_672, 322, 1_259, 459, 3_120, 692, 1_975, 1_119, 599, 67_610, 711, 614, 547, 2_705, 7_689, 1_499, 2_120], second: [18_641, 1_003, 35_518, 5_134, 748, 2_176, 1_575, 7_858, 3_666, 5_082, 4_467, 1_904, 25_641, 1_497, 2_579, 1_257, 4_448, 19_668, 5_869, 2_901], rejected: [976, 419, 4_396, 20, 0] },
    Area2021 { name: "Bexley & Bromley", electorate: 423_901, ballot_papers: 189_495, good_1st: 184_141, turnout_declared: 44, first: [100_630, 476, 12_236, 1_861, 233, 770, 321, 5_461, 1_740, 1_219, 1_133, 657, 44_350, 1_099, 470, 617, 2_000, 6_225, 1_184, 1_459], second: [22_256, 1_164, 32_546, 5_757, 750, 1_750, 1_749, 16_317, 11_993, 3_483, 5_613, 2_456, 18_443, 2_790, 2_412, 1_420, 3_687, 17_685, 4_761, 2_538], rejected: [885, 111, 4_355, 3, 0] },
    Area2021 { name: "Brent & Harrow", electorate: 426_373, ballot_papers: 174_628, good_1st: 163_489, turnout_declared: 40, first: [65_566, 683, 9_378, 1_241, 411, 1_501, 449, 1_948, 761, 2_186, 1_344, 564, 61_778, 640, 838, 597, 4_678, 5_853, 1_017, 2_056], second: [21_674, 1_452, 25_013, 3_234, 804, 2_604, 1_446, 4_947, 3_551, 4_165, 4_259, 2_114, 27_987, 1_273, 3_768, 1_384, 6_406, 15_918, 4_448, 2_779], rejected: [1_642, 744, 8_747, 5, 1] },
    Area2021 { name: "City & East", electorate: 637_319, ballot_papers: 225_461, good_1st: 210_294, turnout_declared: 35, first: [58_145, 826, 13_616, 1_968, 542, 2_242, 601, 3_174, 1_589, 2_718, 1_773, 812, 99_971, 939, 1_515, 1_004, 7_920, 5_906, 1_420, 3_613], second: [23_000, 1_408, 31_431, 4_374, 1_002, 3_905, 1_498, 5_591, 4_854, 5_619, 4_827, 2_058, 41_903, 1_508, 6_295, 1_925, 10_790, 14_946, 5_789, 4_248], rejected: [3_168, 537, 11_449, 11, 2] },
    Area2021 { name: "Croydon & Sutton", electorate: 432_130, ballot_papers: 184_614, good_1st: 177_672, turnout_declared: 42, first: [78_368, 522, 11_923, 1_585, 328, 1_239, 354, 3_774, 1_147, 1_702, 1_115, 619, 57_317, 883, 718, 819, 2_902, 9_153, 1_172, 2_032], second: [20_937, 1_123, 30_162, 4_672, 860, 2_258, 1_408, 10_125, 7_034, 3_959, 5_136, 2_355, 24_321, 1_961, 3_116, 1_702, 4_534, 21_314, 4_866, 2_680], rejected: [1_255, 157, 5_526, 2, 2] },
    Area2021 { name: "Ealing & Hillingdon", electorate: 447_103, ballot_papers: 212_457, good_1st: 202_021, turnout_declared: 47, first: [79_863, 736, 13_041, 1_691, 421, 1_755, 489, 3_248, 1_287, 3_132, 1_494, 691, 74_854, 797, 1_240, 569, 5_301, 7_267, 1_303, 2_842], second: [23_118, 1_524, 31_754, 5_147, 865, 3_066, 1_725, 8_709, 6_427, 6_062, 5_940, 2_609, 31_343, 1_819, 5_053, 1_464, 7_021, 19_239, 5_660, 3_655], rejected: [1_420, 580, 8_416, 20, 0] },
    Area2021 { name: "Enfield & Haringey", electorate: 404_492, ballot_papers: 172_169, good_1st: 162_863, turnout_declared: 42, first: [48_101, 585, 13_600, 1_452, 345, 1_666, 289, 2_386, 782, 1_792, 1_091, 670, 74_646, 726, 763, 1_041, 3_315, 5_903, 1_469, 2_241], second: [14_532, 937, 34_517, 3_921, 689, 2_495, 1_038, 5_813, 3_559, 3_982, 3_949, 1_907, 27_807, 1_299, 2_804, 1_778, 5_095, 14_829, 6_078, 2_543], rejected: [1_445, 346, 7_511, 2, 2] },
    Area2021 { name: "Greenwich & Lewisham", electorate: 402_501, ballot_papers: 172_175, good_1st: 165_027, turnout_declared: 42, first: [43_306, 508, 16_322, 2_149, 423, 1_448, 422, 3_358, 1_159, 1_877, 1_101, 659, 76_731, 782, 788, 885, 2_697, 6_291, 2_032, 2_089], second: [14_672, 1_003, 37_408, 4_960, 886, 2_306, 1_213, 6_441, 4_311, 4_365, 4_007, 2_098, 29_601, 1_513, 2_464, 1_631, 4_598, 15_165, 7_235, 2_638], rejected: [764, 561, 5_794, 15, 14] },
    Area2021 { name: "Havering & Redbridge", electorate: 402_404, ballot_papers: 170_969, good_1st: 163_813, turnout_declared: 42, first: [82_361, 463, 7_967, 1_188, 238, 1_047, 339, 3_644, 1_454, 1_352, 1_027, 508, 49_818, 947, 637, 609, 3_900, 3_669, 863, 1_782], second: [20_651, 1_212, 24_203, 4_179, 628, 2_186, 1_658, 10_713, 9_215, 3_188, 4_825, 1_899, 21_012, 2_020, 3_604, 1_356, 6_025, 12_240, 3_962, 2_761], rejected: [842, 2_029, 4_247, 18, 20] },
    Area2021 { name: "Lambeth & Southwark", electorate: 461_056, ballot_papers: 190_772, good_1st: 183_443, turnout_declared: 41, first: [36_471, 461, 21_149, 2_240, 570, 1_581, 544, 2_911, 770, 1_915, 1_100, 741, 93_437, 679, 934, 840, 2_779, 9_773, 2_346, 2_202], second: [14_170, 831, 46_710, 5_534, 1_141, 2_255, 1_416, 5_218, 2_467, 4_871, 3_469, 1_838, 34_836, 1_161, 2_388, 1_631, 4_700, 20_959, 8_458, 2_644], rejected: [1_298, 258, 5_765, 8, 0] },
    Area2021 { name: "Merton & Wandsworth", electorate: 387_795, ballot_papers: 183_776, good_1st: 178_302, turnout_declared: 47, first: [59_460, 509, 14_050, 1_865, 325, 1_090, 512, 3_334, 644, 1_870, 1_057, 478, 76_403, 568, 607, 479, 2_202, 9_445, 1_535, 1_869], second: [17_524, 990, 38_049, 5_423, 701, 1_870, 1_805, 8_758, 3_433, 5_143, 4_156, 1_772, 27_277, 1_395, 2_661, 1_248, 3_975, 22_700, 6_066, 2_524], rejected: [1_048, 120, 4_305, 1, 0] },
    Area2021 { name: "North East", electorate: 529_229, ballot_papers: 223_834, good_1st: 214_034, turnout_declared: 42, first: [44_233, 570, 24_257, 2_576, 575, 2_332, 440, 3_147, 808, 1_948, 1_311, 696, 111_359, 839, 1_545, 831, 4_137, 6_931, 2_784, 2_715], second: [15_189, 1_007, 56_121, 6_327, 1_087, 3_252, 1_317, 5_979, 3_753, 5_154, 4_475, 2_043, 40_595, 1_612, 3_850, 1_666, 6_215, 16_851, 10_042, 3_066], rejected: [1_487, 1_419, 6_868, 6, 20] },
    Area2021 { name: "South West", electorate: 459_309, ballot_papers: 219_800, good_1st: 211_805, turnout_declared: 47, first: [77_012, 577, 16_264, 1_986, 325, 1_375, 515, 4_271, 1_047, 2_515, 1_286, 657, 73_939, 753, 696, 474, 3_199, 21_104, 1_532, 2_278], second: [22_261, 1_200, 37_804, 5_578, 747, 2_196, 1_818, 10_929, 5_490, 5_519, 5_153, 2_283, 30_412, 1_852, 3_119, 1_250, 4_547, 37_465, 6_027, 3_105], rejected: [1_035, 990, 5_909, 45, 16] },
    Area2021 { name: "West Central", electorate: 365_443, ballot_papers: 144_698, good_1st: 139_554, turnout_declared: 39, first: [53_713, 427, 10_239, 1_301, 247, 1_299, 575, 3_858, 513, 1_811, 875, 413, 51_508, 662, 504, 370, 1_893, 6_507, 1_026, 1_813], second: [15_187, 837, 25_562, 3_881, 569, 2_036, 1_743, 9_332, 2_672, 5_051, 3_343, 1_500, 19_300, 1_343, 2_069, 927, 3_158, 15_933, 4_073, 2_592], rejected: [806, 401, 3_926, 11, 0] },
];

#[rustfmt::skip]
const MATRIX_2021: [MatrixRow2021; 20] = [
    MatrixRow2021 { first: "bailey", second: [102_707, 7_985, 105_167, 22_447, 3_839, 10_441, 10_170, 96_234, 59_955, 12_775, 26_831, 11_896, 83_530, 12_317, 17_456, 8_517, 18_909, 88_652, 16_475, 20_307], no_valid_second: 156_441 },
    MatrixRow2021 { first: "balayev", second: [982, 549, 603, 145, 102, 198, 82, 202, 129, 265, 260, 197, 1_400, 108, 315, 153, 148, 448, 206, 237], no_valid_second: 1_045 },
    MatrixRow2021 { first: "berry", second: [14_969, 944, 7_650, 5_343, 1_716, 1_782, 1_383, 1_764, 1_005, 4_653, 10_556, 2_002, 93_745, 617, 1_788, 1_048, 2_789, 24_920, 9_707, 1_246], no_valid_second: 8_349 },
    MatrixRow2021 { first: "binface", second: [2_473, 68, 2_647, 736, 252, 263, 353, 440, 181, 519, 652, 204, 11_408, 199, 266, 155, 615, 1_466, 528, 263], no_valid_second: 1_087 },
    MatrixRow2021 { first: "brown", second: [281, 54, 781, 156, 307, 126, 62, 101, 40, 88, 303, 59, 1_112, 77, 219, 139, 191, 220, 317, 134], no_valid_second: 538 },
    MatrixRow2021 { first: "corbyn", second: [1_628, 208, 1_323, 317, 204, 1_896, 166, 1_725, 476, 804, 604, 344, 3_104, 1_141, 626, 282, 764, 701, 496, 1_610], no_valid_second: 2_185 },
    MatrixRow2021 { first: "fosh", second: [849, 33, 471, 343, 32, 56, 223, 137, 86, 84, 122, 45, 1_722, 75, 373, 121, 724, 328, 112, 83], no_valid_second: 290 },
    MatrixRow2021 { first: "fox", second: [19_649, 294, 1_836, 1_252, 137, 2_343, 236, 2_390, 3_901, 535, 1_203, 589, 1_413, 3_690, 475, 156, 375, 1_390, 387, 2_538], no_valid_second: 2_845 },
    MatrixRow2021 { first: "gammons", second: [3_790, 135, 869, 302, 70, 440, 170, 1_386, 1_375, 233, 642, 382, 789, 386, 350, 119, 138, 619, 242, 604], no_valid_second: 1_352 },
    MatrixRow2021 { first: "hewison", second: [2_087, 335, 2_839, 448, 128, 711, 154, 354, 230, 2_293, 1_231, 507, 7_898, 169, 588, 155, 435, 4_121, 1_216, 611], no_valid_second: 1_502 },
    MatrixRow2021 { first: "hudson", second: [1_492, 145, 3_874, 419, 253, 275, 83, 320, 216, 479, 1_329, 192, 2_257, 211, 432, 94, 211, 827, 1_279, 257], no_valid_second: 2_181 },
    MatrixRow2021 { first: "kelleher", second: [1_347, 137, 937, 218, 50, 197, 56, 340, 212, 247, 174, 626, 1_244, 155, 162, 119, 128, 979, 221, 195], no_valid_second: 1_020 },
    MatrixRow2021 { first: "khan", second: [76_555, 3_035, 322_384, 29_913, 3_001, 10_053, 5_136, 4_139, 2_336, 33_646, 14_328, 8_620, 124_635, 1_296, 18_192, 6_216, 39_849, 128_600, 45_618, 5_670], no_valid_second: 130_499 },
    MatrixRow2021 { first: "kurten", second: [1_913, 93, 312, 182, 51, 1_156, 45, 2_551, 403, 89, 156, 128, 337, 743, 304, 130, 156, 233, 99, 851], no_valid_second: 1_093 },
    MatrixRow2021 { first: "london", second: [1_849, 237, 742, 230, 127, 265, 236, 239, 150, 278, 359, 133, 1_801, 227, 992, 420, 490, 721, 402, 316], no_valid_second: 1_655 },
    MatrixRow2021 { first: "obunge", second: [2_013, 143, 664, 137, 163, 187, 77, 78, 80, 147, 120, 110, 1_891, 101, 277, 824, 968, 356, 318, 208], no_valid_second: 820 },
    MatrixRow2021 { first: "omilana", second: [6_343, 146, 2_877, 1_950, 187, 932, 1_782, 334, 180, 684, 649, 179, 19_294, 134, 1_057, 961, 5_451, 917, 786, 958], no_valid_second: 3_827 },
    MatrixRow2021 { first: "porritt", second: [15_206, 629, 24_948, 2_514, 301, 608, 675, 1_368, 658, 6_161, 2_110, 2_163, 32_587, 295, 1_348, 517, 1_142, 6_459, 3_684, 1_019], no_valid_second: 7_324 },
    MatrixRow2021 { first: "reid", second: [1_675, 124, 3_984, 534, 340, 198, 117, 165, 76, 574, 1_237, 170, 7_609, 91, 341, 195, 373, 1_666, 774, 183], no_valid_second: 756 },
    MatrixRow2021 { first: "rose", second: [6_004, 397, 1_890, 535, 217, 2_228, 203, 2_463, 736, 1_089, 753, 290, 2_702, 1_011, 621, 318, 1_343, 1_289, 467, 3_384], no_valid_second: 3_171 },
];

// ---------------------------------------------------------------------------------------------
// Constituencies, 2024 (raw/london_2024_mayor_by_constituency.csv)
// ---------------------------------------------------------------------------------------------

/// The candidate columns of the 2024 CSV, in its order (alphabetical by surname).
const COLUMNS_2024: [&str; 13] = [
    "amin",
    "binface",
    "blackie",
    "campbell",
    "cox",
    "gallagher",
    "garbett",
    "ghulati",
    "hall",
    "khan",
    "michli",
    "rose",
    "scanlon",
];

struct Area2024 {
    name: &'static str,
    electorate: u64,
    good_votes: u64,
    rejected: u64,
    ballots_counted: u64,
    /// Votes, in `COLUMNS_2024` order.
    votes: [u64; 13],
}

#[rustfmt::skip]
const AREAS_2024: [Area2024; 14] = [
    Area2024 { name: "Barnet and Camden", electorate: 413_809, good_votes: 163_055, rejected: 770, ballots_counted: 163_825, votes: [1_833, 1_701, 8_480, 2_810, 4_266, 1_987, 9_044, 1_251, 57_465, 70_984, 1_669, 479, 1_086] },
    Area2024 { name: "Bexley and Bromley", electorate: 421_800, good_votes: 203_508, rejected: 550, ballots_counted: 204_058, votes: [1_899, 1_827, 10_111, 2_727, 9_243, 3_710, 8_600, 1_194, 111_216, 48_952, 1_513, 342, 2_174] },
    Area2024 { name: "Brent and Harrow", electorate: 428_775, good_votes: 158_085, rejected: 948, ballots_counted: 159_033, votes: [2_158, 1_265, 7_184, 4_512, 3_636, 1_702, 6_984, 2_933, 66_151, 58_743, 1_349, 486, 982] },
    Area2024 { name: "City and East", electorate: 628_856, good_votes: 194_840, rejected: 1_141, ballots_counted: 195_981, votes: [2_671, 1_918, 7_551, 4_149, 6_898, 2_686, 13_256, 2_692, 38_626, 108_977, 2_473, 924, 2_019] },
    Area2024 { name: "Croydon and Sutton", electorate: 440_715, good_votes: 185_523, rejected: 713, ballots_counted: 186_236, votes: [2_074, 1_689, 14_400, 3_695, 6_518, 3_166, 9_740, 1_774, 78_790, 59_482, 2_081, 414, 1_700] },
    Area2024 { name: "Ealing and Hillingdon", electorate: 453_892, good_votes: 194_185, rejected: 896, ballots_counted: 195_081, votes: [2_809, 1_997, 10_124, 3_587, 6_983, 2_643, 10_508, 2_659, 75_396, 73_257, 1_919, 542, 1_761] },
    Area2024 { name: "Enfield and Haringey", electorate: 399_677, good_votes: 164_526, rejected: 846, ballots_counted: 165_372, votes: [2_082, 1_471, 7_947, 3_056, 4_969, 2_495, 11_799, 1_032, 41_389, 82_725, 3_963, 579, 1_019] },
    Area2024 { name: "Greenwich and Lewisham", electorate: 399_703, good_votes: 160_430, rejected: 753, ballots_counted: 161_183, votes: [1_915, 1_706, 7_713, 3_502, 5_716, 2_813, 11_209, 1_033, 36_822, 83_792, 1_610, 507, 2_092] },
    Area2024 { name: "Havering and Redbridge", electorate: 402_497, good_votes: 172_255, rejected: 597, ballots_counted: 172_852, votes: [1_986, 1_466, 6_417, 2_775, 7_554, 2_252, 7_859, 3_692, 82_859, 50_780, 2_000, 592, 2_023] },
    Area2024 { name: "Lambeth and Southwark", electorate: 448_552, good_votes: 174_744, rejected: 788, ballots_counted: 175_532, votes: [1_675, 1_838, 11_463, 4_005, 3_990, 2_167, 12_446, 954, 26_347, 106_861, 1_528, 427, 1_043] },
    Area2024 { name: "Merton and Wandsworth", electorate: 384_678, good_votes: 176_259, rejected: 671, ballots_counted: 176_930, votes: [2_018, 1_889, 13_153, 3_439, 4_495, 2_192, 9_646, 1_030, 50_976, 84_725, 1_359, 376, 961] },
    Area2024 { name: "North East", electorate: 524_885, good_votes: 206_694, rejected: 1_028, ballots_counted: 207_722, votes: [2_134, 1_929, 7_399, 3_804, 4_485, 2_423, 17_907, 922, 34_099, 127_455, 2_087, 955, 1_095] },
    Area2024 { name: "South West", electorate: 455_381, good_votes: 205_362, rejected: 747, ballots_counted: 206_109, votes: [2_640, 2_304, 25_579, 3_202, 6_634, 2_771, 10_132, 2_436, 68_856, 77_011, 1_669, 528, 1_600] },
    Area2024 { name: "West Central", electorate: 359_208, good_votes: 124_966, rejected: 679, ballots_counted: 125_645, votes: [1_386, 1_260, 7_663, 2_552, 3_478, 1_442, 5_984, 1_100, 43_405, 54_481, 901, 350, 964] },
];

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

fn load(id: &str) -> Counted {
    tally::import::embedded::get(id)
        .unwrap_or_else(|| panic!("no embedded dataset `{id}`"))
        .load()
        .unwrap_or_else(|e| panic!("{id} does not load:\n{e}"))
}

/// The Supplementary Vote's declared second round, if the contest has one.
fn second_round(contest: &tally::model::Contest) -> Option<&tally::model::SecondRound> {
    match &contest.method {
        tally::model::Method::SupplementaryVote { second_round } => second_round.as_ref(),
        _ => None,
    }
}

fn index(contest: &Contest, id: &str) -> usize {
    contest
        .candidate_index(id)
        .unwrap_or_else(|| panic!("{}: no candidate `{id}`", contest.id))
}

fn votes(v: Option<tally::model::Votes>) -> Option<u64> {
    v.map(|v| v.get())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Check one year against its reference figures; returns the loaded dataset for extra checks.
fn check_year(y: &Year) -> Counted {
    let loaded = load(y.id);
    let contest = &loaded.contest;
    let count = &loaded.count;
    let id = y.id;

    // The literals themselves add up (catches a typing slip in this file).
    let typed_total: u64 = y.candidates.iter().map(|c| c.first).sum();
    assert_eq!(typed_total, y.valid, "{id}: reference candidates sum");

    // Date, system, candidates.
    let (yy, mm, dd) = y.date;
    assert_eq!(
        contest.date,
        NaiveDate::from_ymd_opt(yy, mm, dd),
        "{id}: date of poll"
    );
    assert_eq!(contest.method.system(), y.system, "{id}: voting system");
    assert_eq!(count.system, y.system, "{id}: counted with");
    assert_eq!(
        contest.candidates.len(),
        y.candidates.len(),
        "{id}: number of candidates"
    );
    assert!(
        loaded.warnings.is_empty(),
        "{id}: loads with warnings: {:?}",
        loaded.warnings
    );

    let round1 = count.first();
    assert_eq!(round1.number, 1, "{id}: first round number");
    let fp = contest
        .first_preferences
        .as_ref()
        .unwrap_or_else(|| panic!("{id}: no first_preferences"));
    for e in y.candidates {
        let i = index(contest, e.id);
        let cand = &contest.candidates[i];
        assert_eq!(cand.name, e.name, "{id}: name of `{}`", e.id);
        assert_eq!(cand.party, e.party, "{id}: party of `{}`", e.id);
        assert_eq!(
            fp.get(e.id).map(|v| v.get()),
            Some(e.first),
            "{id}: first preferences of `{}`",
            e.id
        );
        assert_eq!(
            round1.tally(i).map(|v| v.get()),
            Some(e.first),
            "{id}: round 1 votes of `{}`",
            e.id
        );
    }
    assert_eq!(fp.len(), y.candidates.len(), "{id}: first_preferences keys");
    assert_eq!(
        fp.total().map(|v| v.get()),
        Some(y.valid),
        "{id}: first preferences total"
    );
    let round1_total: u64 = (0..round1.votes.len())
        .filter_map(|i| round1.tally(i))
        .map(|v| v.get())
        .sum();
    assert_eq!(round1_total, y.valid, "{id}: round 1 total");
    assert_eq!(round1.continuing, y.valid, "{id}: round 1 continuing");
    assert_eq!(round1.exhausted, 0, "{id}: round 1 exhausted");
    assert_eq!(count.valid, y.valid, "{id}: count.valid");
    assert_eq!(
        votes(contest.valid_votes),
        Some(y.valid),
        "{id}: valid_votes"
    );

    // Known figures equal the reference; unknown ones are absent, not zero.
    assert_eq!(votes(contest.electorate), y.electorate, "{id}: electorate");
    assert_eq!(
        votes(contest.ballot_papers),
        y.ballot_papers,
        "{id}: ballot_papers"
    );
    assert_eq!(votes(contest.rejected), y.rejected, "{id}: rejected");
    if let (Some(b), Some(r)) = (y.ballot_papers, y.rejected) {
        assert_eq!(
            b,
            y.valid + r,
            "{id}: reference ballot papers = valid + rejected"
        );
    }

    match (y.rejected_reasons, &contest.rejected_reasons) {
        (None, None) => {}
        (Some(expected), Some(got)) => check_reasons(id, "", expected, got),
        (expected, got) => panic!("{id}: rejected_reasons: expected {expected:?}, got {got:?}"),
    }

    // Turnout as published.
    match (&y.turnout, &contest.turnout) {
        (None, None) => {}
        (Some(t), Some(got)) => {
            assert!(
                t.percent.iter().any(|&p| close(p, got.percent)),
                "{id}: turnout {}%, expected one of {:?}",
                got.percent,
                t.percent
            );
            if let Some(basis) = t.basis {
                assert_eq!(got.basis, basis, "{id}: turnout basis");
            }
            assert_eq!(got.approximate, t.approximate, "{id}: turnout approximate");
        }
        (t, got) => panic!(
            "{id}: turnout: expected {:?}, got {got:?}",
            t.as_ref().map(|t| t.percent)
        ),
    }

    // All-ballot second choices (a).
    let typed_second: Vec<(&str, u64)> = y
        .candidates
        .iter()
        .filter_map(|c| c.second.map(|s| (c.id, s)))
        .collect();
    if typed_second.is_empty() {
        assert!(
            contest.second_choices.is_none(),
            "{id}: second_choices given but the reference has none"
        );
    } else {
        assert_eq!(typed_second.len(), y.candidates.len());
        let sc = contest
            .second_choices
            .as_ref()
            .unwrap_or_else(|| panic!("{id}: no second_choices"));
        assert_eq!(sc.len(), typed_second.len(), "{id}: second_choices keys");
        for (cid, s) in &typed_second {
            assert_eq!(
                sc.get(cid).map(|v| v.get()),
                Some(*s),
                "{id}: second choices (a) of `{cid}`"
            );
        }
        let typed_sum: u64 = typed_second.iter().map(|(_, s)| s).sum();
        if let Some(total) = y.second_choices_total {
            assert_eq!(typed_sum, total, "{id}: reference second choices sum");
        }
        assert_eq!(
            sc.total().map(|v| v.get()),
            Some(typed_sum),
            "{id}: second choices total"
        );
    }

    // The outcome.
    match &y.outcome {
        Outcome::SecondRound {
            winner,
            runner_up,
            non_transferable,
            margin,
        } => check_second_round(
            &loaded,
            winner,
            runner_up,
            *non_transferable,
            *margin,
            y.valid,
        ),
        Outcome::OneRound { winner } => {
            assert_eq!(count.rounds.len(), 1, "{id}: number of rounds");
            assert!(second_round(contest).is_none(), "{id}: second_round");
            let w = index(contest, winner);
            assert_eq!(count.winner(), Some(w), "{id}: winner");
            assert_eq!(round1.elected, vec![w], "{id}: elected in round 1");
            let mut sorted: Vec<u64> = y.candidates.iter().map(|c| c.first).collect();
            sorted.sort_unstable_by(|a, b| b.cmp(a));
            assert_eq!(
                count.margin().map(|v| v.get()),
                Some(sorted[0] - sorted[1]),
                "{id}: margin"
            );
        }
    }

    for needle in y.notes_mention {
        assert!(
            contest.notes.iter().any(|n| n.contains(needle)),
            "{id}: no note mentions {needle}: {:#?}",
            contest.notes
        );
    }
    assert!(!contest.sources.is_empty(), "{id}: cites no sources");

    loaded
}

fn check_reasons(id: &str, area: &str, expected: &[(&str, u64)], got: &VoteMap) {
    assert_eq!(
        got.len(),
        expected.len(),
        "{id}{area}: rejected reasons {:?}",
        got.keys().collect::<Vec<_>>()
    );
    for (reason, n) in expected {
        assert_eq!(
            got.get(reason).map(|v| v.get()),
            Some(*n),
            "{id}{area}: rejected `{reason}`"
        );
    }
}

fn check_second_round(
    loaded: &Counted,
    winner: &Finalist,
    runner_up: &Finalist,
    non_transferable: u64,
    margin: Option<u64>,
    valid: u64,
) {
    let contest = &loaded.contest;
    let count: &Count = &loaded.count;
    let id = contest.id.as_str();

    // The literals add up.
    let fp = |cid: &str| {
        contest
            .first_preferences
            .as_ref()
            .unwrap()
            .get(cid)
            .unwrap()
            .get()
    };
    for f in [winner, runner_up] {
        assert_eq!(
            fp(f.id) + f.transfers,
            f.total,
            "{id}: reference first + transfers = final for `{}`",
            f.id
        );
    }
    assert_eq!(
        winner.total + runner_up.total + non_transferable,
        valid,
        "{id}: reference finals + non-transferable = valid"
    );
    let expected_margin = winner.total - runner_up.total;
    if let Some(m) = margin {
        assert_eq!(m, expected_margin, "{id}: reference margin");
    }

    let w = index(contest, winner.id);
    let r = index(contest, runner_up.id);
    assert_eq!(count.rounds.len(), 2, "{id}: number of rounds");

    // Round 1: nobody over half; everyone but the two finalists eliminated at once.
    let round1 = count.first();
    assert!(round1.elected.is_empty(), "{id}: nobody elected in round 1");
    let mut eliminated = round1.eliminated.clone();
    eliminated.sort_unstable();
    let others: Vec<usize> = (0..contest.candidates.len())
        .filter(|&i| i != w && i != r)
        .collect();
    assert_eq!(eliminated, others, "{id}: eliminated after round 1");

    // Round 2.
    let round2 = &count.rounds[1];
    assert_eq!(round2.number, 2, "{id}: second round number");
    for f in [winner, runner_up] {
        let i = index(contest, f.id);
        assert_eq!(
            round2.received(i),
            f.transfers,
            "{id}: transfers to `{}`",
            f.id
        );
        assert_eq!(
            round2.tally(i).map(|v| v.get()),
            Some(f.total),
            "{id}: final for `{}`",
            f.id
        );
    }
    for &i in &others {
        assert_eq!(
            round2.tally(i),
            None,
            "{id}: `{}` still in round 2",
            contest.candidates[i].id
        );
    }
    assert_eq!(round2.exhausted, non_transferable, "{id}: non-transferable");
    assert_eq!(
        round2.newly_exhausted(),
        non_transferable,
        "{id}: newly non-transferable in round 2"
    );
    assert_eq!(
        round2.continuing,
        winner.total + runner_up.total,
        "{id}: round 2 continuing"
    );
    assert_eq!(round2.elected, vec![w], "{id}: elected in round 2");
    assert_eq!(count.winner(), Some(w), "{id}: winner");
    assert_eq!(
        count.margin().map(|v| v.get()),
        Some(expected_margin),
        "{id}: margin"
    );

    // What the dataset declares for round 2, where it declares it.
    let second = second_round(contest).unwrap_or_else(|| panic!("{id}: no second_round"));
    if let Some(t) = &second.transfers {
        assert_eq!(
            t.get(winner.id).map(|v| v.get()),
            Some(winner.transfers),
            "{id}: declared transfers"
        );
        assert_eq!(
            t.get(runner_up.id).map(|v| v.get()),
            Some(runner_up.transfers),
            "{id}: declared transfers"
        );
    }
    if let Some(t) = &second.totals {
        assert_eq!(
            t.get(winner.id).map(|v| v.get()),
            Some(winner.total),
            "{id}: declared totals"
        );
        assert_eq!(
            t.get(runner_up.id).map(|v| v.get()),
            Some(runner_up.total),
            "{id}: declared totals"
        );
    }
    if let Some(n) = second.non_transferable {
        assert_eq!(n.get(), non_transferable, "{id}: declared non-transferable");
    }
}

/// The dataset's area with this name (the reference CSVs write "&" where the datasets write
/// "and", so the comparison is on the "and" spelling).
fn area<'a>(areas: &'a [Area], id: &str, name: &str) -> &'a Area {
    let name = name.replace(" & ", " and ");
    let found: Vec<&Area> = areas.iter().filter(|a| a.name == name).collect();
    assert_eq!(found.len(), 1, "{id}: areas named `{name}`");
    found[0]
}

fn check_area_ids(id: &str, areas: &[Area]) {
    let mut ids: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), areas.len(), "{id}: area ids are not distinct");
}

// ---------------------------------------------------------------------------------------------
// One test per year
// ---------------------------------------------------------------------------------------------

#[test]
fn london_2000() {
    check_year(&Y2000);
}

#[test]
fn london_2004() {
    let loaded = check_year(&Y2004);
    // The "done when" line, spelled out.
    let c = &loaded.contest;
    let (livingstone, norris) = (index(c, "livingstone"), index(c, "norris"));
    let r1 = &loaded.count.rounds[0];
    let r2 = &loaded.count.rounds[1];
    assert_eq!(r1.tally(livingstone).map(|v| v.get()), Some(685_541));
    assert_eq!(r2.tally(livingstone).map(|v| v.get()), Some(828_380));
    assert_eq!(r1.tally(norris).map(|v| v.get()), Some(542_423));
    assert_eq!(r2.tally(norris).map(|v| v.get()), Some(667_178));
    assert_eq!(r2.exhausted, 368_113);
    assert_eq!(
        c.first_preferences
            .as_ref()
            .unwrap()
            .get("german")
            .map(|v| v.get()),
        Some(61_731)
    );
}

#[test]
fn london_2008() {
    check_year(&Y2008);
}

#[test]
fn london_2012() {
    check_year(&Y2012);
}

#[test]
fn london_2016() {
    let loaded = check_year(&Y2016);
    let contest = &loaded.contest;
    let id = contest.id.as_str();
    assert!(contest.areas.is_some(), "{id}: no areas");
    let areas = contest.areas.as_deref().unwrap();
    assert_eq!(areas.len(), 14, "{id}: number of constituencies");
    check_area_ids(id, areas);

    let mut first_sums = [0u64; 12];
    let mut second_sums = [0u64; 12];
    let mut reason_sums = [0u64; 5];
    for e in &AREAS_2016 {
        let a = area(areas, id, e.name);
        let at = format!(" {}", e.name);
        let rejected: u64 = e.rejected.iter().sum();

        // The typed row adds up.
        assert_eq!(
            e.first.iter().sum::<u64>(),
            e.good_1st,
            "{id}{at}: typed row"
        );

        assert_eq!(
            votes(a.valid_votes),
            Some(e.good_1st),
            "{id}{at}: valid votes"
        );
        assert_eq!(votes(a.rejected), Some(rejected), "{id}{at}: rejected");
        assert_eq!(
            votes(a.ballot_papers),
            Some(e.good_1st + rejected),
            "{id}{at}: ballot papers"
        );
        assert_eq!(
            votes(a.electorate),
            None,
            "{id}{at}: electorate is not established"
        );
        let expected_reasons: Vec<(&str, u64)> = REJECTED_2016
            .iter()
            .copied()
            .zip(e.rejected.iter().copied())
            .collect();
        let reasons = a
            .rejected_reasons
            .as_ref()
            .unwrap_or_else(|| panic!("{id}{at}: no rejected reasons"));
        check_reasons(id, &at, &expected_reasons, reasons);

        let fp = a
            .first_preferences
            .as_ref()
            .unwrap_or_else(|| panic!("{id}{at}: not declared"));
        assert_eq!(fp.len(), 12, "{id}{at}: first preference keys");
        let sc = a
            .second_choices
            .as_ref()
            .unwrap_or_else(|| panic!("{id}{at}: no second choices"));
        assert_eq!(sc.len(), 12, "{id}{at}: second choice keys");
        for (k, cid) in COLUMNS_2016.iter().enumerate() {
            assert_eq!(
                fp.get(cid).map(|v| v.get()),
                Some(e.first[k]),
                "{id}{at}: first preferences of `{cid}`"
            );
            assert_eq!(
                sc.get(cid).map(|v| v.get()),
                Some(e.second[k]),
                "{id}{at}: second choices of `{cid}`"
            );
            first_sums[k] += e.first[k];
            second_sums[k] += e.second[k];
        }
        for (k, n) in e.rejected.iter().enumerate() {
            reason_sums[k] += n;
        }
    }

    // The constituencies add up to the London-wide reference figures.
    for (k, cid) in COLUMNS_2016.iter().enumerate() {
        let e = Y2016.candidates.iter().find(|c| c.id == *cid).unwrap();
        assert_eq!(
            first_sums[k], e.first,
            "{id}: constituencies' `{cid}` first preferences"
        );
        assert_eq!(
            Some(second_sums[k]),
            e.second,
            "{id}: constituencies' `{cid}` second choices"
        );
    }
    for (k, reason) in REJECTED_2016.iter().enumerate() {
        let total = Y2016
            .rejected_reasons
            .unwrap()
            .iter()
            .find(|(r, _)| r == reason)
            .unwrap()
            .1;
        assert_eq!(
            reason_sums[k], total,
            "{id}: constituencies' rejected `{reason}`"
        );
    }
}

#[test]
fn london_2021() {
    let loaded = check_year(&Y2021);
    let contest = &loaded.contest;
    let id = contest.id.as_str();

    // Turnout is computed from the electorate: 2,645,558 / 6,191,387 = 42.73%.
    let turnout = tally::story::summary::turnout(contest).unwrap();
    assert!(turnout.computed, "{id}: turnout is computed");
    assert_eq!(
        turnout.basis,
        TurnoutBasis::BallotPapers,
        "{id}: turnout basis"
    );
    assert_eq!(format!("{:.2}", turnout.percent), "42.73", "{id}: turnout");

    // Where the new figures come from.
    let cited = |needle: &str| {
        contest.sources.iter().any(|s| {
            s.title.contains(needle) || s.url.as_deref().is_some_and(|u| u.contains(needle))
        })
    };
    for needle in [
        "mattkerlogue/londonelect2021",
        "b8ad4e9b9fc5746d0ba123bdbf662e5820678d65",
        "Mayoral_Final_Results_2021.pdf",
        "pages 5-8",
    ] {
        assert!(cited(needle), "{id}: no source cites {needle}");
    }
    for stale in ["not established", "not obtained", "press reports"] {
        assert!(
            !contest.notes.iter().any(|n| n.contains(stale)),
            "{id}: a note still says {stale}: {:#?}",
            contest.notes
        );
    }
    assert!(
        contest
            .notes
            .iter()
            .any(|n| n.contains("declaration times are unknown")),
        "{id}: the notes do not say the declaration times are unknown"
    );

    check_areas_2021(contest);
    check_matrix_2021(&loaded);
}

/// The 14 constituencies, figure by figure, against the constituency CSV.
fn check_areas_2021(contest: &Contest) {
    let id = contest.id.as_str();
    let areas = contest
        .areas
        .as_deref()
        .unwrap_or_else(|| panic!("{id}: no areas"));
    assert_eq!(areas.len(), 14, "{id}: number of constituencies");
    check_area_ids(id, areas);

    // The same areas, ids and names as the other years with constituencies, in the same
    // order, so that they match across years.
    for other in ["london-2016", "london-2024"] {
        let theirs = load(other).contest.areas.unwrap();
        let pairs = |a: &[Area]| {
            a.iter()
                .map(|a| (a.id.clone(), a.name.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(pairs(areas), pairs(&theirs), "{id}: areas as in {other}");
    }

    let mut first_sums = [0u64; 20];
    let mut second_sums = [0u64; 20];
    let mut reason_sums = [0u64; 5];
    let (mut electorate, mut ballot_papers, mut valid) = (0, 0, 0);
    for e in &AREAS_2021 {
        let a = area(areas, id, e.name);
        let at = format!(" {}", e.name);
        let rejected: u64 = e.rejected.iter().sum();

        // The typed row adds up.
        assert_eq!(
            e.first.iter().sum::<u64>(),
            e.good_1st,
            "{id}{at}: typed row"
        );
        assert_eq!(
            e.good_1st + rejected,
            e.ballot_papers,
            "{id}{at}: typed row"
        );
        // The declared turnout is the computed one rounded down to a whole percent.
        assert_eq!(
            e.ballot_papers * 100 / e.electorate,
            e.turnout_declared,
            "{id}{at}: typed turnout"
        );

        assert_eq!(
            votes(a.electorate),
            Some(e.electorate),
            "{id}{at}: electorate"
        );
        assert_eq!(
            votes(a.ballot_papers),
            Some(e.ballot_papers),
            "{id}{at}: ballot papers"
        );
        assert_eq!(
            votes(a.valid_votes),
            Some(e.good_1st),
            "{id}{at}: valid votes"
        );
        assert_eq!(votes(a.rejected), Some(rejected), "{id}{at}: rejected");
        assert_eq!(
            a.declared_at, None,
            "{id}{at}: declaration times are unknown"
        );
        let expected_reasons: Vec<(&str, u64)> = REJECTED_2016
            .iter()
            .copied()
            .zip(e.rejected.iter().copied())
            .collect();
        let reasons = a
            .rejected_reasons
            .as_ref()
            .unwrap_or_else(|| panic!("{id}{at}: no rejected reasons"));
        check_reasons(id, &at, &expected_reasons, reasons);

        let fp = a
            .first_preferences
            .as_ref()
            .unwrap_or_else(|| panic!("{id}{at}: not declared"));
        assert_eq!(fp.len(), 20, "{id}{at}: first preference keys");
        let sc = a
            .second_choices
            .as_ref()
            .unwrap_or_else(|| panic!("{id}{at}: no second choices"));
        assert_eq!(sc.len(), 20, "{id}{at}: second choice keys");
        for (k, cid) in COLUMNS_2021.iter().enumerate() {
            assert_eq!(
                fp.get(cid).map(|v| v.get()),
                Some(e.first[k]),
                "{id}{at}: first preferences of `{cid}`"
            );
            assert_eq!(
                sc.get(cid).map(|v| v.get()),
                Some(e.second[k]),
                "{id}{at}: second choices of `{cid}`"
            );
            first_sums[k] += e.first[k];
            second_sums[k] += e.second[k];
        }
        for (k, n) in e.rejected.iter().enumerate() {
            reason_sums[k] += n;
        }
        electorate += e.electorate;
        ballot_papers += e.ballot_papers;
        valid += e.good_1st;
    }

    // The constituencies add up to the London-wide reference figures.
    assert_eq!(
        Some(electorate),
        Y2021.electorate,
        "{id}: constituencies' electorate"
    );
    assert_eq!(
        Some(ballot_papers),
        Y2021.ballot_papers,
        "{id}: constituencies' ballot papers"
    );
    assert_eq!(valid, Y2021.valid, "{id}: constituencies' valid votes");
    for (k, cid) in COLUMNS_2021.iter().enumerate() {
        let e = Y2021.candidates.iter().find(|c| c.id == *cid).unwrap();
        assert_eq!(
            first_sums[k], e.first,
            "{id}: constituencies' `{cid}` first preferences"
        );
        assert_eq!(
            Some(second_sums[k]),
            e.second,
            "{id}: constituencies' `{cid}` second choices"
        );
    }
    for (k, reason) in REJECTED_2016.iter().enumerate() {
        let total = Y2021
            .rejected_reasons
            .unwrap()
            .iter()
            .find(|(r, _)| r == reason)
            .unwrap()
            .1;
        assert_eq!(
            reason_sums[k], total,
            "{id}: constituencies' rejected `{reason}`"
        );
    }
}

/// The first-by-second matrix, cell by cell, and the second round the count derives from it,
/// source by source.
fn check_matrix_2021(loaded: &Counted) {
    let contest = &loaded.contest;
    let id = contest.id.as_str();
    let second = second_round(contest).unwrap();
    let rows = second
        .matrix
        .as_deref()
        .unwrap_or_else(|| panic!("{id}: no second_round.matrix"));
    assert_eq!(rows.len(), 20, "{id}: matrix rows");

    let first_of = |cid: &str| Y2021.candidates.iter().find(|c| c.id == cid).unwrap();
    let mut column_sums = [0u64; 20];
    let mut same_as_first = 0;
    let mut no_valid_second = 0;
    for e in &MATRIX_2021 {
        let me = COLUMNS_2021.iter().position(|c| *c == e.first).unwrap();
        // The typed row adds up to the candidate's first preferences.
        assert_eq!(
            e.second.iter().sum::<u64>() + e.no_valid_second,
            first_of(e.first).first,
            "{id}: typed matrix row `{}`",
            e.first
        );
        let row: Vec<_> = rows.iter().filter(|r| r.first == e.first).collect();
        assert_eq!(row.len(), 1, "{id}: matrix rows for `{}`", e.first);
        let got = &row[0].second;
        // Every cell but "same as first", which the format leaves out.
        assert_eq!(got.len(), 19, "{id}: matrix row `{}` cells", e.first);
        assert_eq!(
            got.get(e.first),
            None,
            "{id}: matrix `{}` → itself",
            e.first
        );
        for (k, cid) in COLUMNS_2021.iter().enumerate() {
            column_sums[k] += e.second[k];
            if k == me {
                continue;
            }
            assert_eq!(
                got.get(cid).map(|v| v.get()),
                Some(e.second[k]),
                "{id}: matrix `{}` → `{cid}`",
                e.first
            );
        }
        same_as_first += e.second[me];
        no_valid_second += e.no_valid_second;
    }
    // As LE21 reports them: same as first 265,343; unmarked 319,978 + rejected 8,002.
    assert_eq!(same_as_first, 265_343, "{id}: typed matrix diagonal");
    assert_eq!(
        no_valid_second,
        319_978 + 8_002,
        "{id}: typed no valid second"
    );
    for (k, cid) in COLUMNS_2021.iter().enumerate() {
        assert_eq!(
            Some(column_sums[k]),
            first_of(cid).second,
            "{id}: typed matrix column `{cid}` against the second choices"
        );
    }

    // Round 2, source by source: each eliminated candidate's ballots go to Khan, to Bailey
    // or nowhere, by the matrix.
    let (khan, bailey) = (index(contest, "khan"), index(contest, "bailey"));
    let round2 = &loaded.count.rounds[1];
    let col = |cid: &str| COLUMNS_2021.iter().position(|c| *c == cid).unwrap();
    let (mut to_khan, mut to_bailey, mut nowhere) = (0, 0, 0);
    let mut sources = 0;
    for e in MATRIX_2021
        .iter()
        .filter(|e| e.first != "khan" && e.first != "bailey")
    {
        let from = index(contest, e.first);
        let moved = |to: tally::count::Destination| {
            let found: Vec<u64> = round2
                .transfers
                .iter()
                .filter(|t| t.from == [from] && t.to == to)
                .map(|t| t.votes.get())
                .collect();
            assert_eq!(found.len(), 1, "{id}: transfers `{}` → {to:?}", e.first);
            found[0]
        };
        let k = moved(tally::count::Destination::Candidate(khan));
        let b = moved(tally::count::Destination::Candidate(bailey));
        let x = moved(tally::count::Destination::Exhausted);
        assert_eq!(k, e.second[col("khan")], "{id}: `{}` → khan", e.first);
        assert_eq!(b, e.second[col("bailey")], "{id}: `{}` → bailey", e.first);
        assert_eq!(
            k + b + x,
            first_of(e.first).first,
            "{id}: `{}`'s ballots all accounted for",
            e.first
        );
        to_khan += k;
        to_bailey += b;
        nowhere += x;
        sources += 1;
    }
    assert_eq!(sources, 18, "{id}: eliminated candidates");
    assert_eq!(
        round2.transfers.len(),
        18 * 3,
        "{id}: transfers, 3 per source"
    );
    // They sum to the declared round: Khan +192,313, Bailey +84,550, 347,722 non-transferable.
    assert_eq!(
        (to_khan, to_bailey, nowhere),
        (192_313, 84_550, 347_722),
        "{id}: round 2"
    );
    // Two that the issue names.
    let one = |from: &str, to: usize| {
        round2
            .transfers
            .iter()
            .find(|t| {
                t.from == [index(contest, from)] && t.to == tally::count::Destination::Candidate(to)
            })
            .map(|t| t.votes.get())
    };
    assert_eq!(one("berry", khan), Some(93_745), "{id}: Berry → Khan");
    assert_eq!(
        one("porritt", bailey),
        Some(15_206),
        "{id}: Porritt → Bailey"
    );
}

/// Every cell of both 2021 reference CSVs against the dataset, when the reference is at
/// hand (`../shared/reference`, which a fresh clone does not have): `cargo test -- --ignored`.
#[test]
#[ignore = "reads ../shared/reference, which a fresh clone does not have"]
fn london_2021_against_the_reference_csvs() {
    let raw = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/raw");
    let read = |name: &str| {
        std::fs::read_to_string(raw.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let loaded = load("london-2021");
    let contest = &loaded.contest;
    let areas = contest.areas.as_deref().unwrap();
    let reasons = [
        ("rej1_unmarked", "unmarked"),
        ("rej1_uncertain", "uncertain"),
        ("rej1_too_many", "voting for too many"),
        ("rej1_identifying", "writing identifying voter"),
        ("rej1_no_official_mark", "want of official mark"),
    ];

    let text = read("london_2021_mayor_by_constituency_londonelects.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut seen = 0;
    for line in lines.filter(|l| !l.is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), header.len(), "{line}");
        let a = area(areas, "london-2021", cells[0]);
        let number = |c: &str| -> u64 { c.parse().unwrap_or_else(|_| panic!("{c:?} in {line}")) };
        let mut checked = 0;
        for (h, c) in header.iter().zip(&cells) {
            let at = format!("{} {h}", cells[0]);
            let got = match *h {
                "electorate" => votes(a.electorate),
                "ballot_papers" => votes(a.ballot_papers),
                "good_1" => votes(a.valid_votes),
                "rej1_total" => votes(a.rejected),
                _ => {
                    if let Some((_, reason)) = reasons.iter().find(|(k, _)| k == h) {
                        a.rejected_reasons
                            .as_ref()
                            .unwrap()
                            .get(reason)
                            .map(|v| v.get())
                    } else if let Some(cid) = h.strip_suffix("_1").filter(|c| *c != "good") {
                        let cid = cid.to_lowercase();
                        a.first_preferences
                            .as_ref()
                            .unwrap()
                            .get(&cid)
                            .map(|v| v.get())
                    } else if let Some(cid) = h.strip_suffix("_2").filter(|c| *c != "good") {
                        let cid = cid.to_lowercase();
                        a.second_choices
                            .as_ref()
                            .unwrap()
                            .get(&cid)
                            .map(|v| v.get())
                    } else {
                        continue;
                    }
                }
            };
            assert_eq!(got, Some(number(c)), "{at}");
            checked += 1;
        }
        assert_eq!(checked, 4 + 5 + 40, "{}: cells checked", cells[0]);
        seen += 1;
    }
    assert_eq!(seen, 14);

    let rows = second_round(contest).unwrap().matrix.as_deref().unwrap();
    let text = read("london_2021_mayor_first_by_second_matrix_londonelects.csv");
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|h| h.rsplit(' ').next().unwrap().to_lowercase())
        .collect();
    let mut seen = 0;
    for line in lines.filter(|l| !l.starts_with("second_choice_total")) {
        let cells: Vec<&str> = line.split(',').collect();
        let first = cells[0].rsplit(' ').next().unwrap().to_lowercase();
        let row = rows.iter().find(|r| r.first == first).unwrap();
        for (h, c) in header.iter().zip(&cells).skip(1).take(20) {
            let expected: u64 = c.parse().unwrap();
            let got = row.second.get(h).map(|v| v.get());
            if *h == first {
                assert_eq!(got, None, "{first} → itself is left out");
            } else {
                assert_eq!(got, Some(expected), "{first} → {h}");
            }
        }
        seen += 1;
    }
    assert_eq!(seen, 20);
}

#[test]
fn london_2024() {
    let loaded = check_year(&Y2024);
    let contest = &loaded.contest;
    let id = contest.id.as_str();

    let hall = index(contest, "hall");
    assert_eq!(
        loaded.count.rounds[0].tally(hall).map(|v| v.get()),
        Some(812_397)
    );
    assert_eq!(loaded.count.winner(), Some(index(contest, "khan")));

    assert!(contest.areas.is_some(), "{id}: no areas");
    let areas = contest.areas.as_deref().unwrap();
    assert_eq!(areas.len(), 14, "{id}: number of constituencies");
    check_area_ids(id, areas);

    let mut sums = [0u64; 13];
    let (mut electorate, mut good, mut rejected, mut ballots) = (0, 0, 0, 0);
    for e in &AREAS_2024 {
        let a = area(areas, id, e.name);
        let at = format!(" {}", e.name);

        // The typed row adds up.
        assert_eq!(
            e.votes.iter().sum::<u64>(),
            e.good_votes,
            "{id}{at}: typed row"
        );
        assert_eq!(
            e.good_votes + e.rejected,
            e.ballots_counted,
            "{id}{at}: typed row"
        );

        assert_eq!(
            votes(a.electorate),
            Some(e.electorate),
            "{id}{at}: electorate"
        );
        assert_eq!(
            votes(a.valid_votes),
            Some(e.good_votes),
            "{id}{at}: valid votes"
        );
        assert_eq!(votes(a.rejected), Some(e.rejected), "{id}{at}: rejected");
        assert_eq!(
            votes(a.ballot_papers),
            Some(e.ballots_counted),
            "{id}{at}: ballot papers"
        );
        let fp = a
            .first_preferences
            .as_ref()
            .unwrap_or_else(|| panic!("{id}{at}: not declared"));
        assert_eq!(fp.len(), 13, "{id}{at}: vote keys");
        for (k, cid) in COLUMNS_2024.iter().enumerate() {
            assert_eq!(
                fp.get(cid).map(|v| v.get()),
                Some(e.votes[k]),
                "{id}{at}: votes of `{cid}`"
            );
            sums[k] += e.votes[k];
        }
        electorate += e.electorate;
        good += e.good_votes;
        rejected += e.rejected;
        ballots += e.ballots_counted;
    }

    // The constituencies add up to the London-wide reference figures.
    assert_eq!(
        Some(electorate),
        Y2024.electorate,
        "{id}: constituencies' electorate"
    );
    assert_eq!(good, Y2024.valid, "{id}: constituencies' good votes");
    assert_eq!(
        Some(rejected),
        Y2024.rejected,
        "{id}: constituencies' rejected"
    );
    assert_eq!(
        Some(ballots),
        Y2024.ballot_papers,
        "{id}: constituencies' ballot papers"
    );
    for (k, cid) in COLUMNS_2024.iter().enumerate() {
        let e = Y2024.candidates.iter().find(|c| c.id == *cid).unwrap();
        assert_eq!(sums[k], e.first, "{id}: constituencies' `{cid}` votes");
    }

    // The published 40.50% is ballot papers over electorate.
    let computed = ballots as f64 * 100.0 / electorate as f64;
    assert!((computed - 40.50).abs() < 0.005, "{id}: turnout {computed}");
}

#[test]
fn every_embedded_dataset_is_checked_here() {
    let ids: Vec<&str> = tally::import::embedded::ALL.iter().map(|e| e.id).collect();
    let checked = [
        Y2000.id, Y2004.id, Y2008.id, Y2012.id, Y2016.id, Y2021.id, Y2024.id,
    ];
    assert_eq!(ids, checked);
}

/// Every party label in the reference tables, with the party id the embedded datasets give
/// it. A party that changed its label keeps its id (London Real → London Real Party; Count
/// Binface for Mayor of London → Count Binface Party). A new party is a new id, even when
/// people moved from an old one (Left List split from Respect; Reform UK is not UKIP;
/// Christian Choice was a joint list of two parties).
const PARTY_IDS: &[(&str, &str)] = &[
    ("Labour", "labour"),
    ("Conservative", "conservative"),
    ("Liberal Democrat", "liberal-democrat"),
    ("Green", "green"),
    ("Christian Peoples Alliance", "christian-peoples-alliance"),
    ("British National Party", "british-national-party"),
    ("UK Independence Party", "uk-independence-party"),
    ("Pro-Motorist and Small Shop", "pro-motorist-and-small-shop"),
    ("Natural Law Party", "natural-law-party"),
    ("Respect", "respect"),
    (
        "Independent Working Class Association",
        "independent-working-class-association",
    ),
    (
        "Christian Choice (Christian Peoples Alliance and Christian Party)",
        "christian-choice",
    ),
    ("Left List", "left-list"),
    ("English Democrats", "english-democrats"),
    ("Women's Equality Party", "womens-equality-party"),
    ("Britain First", "britain-first"),
    (
        "Cannabis is Safer than Alcohol",
        "cannabis-is-safer-than-alcohol",
    ),
    ("One Love Party", "one-love-party"),
    ("Reclaim", "reclaim"),
    ("London Real", "london-real"),
    ("London Real Party", "london-real"),
    ("Rejoin EU", "rejoin-eu"),
    ("Count Binface for Mayor of London", "count-binface"),
    ("Count Binface Party", "count-binface"),
    ("Let London Live", "let-london-live"),
    ("Animal Welfare Party", "animal-welfare-party"),
    ("Heritage Party", "heritage-party"),
    ("Social Democratic Party", "social-democratic-party"),
    ("Renew", "renew"),
    ("Burning Pink", "burning-pink"),
    ("Reform UK", "reform-uk"),
];

/// The reference's labels for candidates who stood for no party.
const INDEPENDENT: &[&str] = &["Independent", "Independent (no description)"];

#[test]
fn every_party_has_its_stable_id_and_independents_have_none() {
    let mut used: Vec<&str> = Vec::new();
    for e in tally::import::embedded::ALL {
        let (id, l) = (e.id, load(e.id));
        for cand in &l.contest.candidates {
            if INDEPENDENT.contains(&cand.party.as_str()) {
                assert_eq!(cand.party_id, None, "{id} {}: an independent", cand.name);
                continue;
            }
            let expected = PARTY_IDS
                .iter()
                .find(|(label, _)| *label == cand.party)
                .map(|(_, pid)| *pid)
                .unwrap_or_else(|| {
                    panic!(
                        "{id} {}: party {:?} is not in the reference",
                        cand.name, cand.party
                    )
                });
            assert_eq!(
                cand.party_id.as_deref(),
                Some(expected),
                "{id} {}",
                cand.name
            );
            used.push(expected);
        }
    }
    for (label, pid) in PARTY_IDS {
        assert!(used.contains(pid), "{label} ({pid}) stands in no dataset");
    }
}

#[test]
fn the_embedded_datasets_state_every_party_id_rather_than_derive_it() {
    // A derived id follows the label; the embedded datasets name the party outright, so a
    // relabelled party cannot split in two.
    for e in tally::import::embedded::ALL {
        let id = e.id;
        let raw = tally::import::dataset::parse::parse_contest(e.json).unwrap();
        for cand in &raw.candidates {
            assert_eq!(
                cand.party_id.is_none(),
                INDEPENDENT.contains(&cand.party.as_str()),
                "{id} {}",
                cand.name
            );
        }
    }
}

#[test]
fn a_relabelled_party_is_one_series_across_years() {
    let all: Vec<Counted> = tally::import::embedded::ALL
        .iter()
        .map(|e| load(e.id))
        .collect();
    let rows = tally::story::summary::party_table(&all);
    let real: Vec<_> = rows
        .iter()
        .filter(|r| r.id() == Some("london-real"))
        .collect();
    assert_eq!(real.len(), 1);
    let (i2021, i2024) = (5, 6);
    assert!(real[0].values[i2021].is_some() && real[0].values[i2024].is_some());
    assert_eq!(real[0].label(), "London Real Party", "the latest label");
    // 31,111 of 2,531,357 in 2021; 7,501 of 2,484,432 in 2024.
    let change = real[0].change(i2024).unwrap();
    let expected = 7_501.0 * 100.0 / 2_484_432.0 - 31_111.0 * 100.0 / 2_531_357.0;
    assert!(close(change, expected), "{change} vs {expected}");
    assert!(
        rows.iter().all(|r| r.label() != "Independent"),
        "independents are not one party"
    );
}
