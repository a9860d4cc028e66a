import { useEffect } from 'react';
import type { PaymentSocketClientApi } from '@paysocket/client';
import { assertUserId } from './assertHookArguments';
import { isDevelopment } from './isDevelopment';

interface Claim {
  hookName: string;
  userId: string | null;
}

interface Claims {
  /** In the order they were made: the last one is the user the client has. */
  list: Claim[];
  checkScheduled: boolean;
  lastWarning: string | null;
}

const claimsByClient = new WeakMap<PaymentSocketClientApi, Claims>();

function claimsOf(client: PaymentSocketClientApi): Claims {
  let claims = claimsByClient.get(client);
  if (!claims) {
    claims = { list: [], checkScheduled: false, lastWarning: null };
    claimsByClient.set(client, claims);
  }
  return claims;
}

/**
 * Makes `userId` the client's user while the calling hook is mounted (null: signed out, no
 * connection). Mounted hooks that name different users are a bug in the app: the one that
 * claimed last wins, and development builds warn. Unmounting never changes the user, so
 * navigating away keeps the connection.
 */
export function useUserClaim(
  client: PaymentSocketClientApi,
  userId: string | null,
  hookName: string,
): void {
  assertUserId(hookName, userId);
  useEffect(() => {
    const claims = claimsOf(client);
    const claim: Claim = { hookName, userId };
    claims.list.push(claim);
    client.setUser(userId);
    if (isDevelopment()) scheduleConflictCheck(claims);
    return () => {
      const index = claims.list.indexOf(claim);
      if (index !== -1) claims.list.splice(index, 1);
    };
  }, [client, userId, hookName]);
}

/**
 * Checks once the current batch of effects has run, so hooks that all switch to the same
 * new user in one commit are not reported while only some of them have switched.
 */
function scheduleConflictCheck(claims: Claims): void {
  if (claims.checkScheduled) return;
  claims.checkScheduled = true;
  queueMicrotask(() => {
    claims.checkScheduled = false;
    const users = [...new Set(claims.list.map((claim) => claim.userId))];
    if (users.length < 2) {
      claims.lastWarning = null;
      return;
    }
    const winner = claims.list.at(-1) as Claim;
    const warning =
      `[paysocket] Mounted hooks name different users (${users.map(describe).join(', ')}). ` +
      `The last one, ${winner.hookName}(${describe(winner.userId)}), wins: pass every ` +
      `paysocket hook the same userId.`;
    if (warning === claims.lastWarning) return;
    claims.lastWarning = warning;
    console.warn(warning);
  });
}

function describe(userId: string | null): string {
  return userId === null ? 'null' : JSON.stringify(userId);
}
