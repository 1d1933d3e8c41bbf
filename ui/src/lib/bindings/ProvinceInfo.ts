// Provisional: will be overwritten by ts-rs generated bindings.
export type ProvinceInfo = { path: string, file_name: string, province: string, office: string, working_year: number, created_at: string, created_at_jalali: string, app_version: string, };
