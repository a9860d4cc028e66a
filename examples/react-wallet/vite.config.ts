import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

/**
 * The page and the API share one origin: the dev and preview servers forward the API,
 * the socket and the fake MoMo page to the backend, so the httpOnly session cookie is a
 * first-party cookie whether the page is opened on localhost, 127.0.0.1 or a LAN address.
 */
const backend = process.env.PAYSOCKET_SERVER_URL ?? 'http://127.0.0.1:4000';
// A phone opens the page by the LAN address in PUBLIC_URL; vite refuses unknown host names.
const publicHost = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).hostname : undefined;
const allowedHosts = publicHost ? [publicHost] : [];
const forward: ProxyOptions = { target: backend, changeOrigin: false };
const proxy: Record<string, ProxyOptions> = {
  '/api': forward,
  '/mock-momo': forward,
  '/metrics': forward,
  '/socket.io': { ...forward, ws: true },
};

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy, allowedHosts },
  preview: { port: 5173, proxy, allowedHosts },
});
