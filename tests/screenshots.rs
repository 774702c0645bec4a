//! The committed screenshots are the product's own output: each is drawn again in memory and
//! must match the file byte for byte, and must be well-formed SVG.

use tally::screenshots::{SET, draw};

#[test]
fn committed_screenshots_are_current_and_valid_svg() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/screenshots");
    let mut stale = Vec::new();
    for s in SET {
        let fresh = draw(s).unwrap();
        let doc = roxmltree::Document::parse(&fresh)
            .unwrap_or_else(|e| panic!("{}: not XML: {e}", s.file));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        match std::fs::read_to_string(format!("{dir}/{}", s.file)) {
            Ok(committed) if committed == fresh => {}
            _ => stale.push(s.file),
        }
    }
    assert!(
        stale.is_empty(),
        "stale screenshots {stale:?}: regenerate them with `cargo run -- screenshots` and review the diff"
    );
}

#[test]
fn the_readme_shows_every_screenshot() {
    let readme = include_str!("../README.md");
    for s in SET {
        assert!(
            readme.contains(&format!("screenshots/{}", s.file)),
            "README.md does not show {}",
            s.file
        );
    }
}
