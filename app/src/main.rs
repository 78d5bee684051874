fn main() {
    yew::Renderer::<cloudhop_app::app::App>::new().render();
}
