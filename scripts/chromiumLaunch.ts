/**
 * How every browser test here launches Chromium: Debian's build (never a downloaded one;
 * `CHROMIUM_PATH` overrides where it is),
 * with the background services off — this machine's closed network refuses their
 * connections, and a test must not wait on them.
 */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
