//! London-like ballots for the ballots benchmark and `examples/make_ballots.rs`: seven
//! candidates, one to three choices a ballot, first choices skewed as in a real mayoral
//! race, so a million ballots hold a couple of hundred distinct rankings. Deterministic: the
//! same count always writes the same file.

use std::io::Write;

/// The candidates, most popular first.
pub const CANDIDATES: [&str; 7] = [
    "Ada Okafor",
    "Ben Marsh",
    "Cara Lindqvist",
    "Dev Patel",
    "Esther Nwosu",
    "Finn O'Brien",
    "Grace Ho",
];

/// How often each candidate is chosen, in parts of 100.
const WEIGHTS: [u64; 7] = [35, 29, 15, 10, 6, 3, 2];

/// A small, fixed pseudo-random sequence (xorshift64*), so no dependency is needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A candidate not yet in `taken`, by the weights.
    fn pick(&mut self, taken: &[usize]) -> usize {
        let total: u64 = (0..7)
            .filter(|i| !taken.contains(i))
            .map(|i| WEIGHTS[i])
            .sum();
        let mut r = self.next() % total;
        for (i, &w) in WEIGHTS.iter().enumerate() {
            if taken.contains(&i) {
                continue;
            }
            if r < w {
                return i;
            }
            r -= w;
        }
        unreachable!("the weights add up to the total")
    }
}

/// Write `n` ballots, one a line, names separated by commas.
pub fn write(out: &mut impl Write, n: u64) -> std::io::Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut line = String::new();
    let mut taken = Vec::with_capacity(3);
    for _ in 0..n {
        let ranks = match rng.next() % 100 {
            0..40 => 1,
            40..75 => 2,
            _ => 3,
        };
        taken.clear();
        line.clear();
        for _ in 0..ranks {
            let c = rng.pick(&taken);
            taken.push(c);
            if !line.is_empty() {
                line.push(',');
            }
            line.push_str(CANDIDATES[c]);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
