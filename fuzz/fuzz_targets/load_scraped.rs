//! Fuzz target `load_scraped`: see `broadsheet_fuzz::load_scraped` for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| broadsheet_fuzz::load_scraped(data));
