//! A dataset that loads, drawn by the viewer's own code (`headless::render`) in one view,
//! at one size and one moment of the count, or in presenter mode at one beat; then exported
//! as text, ANSI and SVG. Nothing here may panic, whatever the data and whatever the size.
//!
//! Input: 6 header bytes that choose what to draw, then the dataset's JSON. `seed.sh`
//! writes the seeds this way. One render per execution keeps each execution fast.
//!
//! | byte | chooses                                                                  |
//! |------|--------------------------------------------------------------------------|
//! | 0    | the view (`View::ALL[b % 6]`), or presenter mode when `b % 6 == 5`       |
//! | 1, 2 | the size: one of `SIZES` when byte 1 < 128, else 1..=255 × 1..=80        |
//! | 3    | the step: 0, 1, 1.5, last, or round `b / 8` part way by a fraction       |
//! | 4    | the theme (`b % 3`); bit 7: draw among the embedded London contests      |
//! | 5    | the presenter beat (`b % beats`)                                         |

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tally::app::{Theme, View};
use tally::headless::{self, Shot, Size, Step};
use tally::count::Counted;
use tally::export;
use tally::story::present;

const SIZES: [(u16, u16); 8] = [
    (80, 24),
    (40, 12),
    (200, 60),
    (13, 5),
    (120, 40),
    (1, 1),
    (60, 3),
    (24, 80),
];

fn embedded() -> &'static [Counted] {
    static ALL: OnceLock<Vec<Counted>> = OnceLock::new();
    ALL.get_or_init(|| tally::import::load_all().expect("the embedded contests load"))
}

fuzz_target!(|data: &[u8]| {
    let Some((header, json)) = data.split_first_chunk::<6>() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(json) else {
        return;
    };
    let Ok(loaded) = tally::import::dataset::from_str(text) else {
        return;
    };

    let size = if header[1] < 128 {
        let (width, height) = SIZES[usize::from(header[1]) % SIZES.len()];
        Size { width, height }
    } else {
        Size {
            width: 1 + u16::from(header[1] & 0x7f) * 2,
            height: 1 + u16::from(header[2]) % 80,
        }
    };
    let rounds = loaded.count.rounds.len();
    let step = match header[3] % 8 {
        0 => Step::At(0.0),
        1 => Step::At(1.0),
        2 => Step::At(1.5),
        3 => Step::Last,
        k => {
            let fraction = [0.0, 0.25, 0.5, 0.999][usize::from(k - 4)];
            Step::At((usize::from(header[3] / 8) % (rounds + 1)) as f64 + fraction)
        }
    };
    // Only steps inside the count are drawable; `render` refuses the others with an error.
    let step = match step {
        Step::At(s) if s > rounds as f64 => Step::Last,
        s => s,
    };
    let theme = [Theme::Dark, Theme::Light, Theme::Mono][usize::from(header[4]) % 3];
    let present = match usize::from(header[0]) % 6 {
        5 => {
            let beats = present::beats(&loaded).len();
            Some(usize::from(header[5]) % beats)
        }
        _ => None,
    };
    let view = View::ALL[usize::from(header[0]) % 6 % View::ALL.len()];
    let shot = Shot {
        view,
        step,
        size,
        theme,
        present,
    };

    let (contests, index) = if header[4] & 0x80 != 0 {
        let mut all = embedded().to_vec();
        all.push(loaded);
        let index = all.len() - 1;
        (all, index)
    } else {
        (vec![loaded], 0)
    };
    let buf = match headless::render(contests, index, shot) {
        Ok(buf) => buf,
        Err(e) => panic!("a step and beat inside the count were refused: {e} ({shot:?})"),
    };
    let txt = export::txt(&buf);
    assert_eq!(txt.lines().count(), usize::from(size.height));
    let _ = export::ansi::ansi(&buf);
    let _ = export::svg::svg(&buf, theme);
});
