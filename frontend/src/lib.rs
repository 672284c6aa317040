//! The browser entry point. Pages are rendered on the server; only the `#[island]` components in
//! `app` are hydrated here, so the WASM grows with interactivity, not with page content.

// Link `app` so that its islands are exported from this WASM module.
extern crate app;

use wasm_bindgen::prelude::wasm_bindgen;

/// Called by Leptos' island loader once the WASM has been fetched.
#[wasm_bindgen]
pub fn hydrate() {
    // Readable panics in development; in release the formatting code would cost more bytes
    // than it is worth (panics abort there).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
