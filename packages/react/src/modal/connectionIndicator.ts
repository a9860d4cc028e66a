import type { ConnectionStatus } from '@paysocket/client';
import type { ConnectionIndicator } from './DepositPhase';

/**
 * The live indicator for a connection status. Before the first connection the user sees
 * "connecting"; once the page has been live, losing the socket reads as "reconnecting".
 */
export function connectionIndicator(
  status: ConnectionStatus,
  wasLive: boolean,
): ConnectionIndicator {
  switch (status) {
    case 'connected':
      return 'live';
    case 'idle':
    case 'connecting':
      return wasLive ? 'reconnecting' : 'connecting';
    case 'reconnecting':
      return 'reconnecting';
    case 'offline':
      return 'offline';
    case 'unauthorized':
    case 'failed':
    case 'closed':
      return 'error';
  }
}
