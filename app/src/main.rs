fn main() {
    // Inside a SCORM package: storage keys, the LMS's runtime, the saved place.
    if let Ok(course) = cloudhop_app::state::course().as_ref() {
        cloudhop_app::scorm::start(course);
    }
    // A workshop named in the address's query (a cmi5 AU's URL); a SCORM package's launch
    // has opened its own.
    if !cloudhop_app::scorm::in_package() {
        cloudhop_app::workshop::open_from_query();
    }
    yew::Renderer::<cloudhop_app::app::App>::new().render();
}
