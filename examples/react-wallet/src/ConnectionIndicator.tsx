import type { ConnectionStatus, PaymentSocketError } from '@paysocket/client';

interface ConnectionIndicatorProps {
  connected: boolean;
  status: ConnectionStatus;
  error: PaymentSocketError | null;
  waitingForPayment: boolean;
}

function describe(status: ConnectionStatus, connected: boolean, waiting: boolean) {
  if (connected) {
    return waiting
      ? { icon: '🔌', text: 'Đang lắng nghe thanh toán…', tone: 'live' }
      : { icon: '🟢', text: 'Đã kết nối', tone: 'live' };
  }
  switch (status) {
    case 'reconnecting':
      return { icon: '⏳', text: 'Mất kết nối, đang kết nối lại…', tone: 'pending' };
    case 'offline':
      return { icon: '📴', text: 'Mất mạng — sẽ tự kết nối lại khi có mạng', tone: 'pending' };
    case 'unauthorized':
      return {
        icon: '🔒',
        text: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại',
        tone: 'down',
      };
    case 'failed':
      return { icon: '❌', text: 'Không kết nối được máy chủ thanh toán', tone: 'down' };
    default:
      return { icon: '⏳', text: 'Đang kết nối…', tone: 'pending' };
  }
}

/** The seed's live indicator, with a wording for every connection status. */
export function ConnectionIndicator({
  connected,
  status,
  error,
  waitingForPayment,
}: ConnectionIndicatorProps) {
  const { icon, text, tone } = describe(status, connected, waitingForPayment);
  return (
    <p className={`connection connection-${tone}`} role="status" data-status={status}>
      <span aria-hidden="true">{icon}</span> {text}
      {!connected && error && <span className="muted"> ({error.code})</span>}
    </p>
  );
}
