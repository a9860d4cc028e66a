import { defineConfig, type ProxyOptions } from 'vite';

/** Same origin for page and backend, as in the React example: see its vite.config.ts. */
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
  server: { port: 5174, proxy, allowedHosts },
  preview: { port: 5174, proxy, allowedHosts },
});
