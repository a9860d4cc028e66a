import type { ConnectionIndicator } from './DepositPhase';
import type { DepositQRMessages } from './messages';

/** What the live indicator says for a connection state. */
export function connectionText(connection: ConnectionIndicator, m: DepositQRMessages): string {
  switch (connection) {
    case 'connecting':
      return m.connecting;
    case 'live':
      return m.live;
    case 'reconnecting':
      return m.reconnecting;
    case 'offline':
      return m.offline;
    case 'error':
      return m.connectionError;
  }
}
