// Provisional: will be overwritten by ts-rs generated bindings.
export type RecentFile = { path: string, file_name: string, province: string, last_opened_jalali: string, };
