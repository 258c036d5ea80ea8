//! Small dense symmetric matrices, row by row in one `Vec`: enough linear algebra for a model of
//! a few dozen parameters (the finals' fit), with no crate.

/// The Cholesky factor `L` (lower triangular, `a = L Lᵀ`) of a symmetric positive definite
/// `n`×`n` matrix; `None` when `a` is not positive definite.
pub fn cholesky(n: usize, a: &[f64]) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut sum = a[i * n + j];
            for k in 0..j {
                sum -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if !(sum > 0.0 && sum.is_finite()) {
                    return None;
                }
                l[i * n + i] = sum.sqrt();
            } else {
                l[i * n + j] = sum / l[j * n + j];
            }
        }
    }
    Some(l)
}

/// `x` with `L Lᵀ x = b`, from the factor [`cholesky`] made.
pub fn solve(n: usize, l: &[f64], b: &[f64]) -> Vec<f64> {
    let mut y = b.to_vec();
    for i in 0..n {
        for k in 0..i {
            y[i] -= l[i * n + k] * y[k];
        }
        y[i] /= l[i * n + i];
    }
    for i in (0..n).rev() {
        for k in i + 1..n {
            y[i] -= l[k * n + i] * y[k];
        }
        y[i] /= l[i * n + i];
    }
    y
}

/// The inverse of `L Lᵀ`, from its factor.
pub fn inverse(n: usize, l: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; n * n];
    let mut unit = vec![0.0; n];
    for j in 0..n {
        unit.iter_mut().enumerate().for_each(|(i, u)| *u = if i == j { 1.0 } else { 0.0 });
        for (i, v) in solve(n, l, &unit).into_iter().enumerate() {
            out[i * n + j] = v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_matrix_times_its_inverse_is_the_identity() {
        let a = [4.0, 2.0, 0.6, 2.0, 5.0, 1.0, 0.6, 1.0, 3.0];
        let l = cholesky(3, &a).expect("positive definite");
        let inv = inverse(3, &l);
        for i in 0..3 {
            for j in 0..3 {
                let product: f64 = (0..3).map(|k| a[i * 3 + k] * inv[k * 3 + j]).sum();
                assert!((product - f64::from(u8::from(i == j))).abs() < 1e-12, "({i}, {j}) = {product}");
            }
        }
        assert!(cholesky(2, &[1.0, 2.0, 2.0, 1.0]).is_none(), "not positive definite");
    }
}
