//! Fuzz target `config`: see `broadsheet_fuzz::config` for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| broadsheet_fuzz::config(data));
