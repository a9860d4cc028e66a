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
  color-scheme: dark;
`;

/**
 * The modal's stylesheet. It is injected once at run time (see `useModalStyles`), before the
 * page's own stylesheets, so the package needs no CSS loader and stays free of side effects
 * on import.
 *
 * It is unlayered and every rule selects by one of the modal's own classes (0,1,0; hover
 * and focus 0,2,0): a host page's element rules (`button {}`, Tailwind's preflight,
 * Bootstrap's reboot) have less specificity and never reach the modal, while a host's class
 * rule of the same specificity comes later and wins. The two outer elements reset every
 * property (`all: initial`), so nothing is inherited from the page's `<body>`; every element
 * inside starts from the browser's own defaults (`all: revert`), which drops whatever the
 * page's element rules set, and then gets the modal's look. SVG content keeps its
 * presentation attributes (the QR's colours), which a revert would drop.
 */
export const MODAL_STYLES = `
.ps-qr-overlay, .ps-qr {
  all: initial;
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
  color-scheme: light;
}
.ps-qr-overlay:where([data-theme='dark']), .ps-qr:where([data-theme='dark']) {${DARK_PALETTE}}
@media (prefers-color-scheme: dark) {
  .ps-qr-overlay:where([data-theme='system']), .ps-qr:where([data-theme='system']) {${DARK_PALETTE}}
}
.ps-qr :where(:not(svg *)) { all: revert; box-sizing: border-box; }
.ps-qr :where(svg *) {
  box-sizing: content-box; margin: 0; padding: 0; border: none; outline: none; opacity: 1;
  transform: none; filter: none; stroke: none; animation: none; transition: none;
}
/* Resets select buttons by [type] too (one attribute: 0,1,0, and later in the page). */
.ps-qr :is(.ps-qr__button, .ps-qr__close, .ps-qr__link) { appearance: none; }
.ps-qr-overlay {
  display: block;
  position: fixed;
  inset: 0;
  background: var(--ps-qr-overlay);
  animation: ps-qr-fade 160ms ease-out;
}
.ps-qr {
  display: block;
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
  overflow-wrap: break-word;
  box-shadow: 0 20px 50px rgb(0 0 0 / 0.3);
  animation: ps-qr-pop 180ms ease-out;
}
.ps-qr :focus-visible { outline: 3px solid var(--ps-qr-focus); outline-offset: 2px; }
.ps-qr__header { display: flex; align-items: flex-start; gap: 12px; }
.ps-qr__title {
  display: block; flex: 1; margin: 0; padding: 0; color: inherit;
  font-size: 1.2em; font-weight: 700; line-height: 1.3;
}
.ps-qr__close {
  display: inline-flex; align-items: center; justify-content: center; flex: none;
  width: 36px; height: 36px; margin: -6px -6px 0 0; padding: 0; border: 0; border-radius: 50%;
  background: transparent; color: var(--ps-qr-muted);
  font: inherit; font-size: 22px; line-height: 1; cursor: pointer;
}
.ps-qr__close:hover { background: var(--ps-qr-surface); color: var(--ps-qr-fg); }
.ps-qr__description { display: block; margin: 6px 0 0; padding: 0; color: var(--ps-qr-muted); }
.ps-qr__amount {
  display: block; margin: 10px 0 0; padding: 0; font-size: 1.6em; font-weight: 700;
  font-variant-numeric: tabular-nums;
}
.ps-qr__status {
  display: flex; align-items: center; gap: 8px; margin: 12px 0 0; padding: 0;
  color: var(--ps-qr-muted); font-size: 0.93em;
}
.ps-qr__dot {
  display: block; flex: none; width: 10px; height: 10px; border-radius: 50%;
  background: var(--ps-qr-muted);
}
.ps-qr__dot:where(.ps-qr[data-connection='live'] *) {
  background: var(--ps-qr-success); animation: ps-qr-pulse 1.6s ease-in-out infinite;
}
.ps-qr__dot:where(.ps-qr[data-connection='reconnecting'] *, .ps-qr[data-connection='connecting'] *) {
  background: var(--ps-qr-warning);
}
.ps-qr__dot:where(.ps-qr[data-connection='offline'] *, .ps-qr[data-connection='error'] *) {
  background: var(--ps-qr-danger);
}
.ps-qr__code {
  display: flex; justify-content: center; width: fit-content; margin: 14px auto 0; padding: 12px;
  border: 1px solid var(--ps-qr-border); border-radius: 12px; background: #ffffff;
}
.ps-qr__code :where(svg) {
  display: block; width: 216px; height: 216px; margin: 0; padding: 0; border: 0;
  shape-rendering: crispEdges;
}
.ps-qr__timer { display: block; margin: 14px 0 0; }
.ps-qr__clock {
  display: flex; justify-content: space-between; font-size: 0.93em; color: var(--ps-qr-muted);
}
.ps-qr__clock :where([role='timer']) {
  font-variant-numeric: tabular-nums; font-weight: 600; color: var(--ps-qr-fg);
}
.ps-qr__progress {
  display: block; height: 6px; margin: 6px 0 0; border-radius: 3px;
  background: var(--ps-qr-surface); overflow: hidden;
}
.ps-qr__bar { display: block; height: 100%; background: var(--ps-qr-accent); transition: width 1s linear; }
.ps-qr__actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 16px 0 0; }
.ps-qr__button {
  flex: 1 1 auto; display: inline-flex; align-items: center; justify-content: center;
  min-height: 44px; margin: 0; padding: 8px 14px; border: 1px solid var(--ps-qr-border);
  border-radius: 10px; background: var(--ps-qr-bg); color: var(--ps-qr-fg);
  font: inherit; font-weight: 600; text-align: center; text-decoration: none;
  cursor: pointer;
}
.ps-qr__button:hover { background: var(--ps-qr-surface); }
.ps-qr__button:where([data-variant='primary']),
.ps-qr__button:where([data-variant='primary']):hover {
  background: var(--ps-qr-accent); border-color: var(--ps-qr-accent); color: var(--ps-qr-accent-fg);
}
.ps-qr__button:where([data-variant='danger']) { color: var(--ps-qr-danger); }
.ps-qr__button:where([data-action='open-momo']) { display: none; }
@media (max-width: 480px) {
  .ps-qr__button:where([data-action='open-momo']) {
    display: inline-flex; order: -1; flex-basis: 100%;
    background: var(--ps-qr-accent); border-color: var(--ps-qr-accent); color: var(--ps-qr-accent-fg);
  }
  .ps-qr__code :where(svg) { width: 176px; height: 176px; }
}
@media (pointer: coarse) {
  .ps-qr__button:where([data-action='open-momo']) { display: inline-flex; }
}
.ps-qr__cancel { display: block; margin: 12px 0 0; }
.ps-qr__confirm { display: block; padding: 12px; border-radius: 10px; background: var(--ps-qr-surface); }
.ps-qr__confirm > :where(p) { margin: 0 0 10px; }
.ps-qr__link {
  display: inline; margin: 0; padding: 4px 0; border: 0; background: none;
  color: var(--ps-qr-muted); font: inherit; text-decoration: underline;
  cursor: pointer;
}
.ps-qr__result {
  display: flex; flex-direction: column; align-items: center; gap: 8px; margin: 16px 0 0;
  text-align: center;
}
.ps-qr__icon {
  display: flex; align-items: center; justify-content: center; width: 56px; height: 56px;
  border-radius: 50%; font-size: 28px; font-weight: 700; background: var(--ps-qr-surface);
}
.ps-qr__icon:where(.ps-qr[data-state='success'] *) { color: var(--ps-qr-success); }
.ps-qr__icon:where(.ps-qr[data-state='failed'] *, .ps-qr[data-state='declined'] *) { color: var(--ps-qr-danger); }
.ps-qr__icon:where(.ps-qr[data-state='expired'] *, .ps-qr[data-state='cancelled'] *) { color: var(--ps-qr-warning); }
.ps-qr__spinner {
  display: block; width: 40px; height: 40px; border-radius: 50%; border: 4px solid var(--ps-qr-surface);
  border-top-color: var(--ps-qr-accent); animation: ps-qr-spin 0.9s linear infinite;
}
.ps-qr__hint { display: block; margin: 16px 0 0; padding: 0; font-size: 0.85em; color: var(--ps-qr-muted); }
.ps-qr__sr {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
@keyframes ps-qr-fade { from { opacity: 0; } }
@keyframes ps-qr-pop { from { opacity: 0; transform: translate(-50%, -48%) scale(0.97); } }
@keyframes ps-qr-pulse { 50% { opacity: 0.35; } }
@keyframes ps-qr-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) {
  .ps-qr-overlay, .ps-qr, .ps-qr :where(*) { animation: none !important; transition: none !important; }
}
`;
