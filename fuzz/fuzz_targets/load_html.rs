//! Fuzz target `load_html`: see `broadsheet_fuzz::load_html` for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| broadsheet_fuzz::load_html(data));
