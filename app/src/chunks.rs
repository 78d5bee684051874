//! Parts of the app whose code is a wasm chunk of its own, fetched the first time the part
//! is shown (issue 13, 1b: the course map should not wait for code it does not draw).
//!
//! The course's wasm is split at build time (`scripts/split-course.mjs`, run by Trunk after
//! it builds the course with the `split` feature): every function marked
//! `#[wasm_split(<chunk>)]` goes, with whatever only it reaches, into a module of its own,
//! packed with the pieces it shares with other split points into `split-<chunk>-<hash>.wasm`;
//! calling it fetches that one file and instantiates what it holds first. Builds without the feature
//! (the embeds, which hold one lab anyway, and `wasm-bindgen-test`) keep one module, and
//! the same functions return at once.
//!
//! A [`Chunk`] hands over one function from its part's properties to its element: a plain
//! function pointer, so it crosses the chunk boundary as one value. [`Lazy`] draws it, with
//! a line saying what is coming until it is in. A part shown once is drawn synchronously
//! from then on ([`Chunk::loaded`]), so going back to it never flashes the loading line. A
//! failed fetch (offline before the chunk was cached) is a message with "Try again", never
//! a panic: a panic in wasm kills the page.
//!
//! The chunks: each lab (`labs::chunks`); the instructor's pages, and a workshop's hand-in
//! page (`pages::chunked`).

use std::future::Future;
use std::pin::Pin;
use yew::prelude::*;

/// A chunk's content: its part's properties to its element.
pub type View<P> = fn(P) -> Html;

/// Why a chunk is not on screen: its file could not be fetched or instantiated (the
/// loader logs the cause on the console).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkLoadFailed;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for ChunkLoadFailed {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        ChunkLoadFailed
    }
}

/// What loading a chunk gives.
pub type Loading<P> = Pin<Box<dyn Future<Output = Result<View<P>, ChunkLoadFailed>>>>;

/// A part of the app in a chunk of its own.
pub trait Chunk: Copy + PartialEq + 'static {
    /// What the part takes.
    type Props: Clone + PartialEq + 'static;
    /// Fetch the chunk and hand over its view: a call of the part's split-point function
    /// (see [`split_call`]). Without the split the future is ready at once.
    fn fetch(self) -> Loading<Self::Props>;
    /// Run `f` on where this part's view is kept once it is in.
    fn with_kept<R>(self, f: impl FnOnce(&Kept<Self::Props>) -> R) -> R;
    /// What the part is, for "Loading the …" ("BGP lab", "Address planner", "instructor pages").
    fn name(self) -> String;

    /// The part's view if its chunk is in (always, without the split).
    fn loaded(self) -> Option<View<Self::Props>> {
        if let Some(view) = self.with_kept(Kept::get) {
            return Some(view);
        }
        // Without the split nothing is fetched: the future is ready on its first poll, and
        // the first render draws the part, as before the split.
        #[cfg(not(feature = "split"))]
        {
            let mut fetching = self.fetch();
            let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
            if let std::task::Poll::Ready(Ok(view)) = fetching.as_mut().poll(&mut cx) {
                return Some(self.with_kept(|k| k.keep(view)));
            }
        }
        None
    }

    /// Fetch the chunk (once: after a success this returns at once) and keep its view for
    /// [`Chunk::loaded`].
    fn load(self) -> Loading<Self::Props> {
        Box::pin(async move {
            if let Some(view) = self.loaded() {
                return Ok(view);
            }
            let view = self.fetch().await?;
            Ok(self.with_kept(|k| k.keep(view)))
        })
    }
}

/// Call a split-point function: with the `split` feature the macro has made it `async`
/// (it fetches its chunk first); without, it is a plain function.
#[cfg(feature = "split")]
macro_rules! split_call {
    ($call:expr) => {
        $call.await
    };
}
/// Call a split-point function: with the `split` feature the macro has made it `async`
/// (it fetches its chunk first); without, it is a plain function.
#[cfg(not(feature = "split"))]
macro_rules! split_call {
    ($call:expr) => {
        $call
    };
}
pub(crate) use split_call;

/// Keeps one chunk's view once it is in, for [`Chunk::loaded`].
pub struct Kept<P: 'static>(std::cell::Cell<Option<View<P>>>);

impl<P> Kept<P> {
    /// Nothing kept yet.
    pub const fn new() -> Self {
        Kept(std::cell::Cell::new(None))
    }
    /// The view, if kept.
    pub fn get(&self) -> Option<View<P>> {
        self.0.get()
    }
    /// Keep `view`, and give it back.
    pub fn keep(&self, view: View<P>) -> View<P> {
        self.0.set(Some(view));
        view
    }
}

impl<P> Default for Kept<P> {
    fn default() -> Self {
        Self::new()
    }
}

/// Properties of [`Lazy`].
#[derive(Properties, PartialEq)]
pub struct LazyProps<C: Chunk> {
    /// Which chunk.
    pub chunk: C,
    /// What its part takes.
    pub props: C::Props,
}

/// A part, drawn as soon as its chunk is in ([`Chunk::loaded`]); until then a line saying
/// it is coming, and if the fetch fails, a message with "Try again".
#[function_component]
pub fn Lazy<C: Chunk>(p: &LazyProps<C>) -> Html {
    // Whether the part is in is `loaded()`'s to say; the component keeps only which chunk's
    // last fetch failed, and redraws when a fetch ends.
    let failed = use_state(|| None::<C>);
    let attempt = use_state(|| 0u32);
    let arrived = use_force_update();
    {
        let failed = failed.clone();
        use_effect_with((p.chunk, *attempt), move |&(chunk, _)| {
            if chunk.loaded().is_none() {
                failed.set(None);
                wasm_bindgen_futures::spawn_local(async move {
                    match chunk.load().await {
                        Ok(_) => arrived.force_update(),
                        Err(ChunkLoadFailed) => failed.set(Some(chunk)),
                    }
                });
            }
        });
    }
    if let Some(view) = p.chunk.loaded() {
        return view(p.props.clone());
    }
    if *failed == Some(p.chunk) {
        let retry = {
            let attempt = attempt.clone();
            Callback::from(move |_| attempt.set(*attempt + 1))
        };
        return html! {
            <div class="message error chunk-failed" role="alert">
                <p>{ format!("The {} could not be loaded: the network did not answer. Its code is fetched the first time you open it.", p.chunk.name()) }</p>
                <button type="button" class="button primary" onclick={retry}>{ "Try again" }</button>
            </div>
        };
    }
    let what = format!("Loading the {}", p.chunk.name());
    html! {
        <div class="chunk-loading" role="status">
            <p>{ format!("{what}…") }</p>
            <progress aria-label={what}></progress>
        </div>
    }
}
