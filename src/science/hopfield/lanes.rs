//! The integer loops of storage and recall, in explicit wasm SIMD where the target has it and in
//! plain Rust elsewhere. Written out, they no longer depend on the auto-vectoriser (which runs
//! only at opt-level 3 and left the field update at 0.045 ms a sweep against 0.035 now). Both compute the same integers: i16 weights hold |W_ij| ≤ P ≤ 32,767, every
//! product below fits its lane, and integer sums do not depend on their order.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
use core::arch::wasm32::*;

/// row += x (sign) or row −= x (not sign).
#[inline]
pub fn add_signed(row: &mut [i16], x: &[i8], sign: bool) {
    let n = row.len().min(x.len());
    let done = simd_add_signed(&mut row[..n], &x[..n], sign);
    for (w, &x) in row[done..n].iter_mut().zip(&x[done..n]) {
        *w = if sign { *w + x as i16 } else { *w - x as i16 };
    }
}

/// h += c · row: the hot loop of recall (a flip adds one column of W to the fields).
#[inline]
pub fn add_scaled(h: &mut [i32], row: &[i16], c: i32) {
    let n = h.len().min(row.len());
    let done = simd_add_scaled(&mut h[..n], &row[..n], c);
    for (hi, &w) in h[done..n].iter_mut().zip(&row[done..n]) {
        *hi += c * w as i32;
    }
}

/// h += m · x.
#[inline]
pub fn add_scaled_i8(h: &mut [i32], x: &[i8], m: i32) {
    let n = h.len().min(x.len());
    let done = simd_add_scaled_i8(&mut h[..n], &x[..n], m);
    for (hi, &x) in h[done..n].iter_mut().zip(&x[done..n]) {
        *hi += m * x as i32;
    }
}

/// Σ_j w_j s_j.
#[inline]
pub fn field(row: &[i16], s: &[i8]) -> i32 {
    let n = row.len().min(s.len());
    let (done, sum) = simd_field(&row[..n], &s[..n]);
    sum + row[done..n].iter().zip(&s[done..n]).map(|(&w, &s)| w as i32 * s as i32).sum::<i32>()
}

/// Σ_j a_j b_j.
#[inline]
pub fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    let n = a.len().min(b.len());
    let (done, sum) = simd_dot_i8(&a[..n], &b[..n]);
    sum + a[done..n].iter().zip(&b[done..n]).map(|(&x, &y)| x as i32 * y as i32).sum::<i32>()
}

// Each simd_* function handles the leading multiple of 8 lanes of equally long slices and
// returns how many it did; the scalar loops above finish the rest (all of it natively).

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn simd_add_signed(row: &mut [i16], x: &[i8], sign: bool) -> usize {
    let end = row.len() / 8 * 8;
    for k in (0..end).step_by(8) {
        // SAFETY: k + 8 ≤ len of both slices; wasm loads and stores need no alignment.
        unsafe {
            let w = row.as_mut_ptr().add(k) as *mut v128;
            let v = i16x8_load_extend_i8x8(x.as_ptr().add(k));
            let sum = if sign { i16x8_add(v128_load(w), v) } else { i16x8_sub(v128_load(w), v) };
            v128_store(w, sum);
        }
    }
    end
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn simd_add_scaled(h: &mut [i32], row: &[i16], c: i32) -> usize {
    let end = h.len() / 8 * 8;
    let c = i32x4_splat(c);
    for k in (0..end).step_by(8) {
        // SAFETY: k + 8 ≤ len of both slices; wasm loads and stores need no alignment.
        unsafe {
            let w = v128_load(row.as_ptr().add(k) as *const v128);
            let lo = h.as_mut_ptr().add(k) as *mut v128;
            let hi = h.as_mut_ptr().add(k + 4) as *mut v128;
            v128_store(lo, i32x4_add(v128_load(lo), i32x4_mul(c, i32x4_extend_low_i16x8(w))));
            v128_store(hi, i32x4_add(v128_load(hi), i32x4_mul(c, i32x4_extend_high_i16x8(w))));
        }
    }
    end
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn simd_add_scaled_i8(h: &mut [i32], x: &[i8], m: i32) -> usize {
    let end = h.len() / 8 * 8;
    let m = i32x4_splat(m);
    for k in (0..end).step_by(8) {
        // SAFETY: k + 8 ≤ len of both slices; wasm loads and stores need no alignment.
        unsafe {
            let v = i16x8_load_extend_i8x8(x.as_ptr().add(k));
            let lo = h.as_mut_ptr().add(k) as *mut v128;
            let hi = h.as_mut_ptr().add(k + 4) as *mut v128;
            v128_store(lo, i32x4_add(v128_load(lo), i32x4_mul(m, i32x4_extend_low_i16x8(v))));
            v128_store(hi, i32x4_add(v128_load(hi), i32x4_mul(m, i32x4_extend_high_i16x8(v))));
        }
    }
    end
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn simd_field(row: &[i16], s: &[i8]) -> (usize, i32) {
    let end = row.len() / 8 * 8;
    let mut acc = i32x4_splat(0);
    for k in (0..end).step_by(8) {
        // SAFETY: k + 8 ≤ len of both slices; wasm loads need no alignment.
        unsafe {
            let w = v128_load(row.as_ptr().add(k) as *const v128);
            let v = i16x8_load_extend_i8x8(s.as_ptr().add(k));
            // Pairs of i16 products summed into i32 lanes: exact for |w| ≤ 32,767, |s| ≤ 127.
            acc = i32x4_add(acc, i32x4_dot_i16x8(w, v));
        }
    }
    (end, lanes_sum(acc))
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn simd_dot_i8(a: &[i8], b: &[i8]) -> (usize, i32) {
    let end = a.len() / 8 * 8;
    let mut acc = i32x4_splat(0);
    for k in (0..end).step_by(8) {
        // SAFETY: k + 8 ≤ len of both slices; wasm loads need no alignment.
        unsafe {
            let x = i16x8_load_extend_i8x8(a.as_ptr().add(k));
            let y = i16x8_load_extend_i8x8(b.as_ptr().add(k));
            acc = i32x4_add(acc, i32x4_dot_i16x8(x, y));
        }
    }
    (end, lanes_sum(acc))
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn lanes_sum(v: v128) -> i32 {
    i32x4_extract_lane::<0>(v)
        .wrapping_add(i32x4_extract_lane::<1>(v))
        .wrapping_add(i32x4_extract_lane::<2>(v))
        .wrapping_add(i32x4_extract_lane::<3>(v))
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn simd_add_signed(_: &mut [i16], _: &[i8], _: bool) -> usize {
    0
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn simd_add_scaled(_: &mut [i32], _: &[i16], _: i32) -> usize {
    0
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn simd_add_scaled_i8(_: &mut [i32], _: &[i8], _: i32) -> usize {
    0
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn simd_field(_: &[i16], _: &[i8]) -> (usize, i32) {
    (0, 0)
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn simd_dot_i8(_: &[i8], _: &[i8]) -> (usize, i32) {
    (0, 0)
}
