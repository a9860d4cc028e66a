import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { MESSAGES, type WalletLocale, type WalletMessages } from './messages';
import { pickLocale } from './pickLocale';

const STORAGE_KEY = 'paysocket-wallet-locale';

interface LocaleValue {
  locale: WalletLocale;
  m: WalletMessages;
  setLocale: (locale: WalletLocale) => void;
}

const LocaleContext = createContext<LocaleValue | null>(null);

/** A language picked with the switch is kept; otherwise the browser's languages decide. */
function initialLocale(): WalletLocale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'vi' || stored === 'en') return stored;
  return pickLocale(navigator.languages);
}

/** The page's language, which `<html lang>`, the title and the deposit dialog follow. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState(initialLocale);
  const m = MESSAGES[locale];

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = m.pageTitle;
  }, [locale, m]);

  const setLocale = (next: WalletLocale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleState(next);
  };

  return <LocaleContext value={{ locale, m, setLocale }}>{children}</LocaleContext>;
}

export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale needs a <LocaleProvider> above it');
  return value;
}
