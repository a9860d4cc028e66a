import type { IncomingMessage, ServerResponse } from 'node:http';

/** The origins allowed to open sockets and call the API: an exact-match list or a predicate. */
export type OriginPolicy = readonly string[] | ((origin: string) => boolean);

/** Socket.IO's `allowRequest` option. */
export type AllowRequest = (
  req: IncomingMessage,
  callback: (err: string | null | undefined, success: boolean) => void,
) => void;

/**
 * Whether a request's `Origin` header passes the policy. No header means the caller is not
 * a browser (every browser sends one) and is allowed; `null` (sandboxed frames, `file:`)
 * never is; otherwise the origin must match an entry exactly.
 */
export function isOriginAllowed(origin: string | undefined, policy: OriginPolicy): boolean {
  if (origin === undefined) return true;
  if (origin === 'null' || origin === '') return false;
  return typeof policy === 'function' ? policy(origin) : policy.includes(origin);
}

/** An Engine.IO middleware, as `io.engine.use(...)` takes it. */
export type EngineMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (err?: Error) => void,
) => void;

/**
 * An `allowRequest` for Socket.IO that enforces the origin policy on the handshake of every
 * Engine.IO session, over polling or WebSocket (the `cors` option guards neither). A refused
 * handshake gets 403. Engine.IO calls `allowRequest` only for requests without a `sid`: pair
 * it with {@link createSessionOriginGuard} for the requests of a session already open.
 */
export function createOriginAllowRequest(policy: OriginPolicy): AllowRequest {
  return (req, callback) => {
    const header = req.headers.origin;
    if (isOriginAllowed(header, policy)) callback(null, true);
    else callback('origin not allowed', false);
  };
}

/**
 * An Engine.IO middleware (`io.engine.use(...)`) that enforces the origin policy on every
 * request of an open session (those with a `sid`): its polling requests and its upgrade to
 * WebSocket. Engine.IO skips `allowRequest` for them, so without this a page on a foreign
 * origin that learns a sid gets `101 Switching Protocols` for it. A refused request gets 400
 * (an upgrade also has its connection closed); handshakes are left to `allowRequest`.
 */
export function createSessionOriginGuard(policy: OriginPolicy): EngineMiddleware {
  return (req, _res, next) => {
    const sid = new URL(req.url ?? '/', 'http://engine.invalid').searchParams.has('sid');
    if (!sid || isOriginAllowed(req.headers.origin, policy)) next();
    else next(new Error('origin not allowed'));
  };
}
