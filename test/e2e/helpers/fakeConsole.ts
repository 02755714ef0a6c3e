/**
 * The web console in front of a StationApiService whose engine is a stand-in (or none): for the screens whose state
 * is hard to reach with a real station on demand (first run, a printer asking "did order X print?").
 */
import type { Page } from 'playwright-core';
import { startWebConsole } from '../../../electron/headless/webConsole';
import { StationApiService, type StationApiServiceOptions } from '../../../electron/station/service/stationApiService';
import { launchChromium, openPage } from '../../helpers/browser';
import { ensureRendererBuilt } from '../../helpers/rendererBuild';

export async function openFakeConsole(
  options: StationApiServiceOptions,
): Promise<{ page: Page; service: StationApiService; close(): Promise<void> }> {
  const staticDir = await ensureRendererBuilt();
  const service = new StationApiService(options);
  const web = await startWebConsole(service, { staticDir });
  const chromium = await launchChromium();
  const page = await openPage(chromium.browser);
  await page.goto(web.url);
  return {
    page,
    service,
    close: async () => {
      await chromium.close();
      await web.close();
      service.dispose();
    },
  };
}
