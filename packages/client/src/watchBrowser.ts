export interface BrowserHandlers {
  online(): void;
  offline(): void;
  visible(): void;
}

/** Whether the browser says it has no network (never true outside a browser). */
export function browserOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * Follows the browser's network and tab-visibility events; returns the function that stops.
 * Outside a browser (SSR, Node) it touches nothing.
 */
export function watchBrowser(handlers: BrowserHandlers): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => {};
  const onVisibility = () => {
    if (document.visibilityState === 'visible') handlers.visible();
  };
  const online = () => handlers.online();
  const offline = () => handlers.offline();
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
