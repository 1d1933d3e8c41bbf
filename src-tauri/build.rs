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
        "accounts_overview",
        "accounts_template_import",
        "accounts_workbooks",
        "accounts_intake",
        "accounts_intake_progress",
        "accounts_check",
        "accounts_findings",
        "accounts_feedback",
        "accounts_explain",
        "accounts_approve",
        "accounts_reopen",
        "accounts_deadline",
        "accounts_items",
        "accounts_enter_value",
        "accounts_assign",
        "accounts_package",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri build script");
}
