//! Fuzz target `detect`: see `broadsheet_fuzz::detect` for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| broadsheet_fuzz::detect(data));
