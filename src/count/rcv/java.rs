//! The parts of Java that RCTab's random tie-breaks depend on, so that tally draws exactly
//! what RCTab draws from the same seed.
//!
//! RCTab breaks a tie at random with `java.util.Random` (a 48-bit linear congruential
//! generator, whose algorithm Java documents), shuffles a generated permutation with
//! `Collections.shuffle`, sorts names as Java strings (UTF-16 code units), and, when
//! previous rounds leave a tie standing, draws from the tied candidates in the order a
//! `java.util.HashSet` of their names iterates. Each is reproduced here from its
//! documented behaviour.

use std::cmp::Ordering;

const MULTIPLIER: u64 = 0x5_DEEC_E66D;
const ADDEND: u64 = 0xB;
const MASK: u64 = (1 << 48) - 1;

/// `java.util.Random`.
#[derive(Debug, Clone)]
pub struct JavaRandom {
    seed: u64,
}

impl JavaRandom {
    /// `new Random(seed)`.
    pub fn new(seed: i64) -> JavaRandom {
        JavaRandom {
            seed: (seed as u64 ^ MULTIPLIER) & MASK,
        }
    }

    /// `next(bits)`: the top `bits` of the next state, as Java's `int`.
    fn next(&mut self, bits: u32) -> i32 {
        self.seed = (self.seed.wrapping_mul(MULTIPLIER).wrapping_add(ADDEND)) & MASK;
        (self.seed >> (48 - bits)) as i32
    }

    /// `nextInt()`.
    #[cfg(test)]
    pub fn next_int(&mut self) -> i32 {
        self.next(32)
    }

    /// `nextDouble()`: uniform in [0, 1) with 53 random bits.
    pub fn next_double(&mut self) -> f64 {
        let high = i64::from(self.next(26)) << 27;
        let low = i64::from(self.next(27));
        (high + low) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// `nextInt(bound)`, for `bound > 0`.
    pub fn next_int_bounded(&mut self, bound: i32) -> i32 {
        debug_assert!(bound > 0);
        let m = bound.wrapping_sub(1);
        let mut r = self.next(31);
        if bound & m == 0 {
            return ((i64::from(bound) * i64::from(r)) >> 31) as i32;
        }
        let mut u = r;
        loop {
            r = u % bound;
            if u.wrapping_sub(r).wrapping_add(m) >= 0 {
                return r;
            }
            u = self.next(31);
        }
    }

    /// A draw among `n` items as RCTab makes it: `floor(nextDouble() * n)`.
    pub fn pick(&mut self, n: usize) -> usize {
        let i = (self.next_double() * n as f64).floor() as usize;
        i.min(n.saturating_sub(1))
    }
}

/// `Collections.shuffle(list, random)`.
pub fn shuffle<T>(list: &mut [T], random: &mut JavaRandom) {
    for i in (2..=list.len()).rev() {
        let bound = i32::try_from(i).unwrap_or(i32::MAX);
        let j = random.next_int_bounded(bound) as usize;
        list.swap(i - 1, j);
    }
}

/// Java's `String.compareTo`: by UTF-16 code units.
pub fn compare(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Java's `String.hashCode`.
fn hash_code(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

/// The order in which `new HashSet<>(names)` iterates `names` (given in the order the
/// collection holds them): by bucket of a table sized for them, and within a bucket in the
/// order added. Returns positions in `names`.
pub fn hash_set_order(names: &[&str]) -> Vec<usize> {
    // HashMap's capacity for a copied collection: max(size / 0.75 + 1, 16), rounded up to
    // a power of two; it never grows while the collection is added.
    let wanted = ((names.len() as f32 / 0.75) as usize + 1).max(16);
    let capacity = wanted.next_power_of_two();
    let bucket = |s: &str| {
        let h = hash_code(s) as u32;
        ((h ^ (h >> 16)) as usize) & (capacity - 1)
    };
    let mut order: Vec<(usize, usize)> = Vec::with_capacity(names.len());
    let mut seen = std::collections::HashSet::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        // A set keeps the first of equal names.
        if seen.insert(*name) {
            order.push((bucket(name), i));
        }
    }
    order.sort_by_key(|&(b, i)| (b, i));
    order.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_match_javas_published_values() {
        // The values every Java programmer meets: new Random(42).nextInt() and
        // new Random(0).nextInt(), nextDouble().
        assert_eq!(JavaRandom::new(42).next_int(), -1_170_105_035);
        assert_eq!(JavaRandom::new(0).next_int(), -1_155_484_576);
        let d = JavaRandom::new(0).next_double();
        assert!((d - 0.730_967_787_376_657).abs() < 1e-15, "{d}");
        let d = JavaRandom::new(42).next_double();
        assert!((d - 0.727_563_680_032_868_1).abs() < 1e-15, "{d}");
        // nextInt(10) from seed 42 starts 0, 3 (Java's documented sequence).
        let mut r = JavaRandom::new(42);
        assert_eq!((r.next_int_bounded(10), r.next_int_bounded(10)), (0, 3));
    }

    #[test]
    fn strings_compare_and_hash_as_java_does() {
        assert_eq!(hash_code("Hello"), 69_609_650);
        assert_eq!(hash_code(""), 0);
        assert_eq!(compare("B", "a"), Ordering::Less);
        // A character beyond the basic plane sorts by its surrogates (U+D800..), before
        // U+E000..U+FFFF, unlike a comparison of code points.
        assert_eq!(compare("\u{1F600}", "\u{FF21}"), Ordering::Less);
    }

    #[test]
    fn a_small_hash_set_iterates_by_bucket() {
        // "a" (97) and "q" (113) share bucket 1 of 16, kept in the order added; "d" (100) is 4.
        assert_eq!(hash_set_order(&["d", "q", "a"]), vec![1, 2, 0]);
    }
}
