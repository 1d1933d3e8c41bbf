//! Parity, enforced: every verb of the CLI has its row in docs/parity.md, and every row is true
//! (the verb exists, its screen's component exists, and its app commands are declared once in
//! the command list and called by a screen).

use daftar::bindings::camel;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn help(path: &[String]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_daftar")).args(path).arg("--help").output().expect("the CLI runs");
    assert!(out.status.success(), "`daftar {} --help` failed", path.join(" "));
    String::from_utf8(out.stdout).expect("help is UTF-8")
}

/// The subcommands a help text lists under «Commands:», without clap's own `help`.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Every verb: a command without subcommands, or one that also runs by itself (its usage's
/// first line does not end in `<COMMAND>`, like `accounts package`).
fn cli_verbs(path: Vec<String>, verbs: &mut BTreeSet<String>) {
    let text = help(&path);
    let subs = subcommands(&text);
    let usage = text.lines().find(|l| l.starts_with("Usage:")).unwrap_or_default();
    if !path.is_empty() && (subs.is_empty() || !usage.trim_end().ends_with("<COMMAND>")) {
        verbs.insert(path.join(" "));
    }
    for sub in subs {
        let mut next = path.clone();
        next.push(sub);
        cli_verbs(next, verbs);
    }
}

struct Row {
    screen: String,
    control: String,
    commands: Vec<String>,
}

fn parity_table() -> BTreeMap<String, Row> {
    let text = std::fs::read_to_string(Path::new(ROOT).join("docs/parity.md")).expect("docs/parity.md");
    let mut rows = BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 4, "a row has four cells: {line}");
        let verb = cells[0].trim_matches('`').to_string();
        let commands =
            cells[3].split(',').map(str::trim).filter(|c| !c.is_empty() && *c != "—").map(str::to_string).collect();
        let row = Row { screen: cells[1].to_string(), control: cells[2].to_string(), commands };
        assert!(rows.insert(verb.clone(), row).is_none(), "`{verb}` has two rows");
    }
    rows
}

/// The text of every screen and view-state file, besides the generated command wrappers.
fn ui_sources() -> String {
    let mut text = String::new();
    for dir in ["ui/src/components", "ui/src/lib", "ui/src"] {
        for entry in std::fs::read_dir(Path::new(ROOT).join(dir)).unwrap().flatten() {
            let path = entry.path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let screen_file = name.ends_with(".svelte") || (name.ends_with(".ts") && !name.ends_with(".test.ts"));
            if path.is_file() && screen_file && name != "commands.ts" && name != "api.ts" {
                text.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    text
}

/// Whether `ui` calls (or passes on) `api.NAME`, not merely a longer name that starts with it.
fn calls(ui: &str, name: &str) -> bool {
    let needle = format!("api.{name}");
    ui.match_indices(&needle)
        .any(|(at, _)| !ui[at + needle.len()..].chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_'))
}

#[test]
fn every_cli_verb_has_a_true_row_in_the_parity_table() {
    let mut verbs = BTreeSet::new();
    cli_verbs(Vec::new(), &mut verbs);
    assert!(verbs.contains("accounts package") && verbs.contains("accounts package verify") && verbs.contains("audit"));
    let table = parity_table();
    let missing: Vec<&String> = verbs.iter().filter(|v| !table.contains_key(*v)).collect();
    assert!(missing.is_empty(), "CLI verbs without a row in docs/parity.md: {missing:?}");
    let stale: Vec<&String> = table.keys().filter(|v| !verbs.contains(*v)).collect();
    assert!(stale.is_empty(), "rows in docs/parity.md for verbs the CLI does not have: {stale:?}");

    let command_list = std::fs::read_to_string(Path::new(ROOT).join("src-tauri/src/command_list.rs")).unwrap();
    let ui = ui_sources();
    for (verb, row) in &table {
        if row.screen == "CLI only" {
            assert!(row.commands.is_empty(), "`{verb}` is CLI only yet names app commands");
            assert!(row.control.len() > 20, "`{verb}` is CLI only: say why");
            continue;
        }
        let component = Path::new(ROOT).join(format!("ui/src/components/{}.svelte", row.screen));
        assert!(component.is_file(), "`{verb}`: no screen {}", component.display());
        assert!(!row.commands.is_empty(), "`{verb}` names no app command");
        for command in &row.commands {
            let declared = command_list.contains(&format!("::{command}("));
            assert!(declared, "`{verb}`: `{command}` is not in src-tauri/src/command_list.rs");
            let called = calls(&ui, &camel(command));
            assert!(called, "`{verb}`: no screen calls `api.{}`", camel(command));
        }
    }
}
