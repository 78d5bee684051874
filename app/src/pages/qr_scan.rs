//! Reading receipt QR codes with the camera, where the browser can: it needs the Barcode
//! Detection API (`BarcodeDetector`) and camera access (`navigator.mediaDevices.getUserMedia`).
//! Both are looked for when the page opens; where either is missing the page says which, in
//! plain words, and offers no scanning. Nothing is emulated.

use gloo_timers::callback::Interval;
use js_sys::{Array, Function, Object, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlVideoElement, MediaStream, MediaStreamConstraints, MediaStreamTrack};
use yew::prelude::*;

/// Why this browser cannot scan, or `None` when it can.
fn missing() -> Option<String> {
    let w = web_sys::window()?;
    let detector = Reflect::get(&w, &"BarcodeDetector".into())
        .map(|v| v.is_function())
        .unwrap_or(false);
    let camera = w
        .navigator()
        .media_devices()
        .ok()
        .and_then(|m| Reflect::get(&m, &"getUserMedia".into()).ok())
        .is_some_and(|f| f.is_function());
    match (detector, camera) {
        (true, true) => None,
        (false, true) => Some("This browser cannot read QR codes: it has no BarcodeDetector (the Barcode Detection API, which Chrome and Edge have on Android, ChromeOS and macOS, but not on Windows or Linux, nor Firefox or Safari). Paste the codes or drop the files instead.".into()),
        (true, false) => Some("This page cannot use a camera here (no getUserMedia: the page must be opened over https or from this computer). Paste the codes or drop the files instead.".into()),
        (false, false) => Some("This browser cannot scan QR codes: it has no BarcodeDetector (the Barcode Detection API) and this page has no camera access (getUserMedia). Paste the codes or drop the files instead.".into()),
    }
}

fn js_error(e: JsValue) -> String {
    Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser refused".into())
}

struct Scan {
    stream: MediaStream,
    _timer: Interval,
}

impl Scan {
    fn stop(self) {
        for t in self.stream.get_tracks().iter() {
            if let Ok(t) = t.dyn_into::<MediaStreamTrack>() {
                t.stop();
            }
        }
    }
}

/// Properties of [`QrScanner`].
#[derive(Properties, PartialEq)]
pub struct QrScannerProps {
    /// Called with the text of each new QR code read.
    pub on_code: Callback<String>,
}

/// The camera scanner, or why there is none.
#[function_component]
pub fn QrScanner(props: &QrScannerProps) -> Html {
    let missing = use_memo((), |_| missing());
    let scanning = use_state(|| false);
    let error = use_state(|| None::<String>);
    let read = use_state(|| 0usize);
    let video = use_node_ref();
    let scan = use_mut_ref(|| None::<Scan>);
    {
        let scan = scan.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(s) = scan.borrow_mut().take() {
                    s.stop();
                }
            }
        });
    }

    if let Some(why) = &*missing {
        return html! { <p class="scan-unsupported" data-scan="unsupported">{ why.clone() }</p> };
    }

    let start = {
        let scanning = scanning.clone();
        let error = error.clone();
        let read = read.clone();
        let video = video.clone();
        let scan = scan.clone();
        let on_code = props.on_code.clone();
        Callback::from(move |_: MouseEvent| {
            let scanning = scanning.clone();
            let error = error.clone();
            let read = read.clone();
            let video = video.clone();
            let scan = scan.clone();
            let on_code = on_code.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let started: Result<Scan, JsValue> = async {
                    let w = web_sys::window().ok_or(JsValue::NULL)?;
                    let constraints = MediaStreamConstraints::new();
                    let want = Object::new();
                    Reflect::set(&want, &"facingMode".into(), &"environment".into())?;
                    constraints.set_video(&want);
                    constraints.set_audio(&false.into());
                    let p = w
                        .navigator()
                        .media_devices()?
                        .get_user_media_with_constraints(&constraints)?;
                    let stream: MediaStream = JsFuture::from(p).await?.dyn_into()?;
                    let v: HtmlVideoElement = video.cast().ok_or(JsValue::NULL)?;
                    v.set_src_object(Some(&stream));
                    let _ = v.play();
                    let ctor: Function = Reflect::get(&w, &"BarcodeDetector".into())?.dyn_into()?;
                    let opts = Object::new();
                    Reflect::set(&opts, &"formats".into(), &Array::of1(&"qr_code".into()))?;
                    let detector = Reflect::construct(&ctor, &Array::of1(&opts))?;
                    let detect: Function = Reflect::get(&detector, &"detect".into())?.dyn_into()?;
                    let busy = Rc::new(Cell::new(false));
                    let seen: Rc<RefCell<Vec<String>>> = Rc::default();
                    let timer = Interval::new(300, move || {
                        if busy.get() {
                            return;
                        }
                        let Ok(promise) = detect.call1(&detector, &v) else {
                            return;
                        };
                        let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
                            return;
                        };
                        busy.set(true);
                        let busy = busy.clone();
                        let seen = seen.clone();
                        let on_code = on_code.clone();
                        let read = read.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Ok(found) = JsFuture::from(promise).await {
                                for code in Array::from(&found).iter() {
                                    let Some(text) = Reflect::get(&code, &"rawValue".into())
                                        .ok()
                                        .and_then(|t| t.as_string())
                                    else {
                                        continue;
                                    };
                                    if !seen.borrow().contains(&text) {
                                        seen.borrow_mut().push(text.clone());
                                        read.set(seen.borrow().len());
                                        on_code.emit(text);
                                    }
                                }
                            }
                            busy.set(false);
                        });
                    });
                    Ok(Scan {
                        stream,
                        _timer: timer,
                    })
                }
                .await;
                match started {
                    Ok(s) => {
                        *scan.borrow_mut() = Some(s);
                        error.set(None);
                        scanning.set(true);
                    }
                    Err(e) => error.set(Some(format!(
                        "The camera could not start: {}.",
                        js_error(e)
                    ))),
                }
            });
        })
    };
    let stop = {
        let scanning = scanning.clone();
        let scan = scan.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = scan.borrow_mut().take() {
                s.stop();
            }
            scanning.set(false);
        })
    };
    html! {
        <div class="qr-scan" data-scan="available">
            if *scanning {
                <button class="button" onclick={stop}>{ "Stop scanning" }</button>
                <p role="status">{ format!("Hold a receipt's QR code up to the camera. Codes read: {}.", *read) }</p>
            } else {
                <button class="button" onclick={start}>{ "Scan QR codes with the camera" }</button>
            }
            <video ref={video} class="qr-video" hidden={!*scanning} muted=true playsinline=true aria-label="Camera picture for scanning QR codes"></video>
            if let Some(e) = &*error {
                <p class="form-error" role="alert">{ e.clone() }</p>
            }
        </div>
    }
}
