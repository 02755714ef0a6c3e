/**
 * Desktop notifications speak the operator's language (issue 11): the language picked in the console and saved by the
 * shell wins; before any pick, the computer's own language if the catalogue has it; else English.
 */
import { describe, expect, it } from 'vitest';
import { notificationLanguage } from '../../electron/shell/notificationLanguage';

describe('the language of the desktop notifications', () => {
  it('is the operator’s saved pick, whatever the computer says', () => {
    expect(notificationLanguage('de', 'en-US')).toBe('de');
    expect(notificationLanguage('en', 'de-DE')).toBe('en');
  });

  it('before any pick, is the computer’s language when it is German, else English', () => {
    expect(notificationLanguage(undefined, 'de-AT')).toBe('de');
    expect(notificationLanguage(undefined, 'de')).toBe('de');
    expect(notificationLanguage(undefined, 'fr-FR')).toBe('en');
    expect(notificationLanguage(undefined, '')).toBe('en');
  });
});
