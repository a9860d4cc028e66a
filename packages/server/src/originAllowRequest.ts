import type { IncomingMessage } from 'node:http';

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

/**
 * An `allowRequest` for Socket.IO that enforces the origin policy on every engine.io
 * request, WebSocket upgrades included (the `cors` option does not guard those).
 */
export function createOriginAllowRequest(policy: OriginPolicy): AllowRequest {
  return (req, callback) => {
    const header = req.headers.origin;
    if (isOriginAllowed(header, policy)) callback(null, true);
    else callback('origin not allowed', false);
  };
}
