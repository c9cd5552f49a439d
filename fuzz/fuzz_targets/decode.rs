//! Fuzz target `decode`: see `broadsheet_fuzz::decode` for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| broadsheet_fuzz::decode(data));
