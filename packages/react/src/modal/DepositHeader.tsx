import * as Dialog from '@radix-ui/react-dialog';
import { cx } from './cx';
import type { DepositQRClassNames } from './DepositQRClassNames';

export interface DepositHeaderProps {
  title: string;
  description: string;
  closeLabel: string;
  classNames: DepositQRClassNames;
}

/** The dialog's title with its close button, and the description under them. */
export function DepositHeader({ title, description, closeLabel, classNames }: DepositHeaderProps) {
  return (
    <>
      <div className="ps-qr__header">
        <Dialog.Title className={cx('ps-qr__title', classNames.title)}>{title}</Dialog.Title>
        <Dialog.Close
          className={cx('ps-qr__close', classNames.closeButton)}
          aria-label={closeLabel}
        >
          <span aria-hidden="true">×</span>
        </Dialog.Close>
      </div>
      <Dialog.Description className={cx('ps-qr__description', classNames.description)}>
        {description}
      </Dialog.Description>
    </>
  );
}
