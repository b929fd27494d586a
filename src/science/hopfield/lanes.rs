//! The integer loops of storage and recall, in explicit wasm SIMD where the target has it and in
//! plain Rust elsewhere. Written out, they no longer depend on the auto-vectoriser (which runs
//! only at opt-level 3 and left the field update at 0.045 ms a sweep against 0.035 now). Both compute the same integers: i16 weights hold |W_ij| ≤ P ≤ 32,767, every
//! product below fits its lane, and integer sums do not depend on their order.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
use core::arch::wasm32::*;

/// h += 2 row (up) or h −= 2 row: the hot loop of recall (a flip of s_j changes it by ∓2 and
/// adds that times column j of W to the fields). A shift and an add, not a 32-bit multiply.
#[inline]
pub fn add_twice(h: &mut [i32], row: &[i16], up: bool) {
    let n = h.len().min(row.len());
    let done = simd_add_twice(&mut h[..n], &row[..n], up);
    for (hi, &w) in h[done..n].iter_mut().zip(&row[done..n]) {
        *hi += if up { 2 * w as i32 } else { -2 * w as i32 };
    }
}

/// h_i += Σ_ν m_ν ξ^ν_i over the patterns ξ^ν (rows of `patterns`, each h.len() long), with
/// |m_ν| ≤ 32,767: the fields through the overlaps m.
pub fn add_combination(h: &mut [i32], patterns: &[i8], m: &[i32]) {
    let n = h.len();
    let done = simd_add_combination(h, patterns, m);
    for (xi, &m) in patterns.chunks_exact(n).zip(m) {
        for (hi, &x) in h[done..].iter_mut().zip(&xi[done..]) {
            *hi += m * x as i32;
        }
    }
}

/// d_j += the number of set bits of x ⊕ plane_j: in how many of a plane's 8 patterns neuron j
/// differs from the neuron whose byte is x.
pub fn add_differences(d: &mut [u8], plane: &[u8], x: u8) {
    let n = d.len().min(plane.len());
    let done = simd_add_differences(&mut d[..n], &plane[..n], x);
    for (d, &b) in d[done..n].iter_mut().zip(&plane[done..n]) {
        *d += (x ^ b).count_ones() as u8;
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
fn simd_add_twice(h: &mut [i32], row: &[i16], up: bool) -> usize {
    let end = h.len() / 8 * 8;
    let step = |h: v128, w: v128| if up { i32x4_add(h, i32x4_shl(w, 1)) } else { i32x4_sub(h, i32x4_shl(w, 1)) };
    for k in (0..end).step_by(8) {
        // SAFETY: k + 8 ≤ len of both slices; wasm loads and stores need no alignment.
        unsafe {
            let w = v128_load(row.as_ptr().add(k) as *const v128);
            let lo = h.as_mut_ptr().add(k) as *mut v128;
            let hi = h.as_mut_ptr().add(k + 4) as *mut v128;
            v128_store(lo, step(v128_load(lo), i32x4_extend_low_i16x8(w)));
            v128_store(hi, step(v128_load(hi), i32x4_extend_high_i16x8(w)));
        }
    }
    end
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn simd_add_combination(h: &mut [i32], patterns: &[i8], m: &[i32]) -> usize {
    let n = h.len();
    let end = n / 32 * 32;
    for k in (0..end).step_by(32) {
        // SAFETY: k + 32 ≤ n, the length of h and of each pattern row; no alignment needed.
        unsafe {
            let at = h.as_mut_ptr().add(k) as *mut v128;
            let mut acc: [v128; 8] = core::array::from_fn(|c| v128_load(at.add(c)));
            for (xi, &m) in patterns.chunks_exact(n).zip(m) {
                let m = i16x8_splat(m as i16);
                for c in 0..4 {
                    let x = i16x8_load_extend_i8x8(xi.as_ptr().add(k + 8 * c));
                    acc[2 * c] = i32x4_add(acc[2 * c], i32x4_extmul_low_i16x8(x, m));
                    acc[2 * c + 1] = i32x4_add(acc[2 * c + 1], i32x4_extmul_high_i16x8(x, m));
                }
            }
            for (c, a) in acc.iter().enumerate() {
                v128_store(at.add(c), *a);
            }
        }
    }
    end
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn simd_add_differences(d: &mut [u8], plane: &[u8], x: u8) -> usize {
    let end = d.len() / 16 * 16;
    let x = u8x16_splat(x);
    for k in (0..end).step_by(16) {
        // SAFETY: k + 16 ≤ len of both slices; wasm loads and stores need no alignment.
        unsafe {
            let at = d.as_mut_ptr().add(k) as *mut v128;
            let differ = i8x16_popcnt(v128_xor(x, v128_load(plane.as_ptr().add(k) as *const v128)));
            v128_store(at, u8x16_add(v128_load(at), differ));
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
fn simd_add_twice(_: &mut [i32], _: &[i16], _: bool) -> usize {
    0
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn simd_add_combination(_: &mut [i32], _: &[i8], _: &[i32]) -> usize {
    0
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn simd_add_differences(_: &mut [u8], _: &[u8], _: u8) -> usize {
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
