import { QRCodeSVG } from 'qrcode.react';
import { memo, type Ref } from 'react';

export interface QrCodeProps {
  /**
   * Receives the `<svg>`, for saving it as an image. A prop of its own rather than `ref`:
   * React 18 keeps `ref` from a function component (and so from `memo`) unless it is wrapped
   * in `forwardRef`, which React 19 no longer needs.
   */
  svgRef: Ref<SVGSVGElement>;
  value: string;
  label: string;
}

/** The payment QR. It only changes with its value: kept out of the countdown's once-a-second render. */
export const QrCode = memo(function QrCode({ svgRef, value, label }: QrCodeProps) {
  return (
    <QRCodeSVG
      ref={svgRef}
      value={value}
      size={256}
      marginSize={2}
      level="M"
      role="img"
      aria-label={label}
    />
  );
});
