import * as Effect from "effect/Effect";
import * as Schema from "effect/Schema";
import { Actor } from "../auth/actor";
import { ServiceId, TicketId } from "../ids/ids";
import { decodeInput, InvalidInput, invalidInput } from "../validation/invalid-input";
import type { DeskError } from "./errors";

type Operation = (...args: never[]) => Effect.Effect<unknown, DeskError>;

// Plain values a caller can get wrong; each argument's issues are reported under its name.
const argument = (schema: Parameters<typeof decodeInput>[0], value: unknown, name: string): InvalidInput | undefined => {
  const r = decodeInput(schema, value, name);
  return r instanceof InvalidInput ? invalidInput(name, r.issues.map((i) => ({ path: i.path === "" ? name : `${name}.${i.path}`, message: i.message }))) : undefined;
};

const TicketNumber = Schema.String;
const Query = Schema.UndefinedOr(Schema.Record(Schema.String, Schema.Unknown));

type Arguments = ReadonlyArray<readonly [name: string, schema: Parameters<typeof decodeInput>[0]]>;

/** The name and schema of each leading positional argument of the Desk's reads and configure operations. */
export const argumentSchemas = {
  actor: [["actor", Actor]],
  read: [["actor", Actor], ["serviceId", ServiceId], ["ticketId", TicketId]],
  byNumber: [["actor", Actor], ["serviceId", ServiceId], ["number", TicketNumber]],
  list: [["actor", Actor], ["serviceId", ServiceId], ["query", Query]],
  configureDoc: [["actor", Actor], ["serviceId", ServiceId]],
} as const satisfies Record<string, Arguments>;

/**
 * An operation whose arguments (the actor, a service or ticket id) are decoded before it runs:
 * a hostile value is an `InvalidInput` naming the argument, never a crash deeper down.
 * @example const getTicket = withDecodedArguments(argumentSchemas.read, shape.getTicket)
 */
export const withDecodedArguments = <F extends Operation>(schemas: Arguments, f: F): F =>
  ((...args: Parameters<F>) => {
    for (const [k, [name, schema]] of schemas.entries()) {
      const issue = argument(schema, args[k], name);
      if (issue !== undefined) return Effect.fail(issue);
    }
    return f(...args);
  }) as F;
