import type { Forbidden, CommandRejected, IllegalTransition, TicketNotFound } from "../ticket/errors";
import type { StoreError } from "../store/errors";
import type { InvalidInput } from "../validation/invalid-input";

/** Every typed error a Desk operation can fail with. */
export type DeskError = InvalidInput | Forbidden | TicketNotFound | IllegalTransition | CommandRejected | StoreError;
