//! The Elections view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::App;

pub struct ElectionsView<'a> {
    pub app: &'a App,
}

impl Widget for ElectionsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let _ = (self.app, area, buf);
    }
}
