// Provisional: will be overwritten by ts-rs generated bindings.
export type ImportReport = { file_name: string, rows_read: number, added: number, updated: number, unchanged: number, groups_added: number, };
