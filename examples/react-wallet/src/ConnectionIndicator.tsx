import type { ConnectionStatus } from '@paysocket/client';
import { useLocale } from './LocaleContext';
import type { ConnectionWording } from './messages';
import { StatusIcon, type StatusIconName } from './StatusIcon';

interface ConnectionIndicatorProps {
  connected: boolean;
  status: ConnectionStatus;
  waitingForPayment: boolean;
}

const LOOK: Record<ConnectionWording, { icon: StatusIconName; tone: 'live' | 'pending' | 'down' }> =
  {
    listening: { icon: 'listening', tone: 'live' },
    connected: { icon: 'live', tone: 'live' },
    idle: { icon: 'waiting', tone: 'pending' },
    connecting: { icon: 'waiting', tone: 'pending' },
    reconnecting: { icon: 'waiting', tone: 'pending' },
    offline: { icon: 'offline', tone: 'pending' },
    unauthorized: { icon: 'locked', tone: 'down' },
    failed: { icon: 'error', tone: 'down' },
    closed: { icon: 'offline', tone: 'down' },
  };

/** The seed's live indicator, with a wording for every connection status. */
export function ConnectionIndicator({
  connected,
  status,
  waitingForPayment,
}: ConnectionIndicatorProps) {
  const { m } = useLocale();
  const wording: ConnectionWording = connected && waitingForPayment ? 'listening' : status;
  const { icon, tone } = LOOK[wording];
  return (
    <p className={`connection connection-${tone}`} role="status" data-status={status}>
      <StatusIcon name={icon} /> {m.connection[wording]}
    </p>
  );
}
