/**
 * @spoc/core — the service-desk domain as schemas and pure functions, the Store port and the Desk.
 * Everything is exported flat, and grouped as namespaces (`Ticket`, `Store`, `Auth`…).
 */
export * from "./ids/ids";
export * from "./validation/invalid-input";
export * from "./validation/safe-text";
export * from "./service/index";
export * from "./ticket/index";
export * from "./auth/index";
export * from "./view/index";
export * from "./store/index";
export * from "./desk/index";
export * from "./timeline/index";
export * as Sla from "./sla/index";
export * as Routing from "./routing/index";
export * as Assignment from "./assignment/index";
export * as Escalation from "./escalation/index";
export * as Automation from "./automation/index";
export type { DeskSweepReport, SweepOptions } from "./automation/index";
export * as Simulation from "./simulate/index";
