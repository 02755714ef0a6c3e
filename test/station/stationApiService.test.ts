import { describe, expect, it } from 'vitest';
import { StationApiService } from '../../electron/station/stationApiService';
import { memorySettingsStore } from '../../electron/station/settingsStore';
import type { StationPush } from '../../shared/stationApi';
import { DEFAULT_INTERVALS } from '../../shared/stationSettings';
import { FakeStationEngine, fakeOrder } from '../helpers/fakeStationEngine';

const anna = { name: 'Anna' };
const settingsWithPin = (newPin: string) => ({
  stationName: 'Front desk',
  dbName: 'printshop',
  printers: [],
  intervals: DEFAULT_INTERVALS,
  startOnLogin: true,
  operatorName: 'Anna',
  newPin,
});

function station() {
  const engine = new FakeStationEngine();
  engine.orders.set('A-1', fakeOrder('A-1', 'failed'));
  const service = new StationApiService({ engine, settingsStore: memorySettingsStore(), snapshotThrottleMs: 0 });
  return { engine, service };
}

describe('StationApiService', () => {
  it('records the operator name with a printer command', async () => {
    const { engine, service } = station();
    expect(await service.api.confirmRetrieval({ printerId: 'st1:front', outcome: 'good', operator: anna })).toEqual({ ok: true });
    expect(engine.calls[0]).toMatchObject({ method: 'confirmRetrieval', args: ['st1:front', 'good', undefined] });
    expect(engine.calls[0]!.actor).toEqual({ source: 'operator', adminId: 'Anna', stationId: 'st1' });
  });

  it('refuses a destructive action without a reason', async () => {
    const { engine, service } = station();
    const result = await service.invoke('reprint', { orderId: 'A-1', reason: '  ', operator: anna });
    expect(result).toMatchObject({ ok: false, code: 'refused' });
    expect(engine.calls).toHaveLength(0);
  });

  it('refuses an unknown method and malformed queries', async () => {
    const { service } = station();
    await expect(service.invoke('dropDatabase', {})).rejects.toThrow(/Unknown method/);
    await expect(service.invoke('listOrders', { tab: 'everything', page: 0, pageSize: 10 })).rejects.toThrow(/Invalid request/);
  });

  it('once a PIN is set, a reprint without it or with a wrong one is blocked, with the right one it goes through', async () => {
    const { engine, service } = station();
    expect(await service.api.saveSettings({ settings: settingsWithPin('4321'), operator: anna })).toMatchObject({ ok: true });
    expect((await service.api.settings({})).settings.pinSet).toBe(true);

    expect(await service.api.reprint({ orderId: 'A-1', reason: 'smudged', operator: anna })).toMatchObject({ ok: false, code: 'pin_required' });
    expect(await service.api.reprint({ orderId: 'A-1', reason: 'smudged', operator: { ...anna, pin: '0000' } })).toMatchObject({ ok: false, code: 'pin_wrong' });
    expect(engine.calls.filter((c) => c.method === 'reprint')).toHaveLength(0);

    const ok = await service.api.reprint({ orderId: 'A-1', reason: 'smudged', operator: { ...anna, pin: '4321' } });
    expect(ok).toEqual({ ok: true, message: 'Order A-1: failed → pending' });
    expect(engine.calls.at(-1)).toMatchObject({ method: 'reprint', args: ['A-1', 'smudged'], actor: { adminId: 'Anna' } });
  });

  it('locks destructive actions after five wrong PINs', async () => {
    const { service } = station();
    await service.api.saveSettings({ settings: settingsWithPin('4321'), operator: anna });
    for (let i = 0; i < 5; i++) await service.api.cancel({ orderId: 'A-1', reason: 'x', operator: { ...anna, pin: '1111' } });
    expect(await service.api.cancel({ orderId: 'A-1', reason: 'x', operator: { ...anna, pin: '4321' } })).toMatchObject({ code: 'pin_locked' });
  });

  it('never shows the stored MongoDB password', async () => {
    const service = new StationApiService({
      engine: null,
      settingsStore: memorySettingsStore({ ...settingsWithPin('1234'), mongoUri: 'mongodb://anna:s3cret@db.example:27017', pinHash: undefined } as never),
    });
    const { settings, configured } = await service.api.settings({});
    expect(configured).toBe(true);
    expect(settings.mongoUriMasked).toBe('mongodb://anna:•••@db.example:27017');
    expect(JSON.stringify(settings)).not.toContain('s3cret');
  });

  it('on first run reports "not configured" and refuses printer commands with a sentence', async () => {
    const service = new StationApiService({ engine: null });
    expect((await service.api.settings({})).configured).toBe(false);
    expect(await service.api.snapshot({})).toBeNull();
    expect(await service.api.pauseAll({ operator: anna })).toMatchObject({ ok: false, code: 'unavailable' });
  });

  it('pushes snapshots and engine events to subscribers', async () => {
    const { engine, service } = station();
    const pushes: StationPush[] = [];
    service.subscribe((p) => pushes.push(p));
    engine.emitSnapshot();
    engine.emitEvent({ kind: 'ready_for_retrieval', printerId: 'st1:front', printerName: 'Front', orderId: 'A-1', at: new Date() });
    await new Promise((r) => setTimeout(r, 20));
    expect(pushes.map((p) => p.type)).toEqual(['event', 'snapshot']);
  });

  it('lists the printed tab as the last 24 hours of printed orders', async () => {
    const { engine, service } = station();
    engine.orders.set('B-1', fakeOrder('B-1', 'printed'));
    const page = await service.api.listOrders({ tab: 'printed', page: 0, pageSize: 50 });
    expect(page.orders.map((o) => o.orderId)).toEqual(['B-1']);
  });
});
