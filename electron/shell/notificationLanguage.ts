/**
 * The language of the desktop's OS notifications (issue 11). The shell starts at login with no window, so it cannot
 * ask the console: the operator's pick saved with the settings wins, else the computer's language if the catalogue
 * has it (app.getLocale(): "de-AT" → German), else English.
 */
import type { OperatorLanguage } from '../../shared/stationSettings';
import { localeOf } from '../../renderer/src/i18n/catalogue';

export function notificationLanguage(saved: OperatorLanguage | undefined, systemLocale: string): OperatorLanguage {
  return saved ?? localeOf(systemLocale);
}
