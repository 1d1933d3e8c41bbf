// Provisional: will be overwritten by ts-rs generated bindings.
import type { ProvinceInfo } from "./ProvinceInfo";
import type { RecentFile } from "./RecentFile";

export type AppState = { province: ProvinceInfo | null, recent: Array<RecentFile>, };
