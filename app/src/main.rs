fn main() {
    // Inside a SCORM package: storage keys, the LMS's runtime, the saved place.
    cloudhop_app::scorm::start();
    yew::Renderer::<cloudhop_app::app::App>::new().render();
}
