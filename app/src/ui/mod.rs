//! Pieces every page shares that belong to no feature of the programme.

pub mod raw_text;

pub use raw_text::{escape_raw_text, page_title};
