/**
 * First run, nothing configured: instead of empty screens the operator gets a two-step setup. The database must
 * answer "Test connection" before "Next" is possible; finishing hands the settings to the shell to start the engine.
 */
import { describe, expect, it, inject } from 'vitest';
import { memorySettingsStore } from '../../electron/station/service/settingsStore';
import type { StoredSettings } from '../../shared/stationSettings';
import { openFakeConsole } from './helpers/fakeConsole';
import { screenshot } from './helpers/operatorUi';

describe('first run', () => {
  it('connects to MongoDB (tested first), names the station and picks its printers', async () => {
    const applied: StoredSettings[] = [];
    const c = await openFakeConsole({
      engine: null,
      settingsStore: memorySettingsStore(),
      discoverPrinters: async () => [
        {
          systemName: 'HP_LaserJet',
          displayName: 'HP LaserJet',
          driverKind: 'cups',
          capabilities: { paperSizes: ['A4'], color: false, duplex: true, maxCopies: 99 },
        },
      ],
      applySettings: async (settings) => {
        applied.push(settings);
      },
    });
    try {
      const { page } = c;
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('Welcome to Print Station');
      const next = page.getByRole('button', { name: 'Next' });
      expect(await next.isDisabled()).toBe(true);

      await page.getByLabel('MongoDB connection string').fill('mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500');
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect.poll(() => page.getByTestId('mongo-test-result').textContent(), { timeout: 20_000 }).toContain('Cannot connect');
      expect(await next.isDisabled()).toBe(true);

      await page.getByLabel('MongoDB connection string').fill(inject('mongoUri'));
      await page.getByLabel('Database').fill('first_run_check');
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect.poll(() => page.getByTestId('mongo-test-result').textContent(), { timeout: 20_000 }).toContain('Connected');
      await screenshot(page, 'onboarding');
      await next.click();

      await page.getByLabel('Station name').fill('Front desk');
      await page.getByRole('checkbox', { name: /HP_LaserJet/ }).check();
      await page.getByRole('button', { name: 'Start printing' }).click();
      await expect.poll(() => applied.length, { timeout: 10_000 }).toBe(1);
      expect(applied[0]).toMatchObject({ stationName: 'Front desk', mongoUri: inject('mongoUri'), dbName: 'first_run_check' });
      expect(applied[0]!.printers).toEqual([expect.objectContaining({ systemName: 'HP_LaserJet', managed: true })]);
    } finally {
      await c.close();
    }
  });
});
