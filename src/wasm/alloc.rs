//! The allocator, wrapped to remember a request the tab could not give. When wasm memory cannot
//! grow, the allocation fails and the run traps (`panic = "abort"`); the page reads the size
//! here, from the trapped instance before replacing it, to say in words how much more memory
//! the figure needed instead of "unreachable".

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::prelude::*;

/// Bytes of the last request the allocator refused (0: none).
static REFUSED: AtomicUsize = AtomicUsize::new(0);

struct Recording;

fn noted(ptr: *mut u8, size: usize) -> *mut u8 {
    if ptr.is_null() {
        REFUSED.store(size, Ordering::Relaxed);
    }
    ptr
}

// Never inlined: inlined, the allocator's code lands in every caller (+6 KB gzip of wasm).
unsafe impl GlobalAlloc for Recording {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        noted(System.alloc(layout), layout.size())
    }

    #[inline(never)]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        noted(System.alloc_zeroed(layout), layout.size())
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // The old block is still held while the new one is sought: the whole new size is needed.
        noted(System.realloc(ptr, layout, new_size), new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Recording = Recording;

/// Bytes of the last allocation the tab's memory could not give (0: none): the page asks after
/// a trap, to tell running out of memory from an internal error.
#[wasm_bindgen]
pub fn refused_bytes() -> f64 {
    REFUSED.load(Ordering::Relaxed) as f64
}

/// Takes memory in 256 MB blocks until the tab refuses one (wasm32 holds at most 4 GB), so the
/// page tests can check what a widget says when memory runs out. The blocks are never touched,
/// so the browser commits no pages for them.
#[wasm_bindgen]
pub fn fault_memory() {
    let mut held: Vec<Vec<u8>> = Vec::new();
    loop {
        held.push(std::hint::black_box(Vec::with_capacity(256 << 20)));
    }
}
