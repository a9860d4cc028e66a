import { useInsertionEffect } from 'react';
import { MODAL_STYLES } from './modalStyles';

const STYLE_ID = 'paysocket-deposit-qr-styles';

/** Adds the modal's stylesheet to `<head>` once, the first time a modal renders in a browser. */
export function useModalStyles(enabled: boolean): void {
  useInsertionEffect(() => {
    if (!enabled || document.getElementById(STYLE_ID)) return;
    const style = document.createElement('style');
    style.id = STYLE_ID;
    style.textContent = MODAL_STYLES;
    document.head.appendChild(style);
  }, [enabled]);
}
