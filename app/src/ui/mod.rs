//! The frame's shared pieces, which belong to no feature of the programme and import none:
//! whole-page answers (not found, no access, errors, sign in first) and their status codes,
//! notices, tables, and text that lands where the renderer does not escape it.

pub mod page;
pub mod raw_text;

pub use page::{
    ErrorPage, Forbidden, IslandScripts, NotFound, Notice, ScrollTable, encode_path, or_error_page,
    refusal, set_status, sign_in_and_back, with_terms,
};
pub use raw_text::{escape_raw_text, page_title};
