/**
 * @spoc/core — the service-desk domain as schemas and pure functions, the Store port and the Desk.
 * Everything is exported flat, and grouped as namespaces (`Ticket`, `Store`, `Auth`…).
 */
export * from "./ids/ids";
export * from "./validation/invalid-input";
export * from "./service/index";
export * from "./ticket/index";
export * from "./auth/index";
export * from "./store/index";
export * from "./desk/index";
export * from "./timeline/index";
