// The Rust side as the screens call it: one typed function per Tauri command, generated from
// src-tauri/src/command_list.rs (./commands.ts); `busy` drives the loading indicator.
import { commands } from './commands';

export { busy } from './call';
export type { SavedDocument } from './commands';

export const api = commands;
export type Api = typeof api;
