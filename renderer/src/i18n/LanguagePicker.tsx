/** The operator picks the console's language (kept in this browser); "as the browser" follows navigator.language. */
import { LOCALE_NAME, LOCALES, localeOf, t, useLocale } from './locale';
import type { Locale } from './format';
import './LanguagePicker.css';

export function LanguagePicker() {
  const { picked, setLocale } = useLocale();
  const browserLanguage = LOCALE_NAME[localeOf(typeof navigator !== 'undefined' ? navigator.language : undefined)];
  return (
    <label className="language-picker">
      <span className="muted small">{t('language.label')}</span>
      <select
        aria-label={t('language.label')}
        value={picked ?? ''}
        onChange={(e) => setLocale(e.target.value ? (e.target.value as Locale) : undefined)}
      >
        <option value="">{t('language.auto', { name: browserLanguage })}</option>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAME[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}
