/** The console's words and formats in the operator's language (see locale.tsx). */
export { fmt, LOCALE_NAME, LOCALES, LocaleProvider, localeOf, t, translateIn, useLocale } from './locale';
export type { MessageKey } from './en';
export type { PlainKey } from './locale';
export type { Locale } from './format';
export { LanguagePicker } from './LanguagePicker';
