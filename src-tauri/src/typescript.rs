//! ui/src/lib/commands.ts, generated from the command list: one typed function per command,
//! named in camelCase, with the list's doc comment. `make bindings` rewrites it; the test
//! fails when the committed file is stale.

use crate::command_types::*;
use daftar::bindings::camel;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

struct Command {
    name: &'static str,
    docs: Vec<&'static str>,
    /// (name in Rust, TypeScript type)
    args: Vec<(&'static str, String)>,
    success: String,
    quiet: bool,
}

macro_rules! describe {
    ($($(#[doc = $doc:literal])* $module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $ret:ty $([$quiet:ident])?;)*) => {
        {
            let cfg = Config::new();
            vec![$(Command {
                name: stringify!($name),
                docs: vec![$($doc),*],
                args: vec![$((stringify!($arg), <$ty as TS>::name(&cfg))),*],
                success: <$ret as TS>::name(&cfg),
                quiet: false $(|| stringify!($quiet) == "quiet")?,
            }),*]
        }
    };
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("src-tauri is inside the repository").to_path_buf()
}

pub fn commands_ts_path() -> PathBuf {
    repo_root().join("ui/src/lib/commands.ts")
}

/// Names in the TypeScript types that are generated bindings (ui/src/lib/bindings/<Name>.ts).
fn binding_imports(types: &[&str], bindings: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for ty in types {
        for word in ty.split(|c: char| !c.is_alphanumeric() && c != '_') {
            if word.starts_with(char::is_uppercase) && bindings.join(format!("{word}.ts")).is_file() {
                names.insert(word.to_string());
            }
        }
    }
    names
}

fn function(command: &Command) -> String {
    let mut out = String::new();
    if !command.docs.is_empty() {
        out.push_str("  /**\n");
        for line in &command.docs {
            out.push_str(&format!("   *{line}\n"));
        }
        out.push_str("   */\n");
    }
    let params: Vec<String> = command.args.iter().map(|(n, t)| format!("{}: {t}", camel(n))).collect();
    let keys: Vec<String> = command.args.iter().map(|(n, _)| camel(n)).collect();
    let args = if keys.is_empty() { "{}".to_string() } else { format!("{{ {} }}", keys.join(", ")) };
    let track = if command.quiet { ", false" } else { "" };
    out.push_str(&format!(
        "  {}: ({}) => call<{}>('{}', {args}{track}),\n",
        camel(command.name),
        params.join(", "),
        command.success,
        command.name
    ));
    out
}

pub fn generate() -> String {
    let commands: Vec<Command> = with_commands!(describe);
    let cfg = Config::new();
    let local = [SavedDocument::decl(&cfg), SavedBatchDocument::decl(&cfg), SavedReminders::decl(&cfg)];
    let mut types: Vec<&str> = Vec::new();
    for c in &commands {
        types.push(&c.success);
        types.extend(c.args.iter().map(|(_, t)| t.as_str()));
    }
    types.extend(local.iter().map(String::as_str));
    let mut out = String::from(
        "// Generated from src-tauri/src/command_list.rs by `make bindings`: do not edit.\n\
         // One typed function per Tauri command; every rejection becomes an AppError (./call).\n",
    );
    out.push_str("import { call } from './call';\n");
    for name in binding_imports(&types, &repo_root().join("ui/src/lib/bindings")) {
        out.push_str(&format!("import type {{ {name} }} from './bindings/{name}';\n"));
    }
    for decl in &local {
        out.push_str(&format!("\nexport {decl}\n"));
    }
    out.push_str("\nexport const commands = {\n");
    for c in &commands {
        out.push_str(&function(c));
    }
    out.push_str("};\n");
    out
}

#[test]
fn commands_ts_is_fresh() {
    let path = commands_ts_path();
    let wanted = generate();
    if std::env::var_os("DAFTAR_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &wanted).unwrap();
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(found == wanted, "ui/src/lib/commands.ts is stale: run `make bindings`");
}

#[test]
fn names_become_camel_case() {
    assert_eq!(camel("accounts_intake_progress"), "accountsIntakeProgress");
    assert_eq!(camel("include_inactive"), "includeInactive");
}
