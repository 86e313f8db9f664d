import type { SidebarState } from "../../src/contract";

/** Every settings panel gets the current state and reports the state a save returned. */
export interface PanelProps {
  state: SidebarState;
  onState(next: SidebarState): void;
}
