import { Effect } from "effect";
import { MalformedEmail } from "./malformed-email";
import { parseEmail, type ParseEmailOptions } from "./parse-email";
import type { InboundEmail } from "./schema";

/**
 * `parseEmail` as an Effect: a refused message is the typed `MalformedEmail` failure; anything
 * else (the attachment store failing) is a defect for the host's supervision to handle.
 *
 * @example
 * const email = yield* parseEmailEffect(raw, { attachmentStore })
 */
export const parseEmailEffect = (
  raw: Buffer,
  options: ParseEmailOptions,
): Effect.Effect<InboundEmail, MalformedEmail> =>
  Effect.callback<InboundEmail, MalformedEmail>((resume) => {
    parseEmail(raw, options).then(
      (email) => resume(Effect.succeed(email)),
      (error: unknown) => resume(error instanceof MalformedEmail ? Effect.fail(error) : Effect.die(error)),
    );
  });
