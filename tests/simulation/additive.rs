//! The yardstick the calibrated method is held to, written here independently of it: an
//! additive-severity least-squares fit, `mark = leniency[judge] + severity[judge] * quality[entry]`,
//! each judge's pair by ordinary regression of their marks on the qualities (so, unlike the
//! calibrated method, a judge who disagrees gets a low severity), each quality by least squares
//! over its judges, alternated until it settles.

use judging::merge::Panel;

/// Enough rounds to settle on every design of the suite.
const ROUNDS_LS: usize = 2000;

/// Each marked entry's fitted quality; `None` where unmarked.
pub fn fit(panel: &Panel) -> Vec<Option<f64>> {
    let (judges, entries) = (panel.judges.len(), panel.entries.len());
    let mut count = vec![0.0; entries];
    let mut quality = vec![0.0; entries];
    for m in &panel.marks {
        count[m.entry()] += 1.0;
        quality[m.entry()] += m.value;
    }
    for (q, n) in quality.iter_mut().zip(&count) {
        *q = if *n > 0.0 { *q / n } else { 0.0 };
    }
    normalise(&mut quality, &count);
    let (mut lenient, mut severe) = (vec![0.0; judges], vec![1.0; judges]);
    for _ in 0..ROUNDS_LS {
        // Regression of each judge's marks on the qualities, with a whisker of ridge towards a
        // severity of 1 so that a judge with one mark or identical qualities has an answer.
        let mut s = vec![[0.0f64; 5]; judges];
        for m in &panel.marks {
            let (q, y) = (quality[m.entry()], m.value);
            let t = &mut s[m.judge()];
            t[0] += 1.0;
            t[1] += q;
            t[2] += y;
            t[3] += q * q;
            t[4] += q * y;
        }
        for j in 0..judges {
            let [n, sq, sy, sqq, sqy] = s[j];
            if n == 0.0 {
                continue;
            }
            let (mq, my) = (sq / n, sy / n);
            let ridge = 1e-3;
            severe[j] = (sqy - n * mq * my + ridge) / (sqq - n * mq * mq + ridge);
            lenient[j] = my - severe[j] * mq;
        }
        let (mut num, mut den) = (vec![0.0; entries], vec![1e-9; entries]);
        for m in &panel.marks {
            let b = severe[m.judge()];
            num[m.entry()] += b * (m.value - lenient[m.judge()]);
            den[m.entry()] += b * b;
        }
        let mut next: Vec<f64> = num.iter().zip(&den).map(|(a, b)| a / b).collect();
        normalise(&mut next, &count);
        let moved = next.iter().zip(&quality).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        quality = next;
        if moved < 1e-8 {
            break;
        }
    }
    quality.iter().zip(&count).map(|(q, n)| (*n > 0.0).then_some(*q)).collect()
}

fn normalise(quality: &mut [f64], count: &[f64]) {
    let marked: Vec<f64> = quality.iter().zip(count).filter(|(_, n)| **n > 0.0).map(|(q, _)| *q).collect();
    let m = marked.iter().sum::<f64>() / marked.len().max(1) as f64;
    let s = (marked.iter().map(|q| (q - m).powi(2)).sum::<f64>() / marked.len().max(1) as f64).sqrt();
    let s = if s > 0.0 { s } else { 1.0 };
    for q in quality {
        *q = (*q - m) / s;
    }
}
