import { useInsertionEffect } from 'react';
import { MODAL_STYLES } from './modalStyles';

const STYLE_ID = 'paysocket-deposit-qr-styles';

/**
 * Adds the modal's stylesheet to `<head>` once, the first time a modal renders in a browser.
 * It goes before the page's own stylesheets: where a rule of the page is as specific as the
 * modal's (one class), the page's comes later and wins, which is how classes theme the modal.
 */
export function useModalStyles(enabled: boolean): void {
  useInsertionEffect(() => {
    if (!enabled || document.getElementById(STYLE_ID)) return;
    const style = document.createElement('style');
    style.id = STYLE_ID;
    style.textContent = MODAL_STYLES;
    const head = document.head;
    head.insertBefore(style, head.querySelector('style, link[rel~="stylesheet"]'));
  }, [enabled]);
}
