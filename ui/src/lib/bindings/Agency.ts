// Provisional: will be overwritten by ts-rs generated bindings.
export type Agency = { id: number, code: string, name: string, short_name: string, group: string | null, parent_ministry: string, focal_person: string, phone: string, email: string, active: boolean, };
