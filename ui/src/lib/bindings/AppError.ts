// Provisional: will be overwritten by ts-rs generated bindings.
export type AppError = { code: string, message: string, details: Array<string>, };
