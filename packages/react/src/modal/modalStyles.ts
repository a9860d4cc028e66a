/** The dark palette, used by `theme="dark"` and by `theme="system"` under a dark preference. */
const DARK_PALETTE = `
  --ps-qr-bg: #1c1c21;
  --ps-qr-fg: #f2f2f5;
  --ps-qr-muted: #b4b4c0;
  --ps-qr-border: #3a3a44;
  --ps-qr-surface: #26262d;
  --ps-qr-accent: #ff5cb8;
  --ps-qr-accent-fg: #1c1c21;
  --ps-qr-success: #4ade80;
  --ps-qr-danger: #ff8a80;
  --ps-qr-warning: #fbbf24;
  --ps-qr-overlay: rgb(0 0 0 / 0.7);
  --ps-qr-focus: #93c5fd;
`;

/**
 * The modal's stylesheet. It is injected once at run time (see `useModalStyles`) so the
 * package needs no CSS loader and stays free of side effects on import. Everything sits
 * in `:where()` (zero specificity), so any rule of the app wins, and colours, radius and
 * fonts come from the documented `--ps-qr-*` custom properties.
 */
export const MODAL_STYLES = `
:where(.ps-qr-overlay, .ps-qr) {
  --ps-qr-bg: #ffffff;
  --ps-qr-fg: #1d1d1f;
  --ps-qr-muted: #5b5b66;
  --ps-qr-border: #e3e3e8;
  --ps-qr-surface: #f6f6f8;
  --ps-qr-accent: #a50064;
  --ps-qr-accent-fg: #ffffff;
  --ps-qr-success: #0f7b3e;
  --ps-qr-danger: #b3261e;
  --ps-qr-warning: #8a5a00;
  --ps-qr-overlay: rgb(0 0 0 / 0.55);
  --ps-qr-radius: 16px;
  --ps-qr-width: 400px;
  --ps-qr-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  --ps-qr-focus: #2563eb;
}
:where(.ps-qr-overlay, .ps-qr)[data-theme='dark'] {${DARK_PALETTE}}
@media (prefers-color-scheme: dark) {
  :where(.ps-qr-overlay, .ps-qr)[data-theme='system'] {${DARK_PALETTE}}
}
:where(.ps-qr-overlay) {
  position: fixed;
  inset: 0;
  background: var(--ps-qr-overlay);
  animation: ps-qr-fade 160ms ease-out;
}
:where(.ps-qr) {
  position: fixed;
  top: 50%;
  left: 50%;
  transform: translate(-50%, -50%);
  box-sizing: border-box;
  width: min(var(--ps-qr-width), calc(100vw - 24px));
  max-height: calc(100vh - 24px);
  overflow: auto;
  padding: 20px;
  border-radius: var(--ps-qr-radius);
  background: var(--ps-qr-bg);
  color: var(--ps-qr-fg);
  font-family: var(--ps-qr-font);
  font-size: 15px;
  line-height: 1.45;
  box-shadow: 0 20px 50px rgb(0 0 0 / 0.3);
  animation: ps-qr-pop 180ms ease-out;
}
:where(.ps-qr *) { box-sizing: border-box; }
:where(.ps-qr :focus-visible) { outline: 3px solid var(--ps-qr-focus); outline-offset: 2px; }
:where(.ps-qr__header) { display: flex; align-items: flex-start; gap: 12px; }
:where(.ps-qr__title) { flex: 1; margin: 0; font-size: 1.2em; line-height: 1.3; }
:where(.ps-qr__close) {
  flex: none; width: 36px; height: 36px; margin: -6px -6px 0 0; border: 0; border-radius: 50%;
  background: transparent; color: var(--ps-qr-muted); font-size: 22px; line-height: 1; cursor: pointer;
}
:where(.ps-qr__close:hover) { background: var(--ps-qr-surface); color: var(--ps-qr-fg); }
:where(.ps-qr__description) { margin: 6px 0 0; color: var(--ps-qr-muted); }
:where(.ps-qr__amount) { margin: 10px 0 0; font-size: 1.6em; font-weight: 700; font-variant-numeric: tabular-nums; }
:where(.ps-qr__status) { display: flex; align-items: center; gap: 8px; margin-top: 12px; color: var(--ps-qr-muted); font-size: 0.93em; }
:where(.ps-qr__dot) { width: 10px; height: 10px; border-radius: 50%; background: var(--ps-qr-muted); flex: none; }
:where(.ps-qr[data-connection='live'] .ps-qr__dot) { background: var(--ps-qr-success); animation: ps-qr-pulse 1.6s ease-in-out infinite; }
:where(.ps-qr[data-connection='reconnecting'] .ps-qr__dot, .ps-qr[data-connection='connecting'] .ps-qr__dot) { background: var(--ps-qr-warning); }
:where(.ps-qr[data-connection='offline'] .ps-qr__dot, .ps-qr[data-connection='error'] .ps-qr__dot) { background: var(--ps-qr-danger); }
:where(.ps-qr__code) {
  display: flex; justify-content: center; margin: 14px auto 0; padding: 12px;
  width: fit-content; border-radius: 12px; background: #ffffff; border: 1px solid var(--ps-qr-border);
}
:where(.ps-qr__code svg) { display: block; width: 216px; height: 216px; }
:where(.ps-qr__timer) { margin-top: 14px; }
:where(.ps-qr__clock) { display: flex; justify-content: space-between; font-size: 0.93em; color: var(--ps-qr-muted); }
:where(.ps-qr__clock [role='timer']) { font-variant-numeric: tabular-nums; font-weight: 600; color: var(--ps-qr-fg); }
:where(.ps-qr__progress) { height: 6px; margin-top: 6px; border-radius: 3px; background: var(--ps-qr-surface); overflow: hidden; }
:where(.ps-qr__bar) { height: 100%; background: var(--ps-qr-accent); transition: width 1s linear; }
:where(.ps-qr__actions) { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 16px; }
:where(.ps-qr__button) {
  flex: 1 1 auto; display: inline-flex; align-items: center; justify-content: center; min-height: 44px;
  padding: 8px 14px; border-radius: 10px; border: 1px solid var(--ps-qr-border);
  background: var(--ps-qr-bg); color: var(--ps-qr-fg); font: inherit; font-weight: 600;
  text-decoration: none; cursor: pointer;
}
:where(.ps-qr__button:hover) { background: var(--ps-qr-surface); }
:where(.ps-qr__button[data-variant='primary']) { background: var(--ps-qr-accent); border-color: var(--ps-qr-accent); color: var(--ps-qr-accent-fg); }
:where(.ps-qr__button[data-variant='danger']) { color: var(--ps-qr-danger); }
:where(.ps-qr__button[data-action='open-momo']) { display: none; }
@media (max-width: 480px) {
  :where(.ps-qr__button[data-action='open-momo']) {
    display: inline-flex; order: -1; flex-basis: 100%;
    background: var(--ps-qr-accent); border-color: var(--ps-qr-accent); color: var(--ps-qr-accent-fg);
  }
  :where(.ps-qr__code svg) { width: 176px; height: 176px; }
}
@media (pointer: coarse) {
  :where(.ps-qr__button[data-action='open-momo']) { display: inline-flex; }
}
:where(.ps-qr__cancel) { margin-top: 12px; }
:where(.ps-qr__confirm) { padding: 12px; border-radius: 10px; background: var(--ps-qr-surface); }
:where(.ps-qr__confirm p) { margin: 0 0 10px; }
:where(.ps-qr__link) { border: 0; background: none; padding: 4px 0; color: var(--ps-qr-muted); font: inherit; text-decoration: underline; cursor: pointer; }
:where(.ps-qr__result) { display: flex; flex-direction: column; align-items: center; text-align: center; margin-top: 16px; gap: 8px; }
:where(.ps-qr__icon) {
  display: flex; align-items: center; justify-content: center; width: 56px; height: 56px;
  border-radius: 50%; font-size: 28px; font-weight: 700; background: var(--ps-qr-surface);
}
:where(.ps-qr[data-state='success'] .ps-qr__icon) { color: var(--ps-qr-success); }
:where(.ps-qr[data-state='failed'] .ps-qr__icon, .ps-qr[data-state='declined'] .ps-qr__icon) { color: var(--ps-qr-danger); }
:where(.ps-qr[data-state='expired'] .ps-qr__icon, .ps-qr[data-state='cancelled'] .ps-qr__icon) { color: var(--ps-qr-warning); }
:where(.ps-qr__spinner) {
  width: 40px; height: 40px; border-radius: 50%; border: 4px solid var(--ps-qr-surface);
  border-top-color: var(--ps-qr-accent); animation: ps-qr-spin 0.9s linear infinite;
}
:where(.ps-qr__hint) { margin: 16px 0 0; font-size: 0.85em; color: var(--ps-qr-muted); }
:where(.ps-qr__sr) {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
@keyframes ps-qr-fade { from { opacity: 0; } }
@keyframes ps-qr-pop { from { opacity: 0; transform: translate(-50%, -48%) scale(0.97); } }
@keyframes ps-qr-pulse { 50% { opacity: 0.35; } }
@keyframes ps-qr-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) {
  :where(.ps-qr-overlay, .ps-qr, .ps-qr *) { animation: none !important; transition: none !important; }
  :where(.ps-qr__spinner) { border-top-color: var(--ps-qr-accent); }
}
`;
