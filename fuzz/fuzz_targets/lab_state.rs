#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| cloudhop_fuzz::lab_state(data));
