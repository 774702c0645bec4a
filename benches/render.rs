//! How long one frame of each view takes to draw at 200×60: the target is under 0.5 ms.
//! Results, with the machine and date, are recorded in docs/performance.md.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use tally::app::keys::Key;
use tally::app::{App, Msg, Options, update};
use tally::ui::Screen;

fn frame(app: &App, area: Rect) -> Buffer {
    let mut buf = Buffer::empty(area);
    Screen { app }.render(area, &mut buf);
    buf
}

fn views(c: &mut Criterion) {
    let all = tally::import::load_all().expect("embedded datasets load");
    let area = Rect::new(0, 0, 200, 60);
    // london-2021 has the most candidates; london-2016 has areas.
    for (index, name) in [(5usize, "2021"), (4, "2016")] {
        for (k, view) in [
            ('1', "count"),
            ('2', "shares"),
            ('3', "elections"),
            ('4', "areas"),
            ('?', "help"),
        ] {
            let mut app = App::new(
                all.clone(),
                index,
                Options {
                    animate: false,
                    ..Options::default()
                },
            );
            update(&mut app, Msg::Key(Key::Char(k)));
            update(&mut app, Msg::Key(Key::End));
            c.bench_function(&format!("{view} {name} 200x60"), |b| {
                b.iter(|| frame(&app, area))
            });
        }
    }
    let mut app = App::new(all, 1, Options::default());
    update(&mut app, Msg::Tick(Duration::from_secs(2)));
    update(&mut app, Msg::Key(Key::Right));
    update(&mut app, Msg::Tick(Duration::from_millis(2750)));
    c.bench_function("count 2004 mid-transfer 200x60", |b| {
        b.iter(|| frame(&app, area))
    });
    update(&mut app, Msg::Key(Key::Char('P')));
    for _ in 0..13 {
        update(&mut app, Msg::Key(Key::Right));
    }
    c.bench_function("presenter 2004 transfer 200x60", |b| {
        b.iter(|| frame(&app, area))
    });
}

criterion_group!(benches, views);
criterion_main!(benches);
