//! Small statistics that the plain data needs as much as the merge does.

/// The middle value (the mean of the two middle ones for an even count); `None` for no values.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some(f64::midpoint(v[n / 2 - 1], v[n / 2])),
    }
}

/// The standard normal distribution's probability of a value below `x` (Abramowitz and Stegun
/// 7.1.26, within 1.5e-7 of the true value).
pub fn normal_below(x: f64) -> f64 {
    // The middle exactly: the approximation says 0.5000000005 there, and two finalists of equal
    // strength must be either way alike.
    if x == 0.0 {
        return 0.5;
    }
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly =
        t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    if x >= 0.0 { 0.5 * (1.0 + erf) } else { 0.5 * (1.0 - erf) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_normal_distribution_matches_its_tables() {
        // Values from any table of the standard normal distribution.
        let cases = [(0.0, 0.5), (1.0, 0.841_344_7), (-1.0, 0.158_655_3), (1.96, 0.975_002_1), (-3.0, 0.001_349_9)];
        for (x, want) in cases {
            assert!((super::normal_below(x) - want).abs() < 2e-7, "Φ({x}) = {}, not {want}", super::normal_below(x));
        }
        // The middle exactly, either side of zero: what equal strengths compare as.
        assert_eq!((super::normal_below(0.0), super::normal_below(-0.0)), (0.5, 0.5));
    }
}
