//! Fuzz target `load_feed`: see `broadsheet_fuzz::load_feed` for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| broadsheet_fuzz::load_feed(data));
