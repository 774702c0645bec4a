//! The areas' checks: ids, names and figures per area, and, once every area has declared,
//! that the contest-wide figures are the areas' sums (naming both numbers).

use std::collections::HashMap;

use super::{Checker, id_message};
use crate::model::ids::is_valid_id;
use crate::model::{Area, Votes};
use crate::text::{self, thousands};

impl Checker<'_> {
    pub(super) fn areas(&mut self) {
        let c = self.c;
        if c.declaration_times.is_some() && c.areas.as_ref().is_none_or(Vec::is_empty) {
            self.error(
                "declaration_times",
                "says how the areas' `declared_at` were made, but the contest has no `areas`; leave it out",
            );
        }
        let Some(areas) = &c.areas else { return };
        let mut area_ids: HashMap<&str, usize> = HashMap::new();
        for (i, area) in areas.iter().enumerate() {
            let path = format!("areas[{i}]");
            if !is_valid_id(&area.id) {
                self.error(format!("{path}.id"), id_message(&area.id));
            }
            let first = *area_ids.entry(area.id.as_str()).or_insert(i);
            if first != i {
                self.error(
                    format!("{path}.id"),
                    format!("duplicate area id `{}` (also areas[{first}])", area.id),
                );
            }
            if area.name.trim().is_empty() {
                self.error(format!("{path}.name"), "the area's name is empty");
            }
            self.figure_set(
                &path,
                area.first_preferences.as_ref(),
                area.electorate,
                area.ballot_papers,
                area.valid_votes,
                area.rejected,
                area.rejected_reasons.as_ref(),
                area.second_choices.as_ref(),
            );
            if !area.is_declared() && area.declared_at.is_some() {
                self.error(
                    format!("{path}.declared_at"),
                    "a declaration time is given but no `first_preferences`: an area that has declared needs its results",
                );
            }
        }
        if areas.is_empty() || !areas.iter().all(Area::is_declared) {
            return;
        }
        // Every area is in: the contest-wide figures must be their sum.
        if let Some(first) = &c.first_preferences {
            let mut sums: HashMap<&str, u128> = HashMap::new();
            for fp in areas.iter().filter_map(|a| a.first_preferences.as_ref()) {
                for (id, votes) in fp.iter() {
                    *sums.entry(id).or_default() += u128::from(votes.get());
                }
            }
            for (id, stated) in first.iter() {
                let sum = sums.get(id).copied().unwrap_or(0);
                if sum != u128::from(stated.get()) {
                    self.error(
                        format!("first_preferences.{id}"),
                        format!(
                            "{} stated, but the areas sum to {}",
                            thousands(stated),
                            text::thousands_wide(sum)
                        ),
                    );
                }
            }
        }
        type Field = fn(&Area) -> Option<Votes>;
        let fields: [(&str, Option<Votes>, Field); 4] = [
            ("electorate", c.electorate, |a| a.electorate),
            ("ballot_papers", c.ballot_papers, |a| a.ballot_papers),
            ("valid_votes", c.valid_votes, |a| a.valid_votes),
            ("rejected", c.rejected, |a| a.rejected),
        ];
        for (name, stated, get) in fields {
            let parts: Option<Vec<Votes>> = areas.iter().map(get).collect();
            if let (Some(stated), Some(parts)) = (stated, parts) {
                let sum: u128 = parts.iter().map(|v| u128::from(v.get())).sum();
                if sum != u128::from(stated.get()) {
                    self.error(
                        name,
                        format!(
                            "{} stated, but the areas sum to {}",
                            thousands(stated),
                            text::thousands_wide(sum)
                        ),
                    );
                }
            }
        }
    }
}
