import { useLocale } from './LocaleContext';

/** Names the other language in that language ("English" on the Vietnamese page). */
export function LanguageSwitch() {
  const { m, setLocale } = useLocale();
  const other = m.otherLanguage;
  return (
    <button
      type="button"
      className="secondary language"
      lang={other.locale}
      onClick={() => setLocale(other.locale)}
    >
      <span className="language-code" aria-hidden="true">
        {other.locale.toUpperCase()}
      </span>{' '}
      {other.name}
    </button>
  );
}
