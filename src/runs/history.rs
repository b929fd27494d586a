//! A bounded record of a run for the charts: fixed memory, no allocation per step.
//!
//! Records are taken every `stride` steps (a step is whatever the caller counts); when the buffer is full every other record is dropped
//! and the stride doubles, so the whole run stays in view at a resolution that halves as it grows.

pub const CAPACITY: usize = 1024;

#[derive(Clone, Debug)]
pub struct History<const W: usize> {
    data: Vec<f64>,
    len: usize,
    stride: u64,
    /// The stride a fresh record starts with (1 unless a record costs many steps).
    first: u64,
    /// The next step whose record is due (a compare per step, not a 64-bit division).
    next: u64,
}

impl<const W: usize> History<W> {
    pub fn new() -> Self {
        Self::every(1)
    }

    /// Records every `first` steps from the start, for runs whose record costs as much as many
    /// steps (records at every step early on would then dominate the first frames).
    pub fn every(first: u64) -> Self {
        let first = first.max(1);
        History { data: vec![0.0; CAPACITY * W], len: 0, stride: first, first, next: 0 }
    }

    pub fn clear(&mut self) {
        self.len = 0;
        self.stride = self.first;
        self.next = 0;
    }

    /// Whether the record of this step is due.
    #[inline]
    pub fn due(&self, step: u64) -> bool {
        step >= self.next
    }

    /// Appends the record of step `at` (its first field is what the charts plot it against).
    pub fn push(&mut self, at: u64, record: [f64; W]) {
        if self.len == CAPACITY {
            for i in 0..CAPACITY / 2 {
                self.data.copy_within(2 * i * W..(2 * i + 1) * W, i * W);
            }
            self.len = CAPACITY / 2;
            self.stride *= 2;
        }
        self.next = (at / self.stride + 1) * self.stride;
        // After a halving, keep only steps on the new, coarser grid.
        if self.len == CAPACITY / 2 && !at.is_multiple_of(self.stride) {
            return;
        }
        self.data[self.len * W..(self.len + 1) * W].copy_from_slice(&record);
        self.len += 1;
    }

    /// Appends readouts (step first) as they are: the trajectory export reads them.
    pub fn push_readouts(&mut self, readouts: &[f64]) {
        let mut r = [0.0; W];
        r.copy_from_slice(readouts);
        self.push(readouts[0] as u64, r);
    }

    /// The records so far, flat, `W` numbers each.
    pub fn as_slice(&self) -> &[f64] {
        &self.data[..self.len * W]
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn last(&self) -> Option<&[f64]> {
        (self.len > 0).then(|| &self.data[(self.len - 1) * W..self.len * W])
    }
}

impl<const W: usize> Default for History<W> {
    fn default() -> Self {
        Self::new()
    }
}
