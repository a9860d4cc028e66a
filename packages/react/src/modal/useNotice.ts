import { useEffect, useState } from 'react';

/** How long "link copied" and similar notices stay in the polite live region. */
const NOTICE_MS = 5000;

/** A short notice for the polite live region ("link copied"), cleared after a few seconds. */
export function useNotice(): [notice: string, show: (text: string) => void] {
  const [notice, setNotice] = useState('');
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(''), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return [notice, setNotice];
}
