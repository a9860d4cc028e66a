import * as z from 'zod/mini';

/** Drops a value of the wrong type, so that one bad field does not void the others. */
const ignoredIfInvalid = <T extends z.ZodMiniType>(schema: T) =>
  z.catch(z.optional(schema), undefined);

/**
 * `handshake.auth` as a server reads it: any object, each field kept only when it has the
 * right type (a `lastSeq` must be a non-negative safe integer), so a malformed resume
 * position counts as none. Anything but an object fails.
 */
export const handshakeAuthSchema = /* @__PURE__ */ (() =>
  // Built in a pure closure so that a bundle of the published file drops it when unused.
  z.object({
    token: ignoredIfInvalid(z.string()),
    epoch: ignoredIfInvalid(z.string()),
    lastSeq: ignoredIfInvalid(z.int().check(z.nonnegative())),
  }))();

export type ParsedHandshakeAuth = z.infer<typeof handshakeAuthSchema>;
