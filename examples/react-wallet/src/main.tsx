import { PaymentSocketClient } from '@paysocket/client';
import { PaymentSocketProvider } from '@paysocket/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { LocaleProvider } from './LocaleContext';
import './styles.css';

// One client for the whole page, made outside React so StrictMode's double mount and
// every hook share one socket. The page is served on the backend's origin (see
// vite.config.ts), so the httpOnly session cookie rides along with the socket handshake.
const client = new PaymentSocketClient({
  url: window.location.origin,
  auth: 'cookie',
  autoConnect: false,
  logger: import.meta.env.DEV ? console : false,
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <LocaleProvider>
      <PaymentSocketProvider client={client}>
        <App />
      </PaymentSocketProvider>
    </LocaleProvider>
  </StrictMode>,
);
