// Provisional: will be overwritten by ts-rs generated bindings.
export type AgencyGroup = { id: number, name: string, agency_count: number, };
