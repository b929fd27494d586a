//! A bounded record of a run for the charts: fixed memory, no allocation per step.
//!
//! Records are taken every `stride` steps; when the buffer is full every other record is dropped
//! and the stride doubles, so the whole run stays in view at a resolution that halves as it grows.

pub const CAPACITY: usize = 1024;

#[derive(Clone, Debug)]
pub struct History<const W: usize> {
    data: Vec<f64>,
    len: usize,
    stride: u64,
}

impl<const W: usize> History<W> {
    pub fn new() -> Self {
        History { data: vec![0.0; CAPACITY * W], len: 0, stride: 1 }
    }

    pub fn clear(&mut self) {
        self.len = 0;
        self.stride = 1;
    }

    /// Whether the record of this step is due.
    #[inline]
    pub fn due(&self, step: u64) -> bool {
        step.is_multiple_of(self.stride)
    }

    /// Appends a record whose first field is its step.
    pub fn push(&mut self, record: [f64; W]) {
        if self.len == CAPACITY {
            for i in 0..CAPACITY / 2 {
                self.data.copy_within(2 * i * W..(2 * i + 1) * W, i * W);
            }
            self.len = CAPACITY / 2;
            self.stride *= 2;
            // Keep the first field of every record a multiple of the new stride.
            if !(record[0] as u64).is_multiple_of(self.stride) {
                return;
            }
        }
        self.data[self.len * W..(self.len + 1) * W].copy_from_slice(&record);
        self.len += 1;
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
