//! Fuzz target `reflow`: see `broadsheet_fuzz::reflow` for what it drives and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| broadsheet_fuzz::reflow(data));
