// The add-on's exports checked against src/contract in both directions, at type level only (nothing here
// reaches dist/Code.js): a function added, removed or re-typed on one side alone is a tsc error here.
import type { EntryPoint, SidebarApi } from "../contract";
import type * as bigqueryRpc from "./bigquery-rpc";
import type * as calibrationRpc from "./calibration-rpc";
import type * as addon from "./index";
import type * as sidebarRpc from "./sidebar-rpc";

/** Compiles only when `Actual` has every member of `Expected`, each assignable to it. */
type Implements<Actual extends Expected, Expected> = Actual;
/** Compiles only when `Extra` is empty; otherwise the error names what is left over. */
type None<Extra extends never> = Extra;

type SidebarServer = typeof sidebarRpc & typeof calibrationRpc & typeof bigqueryRpc;

/** The sidebar RPC modules export exactly SidebarApi: same functions, signatures equal both ways. */
export type SidebarServerMatchesContract = [
  Implements<SidebarServer, SidebarApi>,
  Implements<SidebarApi, Pick<SidebarServer, keyof SidebarApi>>,
  None<Exclude<keyof SidebarServer, keyof SidebarApi>>,
];

/** Every export of the add-on is a named entry point, and every named entry point is exported. */
export type EntryPointsMatchContract = [
  None<Exclude<keyof typeof addon, EntryPoint>>,
  None<Exclude<EntryPoint, keyof typeof addon>>,
];
