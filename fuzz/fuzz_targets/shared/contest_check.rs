//! What every contest fuzz target checks of a contest that loaded (`dataset`, `rctab`,
//! `opavote`): the count's one invariant (continuing + exhausted + residual = valid, in
//! every round), then every text output made from it, the JSON parsing back.

use tally::count::Counted;
use tally::report;
use tally::story::{narrate, present};

pub fn check(loaded: &Counted) {
    for r in &loaded.count.rounds {
        assert_eq!(
            r.continuing + r.exhausted + r.residual,
            loaded.count.valid,
            "round {}: the votes do not add up",
            r.number
        );
    }
    let _ = report::text::rounds(loaded);
    let json = report::json::rounds(loaded);
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
        panic!("report::json::rounds wrote JSON that does not parse: {e}\n{json}");
    }
    let _ = report::csv::rounds(loaded);
    let _ = narrate::report(loaded);
    for index in 0..loaded.count.rounds.len() {
        let _ = narrate::step(loaded, index);
    }
    for beat in present::beats(loaded) {
        let _ = present::frame(loaded, beat);
    }
}
