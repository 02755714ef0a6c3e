import { describe, expect, it } from 'vitest';
import { StationApiService } from '../../electron/station/service/stationApiService';
import { memorySettingsStore } from '../../electron/station/service/settingsStore';
import { PIN_REQUIRED, STATION_METHOD_NAMES, type StationPush } from '../../shared/stationApi';
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

    expect(await service.api.reprint({ orderId: 'A-1', reason: 'smudged', operator: anna })).toMatchObject({
      ok: false,
      code: 'pin_required',
    });
    expect(await service.api.reprint({ orderId: 'A-1', reason: 'smudged', operator: { ...anna, pin: '0000' } })).toMatchObject({
      ok: false,
      code: 'pin_wrong',
    });
    expect(engine.calls.filter((c) => c.method === 'reprint')).toHaveLength(0);

    const ok = await service.api.reprint({ orderId: 'A-1', reason: 'smudged', operator: { ...anna, pin: '4321' } });
    expect(ok).toEqual({ ok: true, message: 'Order A-1 is back in the queue and prints again.' }); // the outcome, not 'failed → pending'
    expect(engine.calls.at(-1)).toMatchObject({ method: 'reprint', args: ['A-1', 'smudged'], actor: { adminId: 'Anna' } });
  });

  it('locks destructive actions after five wrong PINs', async () => {
    const { service } = station();
    await service.api.saveSettings({ settings: settingsWithPin('4321'), operator: anna });
    for (let i = 0; i < 5; i++) await service.api.cancel({ orderId: 'A-1', reason: 'x', operator: { ...anna, pin: '1111' } });
    expect(await service.api.cancel({ orderId: 'A-1', reason: 'x', operator: { ...anna, pin: '4321' } })).toMatchObject({
      code: 'pin_locked',
    });
  });

  it('never shows the stored MongoDB password', async () => {
    const service = new StationApiService({
      engine: null,
      settingsStore: memorySettingsStore({
        ...settingsWithPin('1234'),
        mongoUri: 'mongodb://anna:s3cret@db.example:27017',
        pinHash: undefined,
      } as never),
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

  it('a lockout is per client: five wrong PINs from one connection do not stop the right PIN from another', async () => {
    const { engine, service } = station();
    await service.api.saveSettings({ settings: settingsWithPin('4321'), operator: anna });
    const cancel = (pin: string, client: string) =>
      service.invoke('cancel', { orderId: 'A-1', reason: 'x', operator: { ...anna, pin } }, client);
    for (let i = 0; i < 5; i++) await cancel('1111', 'ws:stranger');
    expect(await cancel('4321', 'ws:stranger')).toMatchObject({ ok: false, code: 'pin_locked' });
    expect(await cancel('4321', 'window:1')).toMatchObject({ ok: true });
    expect(engine.calls.filter((c) => c.method === 'cancel')).toHaveLength(1);
  });

  it('wrong PINs and the lockout are written to the station log and to print_logs with the station as actor', async () => {
    const { engine, service } = station();
    await service.api.saveSettings({ settings: settingsWithPin('4321'), operator: anna });
    for (let i = 0; i < 5; i++) {
      await service.invoke('reprint', { orderId: 'A-1', reason: 'x', operator: { name: 'Mallory', pin: '1111' } }, 'ws:10.0.0.9#3');
    }
    expect(engine.logged.filter((l) => /wrong PIN/i.test(l.message))).toHaveLength(5);
    expect(engine.logged.some((l) => /locked/i.test(l.message) && l.message.includes('ws:10.0.0.9#3'))).toBe(true);
    const entries = engine.printLogs.filter((e) => e.action === 'pin_refused');
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({ source: 'station', stationId: 'st1', orderId: 'A-1' });
    expect(String(entries[4]!.reason)).toMatch(/locked/i);
    expect(String(entries[4]!.reason)).toContain('Mallory');
  });

  it('one table says which actions need the PIN, and "bad — reprint" needs it like "reprint"', async () => {
    expect(Object.keys(PIN_REQUIRED).sort()).toEqual([...STATION_METHOD_NAMES].sort());
    const { engine, service } = station();
    await service.api.saveSettings({ settings: settingsWithPin('4321'), operator: anna });
    expect(await service.api.confirmRetrieval({ printerId: 'st1:front', outcome: 'bad', reason: 'smudged', operator: anna })).toMatchObject(
      { code: 'pin_required' },
    );
    expect(await service.api.confirmRetrieval({ printerId: 'st1:front', outcome: 'good', operator: anna })).toEqual({ ok: true });
    expect(await service.api.resolveUnknownOutcome({ printerId: 'st1:front', printed: false, operator: anna })).toMatchObject({
      code: 'pin_required',
    });
    expect(
      await service.api.confirmRetrieval({ printerId: 'st1:front', outcome: 'bad', reason: 'smudged', operator: { ...anna, pin: '4321' } }),
    ).toEqual({ ok: true });
    expect(engine.calls.map((c) => `${c.method}:${c.args[1]}`)).toEqual(['confirmRetrieval:good', 'confirmRetrieval:bad']);
  });

  it('testing a MongoDB connection needs the PIN once one is set', async () => {
    const { service } = station();
    await service.api.saveSettings({ settings: settingsWithPin('4321'), operator: anna });
    await expect(service.api.testMongoConnection({ uri: 'mongodb://127.0.0.1:1/?tlsCAFile=/etc/passwd', dbName: 'x' })).rejects.toThrow(
      /PIN/,
    );
    const refused = await service.api.testMongoConnection({
      uri: 'mongodb://127.0.0.1:1/?tlsCAFile=/etc/passwd',
      dbName: 'x',
      operator: { ...anna, pin: '4321' },
    });
    expect(refused).toMatchObject({ ok: false });
  });

  it('never shows secret options of the stored URI either', async () => {
    const uri =
      'mongodb://db.example/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:tok3n&tlsCertificateKeyFilePassword=pa55';
    const service = new StationApiService({
      engine: null,
      settingsStore: memorySettingsStore({ ...settingsWithPin('1234'), mongoUri: uri, pinHash: undefined } as never),
    });
    const { settings } = await service.api.settings({});
    expect(settings.mongoUriMasked).not.toMatch(/tok3n|pa55/);
  });

  it('names each web console connection as its own client', () => {
    const { service } = station();
    const a = {};
    const b = {};
    expect(service.clientId(a)).toBe(service.clientId(a));
    expect(service.clientId(a)).not.toBe(service.clientId(b));
  });

  it('Settings says how the connection string is kept, as the shell reports it', async () => {
    const secretStorage = { protected: false, level: 'obscured' as const, message: 'only obscured' };
    const service = new StationApiService({ engine: null, secretStorage });
    expect((await service.api.settings({})).settings.secretStorage).toEqual(secretStorage);
  });
});
