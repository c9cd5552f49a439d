//! Fuzz target `load_markdown`: see `broadsheet_fuzz::load_markdown` for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| broadsheet_fuzz::load_markdown(data));
