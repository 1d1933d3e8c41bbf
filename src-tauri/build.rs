fn main() {
    // Only these commands exist for the webview, and only those granted in capabilities/ run.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_state",
        "province_create",
        "province_open",
        "province_open_recent",
        "province_close",
        "agencies_list",
        "agency_groups",
        "agency_add",
        "agency_edit",
        "agency_set_active",
        "agencies_import",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri build script");
}
