import { useRef, type RefObject } from 'react';
import { downloadBlob, qrSvgToPng } from './saveQrPng';

/** Side of the saved PNG in pixels: sharp enough to scan from a photo of a screen. */
const PNG_SIZE = 512;

export interface SaveQr {
  /** Give it to the QR's `<svg>`. */
  svgRef: RefObject<SVGSVGElement | null>;
  /** Downloads the QR as `momo-qr-<transactionId>.png`; `onFailure` when it cannot. */
  save: () => Promise<void>;
}

/** Saving the QR the dialog shows as a PNG, for paying from a photo of it. */
export function useSaveQr(transactionId: string, onFailure: () => void): SaveQr {
  const svgRef = useRef<SVGSVGElement>(null);
  const save = async () => {
    try {
      // The button is only shown with the QR, so no <svg> here is a failure, not a no-op.
      if (!svgRef.current) throw new Error('The QR code is not rendered');
      const png = await qrSvgToPng(svgRef.current, PNG_SIZE);
      downloadBlob(png, `momo-qr-${transactionId}.png`);
    } catch {
      onFailure();
    }
  };
  return { svgRef, save };
}
