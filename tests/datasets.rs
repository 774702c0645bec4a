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
    electorate: None,
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
    turnout: Some(Turnout {
        percent: &[42.0],
        basis: None,
        approximate: true,
    }),
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
        NaiveDate::from_ymd_opt(yy, mm, dd).unwrap(),
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
    assert!(
        loaded.contest.areas.is_none(),
        "2021: constituency results were not obtained"
    );
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
