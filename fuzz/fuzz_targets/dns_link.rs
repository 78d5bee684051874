#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(text) = cloudhop_fuzz::text(data) {
        cloudhop_fuzz::dns_link(text);
    }
});
