import { cx } from './cx';
import type { DepositQRClassNames } from './DepositQRClassNames';

/** Every action button's class and data attributes: the stylesheet and tests select by them. */
export function buttonProps(
  variant: 'primary' | 'secondary' | 'danger',
  action: string,
  classNames: DepositQRClassNames,
) {
  return {
    className: cx('ps-qr__button', classNames.button),
    'data-variant': variant,
    'data-action': action,
  };
}
