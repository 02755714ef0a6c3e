import { describe, expect, it } from 'vitest';
import { printedJobNames, printerDir, spoolDir } from '../../electron/printing/virtualPrinterControl';
import { existsSync, readdirSync } from 'node:fs';
import { openTestDatabase } from '../helpers/db';
import { OrderRepository } from '../../electron/db/orderRepository';
import { startStationProcess, type StationProcess } from '../helpers/stationProcess';
import { freshShop, shopBehindProxy } from './shopBehindProxy';
import {
  cleanupAfterEach,
  createFixtureStation,
  fixtureConfig,
  operator,
  systemNameOf,
  tempDir,
  waitFor,
  type FixtureOptions,
} from './stationFixture';

const t = await openTestDatabase('station_crash');
const cleanup = cleanupAfterEach();

/** The crash tests' station: one slow printer 'P', and a data dir of its own so a restart finds its journal. */
function slowStation(label: string, uri: string, dbName: string, afterCrash: 'resume' | 'forget'): FixtureOptions & { dataDir: string } {
  return {
    uri,
    dbName,
    name: label,
    printerRoot: tempDir(`${label}-printers`),
    dataDir: tempDir(`${label}-data`),
    printers: [{ name: 'P' }],
    msPerPage: 150,
    afterCrash,
  };
}

/** A station process printing one slow order, killed -9 once the job is at the spooler. */
async function killWhilePrinting(label: string, afterCrash: 'resume' | 'forget') {
  const { db, dbName, shop } = await freshShop(t, cleanup, label);
  const options = slowStation(label, t.uri, dbName, afterCrash);
  const child = await startStationProcess({ config: fixtureConfig(options) });
  cleanup.push(() => child.kill9());
  const { orderId } = await shop.createOrder({ pages: 12 });
  const orders = db.collection('orders');
  await waitFor('job at the spooler', async () => (await orders.findOne({ orderId }))?.printPhase === 'submitted', 60_000);
  await child.kill9();
  const before = await orders.findOne({ orderId });
  // The station comes back (same data dir, same printers), in process so the test can act as the operator.
  const station = createFixtureStation(options);
  cleanup.push(() => station.engine.stop('test over'));
  await station.engine.start();
  const printed = () => printedJobNames(`${options.printerRoot}/${systemNameOf(label, 'P')}`);
  const view = () => station.engine.snapshot().printers[0]!;
  return { station: Object.assign(station, { options }), orderId, before: before!, orders, printed, view };
}

describe('a station killed while printing', () => {
  it('after a power cut comes back in error and asks whether the order printed; "it printed" settles it', async () => {
    const { station, orderId, before, orders, printed, view } = await killWhilePrinting('powercut1', 'forget');
    expect(view().state).toBe('error');
    expect(view().unknownOutcome).toEqual({ orderId, printJobId: before.printJobId });
    expect(view().notClaimingReason).toBe(`error: did order ${orderId} print?`);
    await waitFor('order flagged', async () => (await orders.findOne({ orderId }))?.printStatus === 'needs_attention');
    // "recovered" is not the answer to the question
    expect((await station.engine.printerRecovered(station.printerId('P'), operator)).ok).toBe(false);
    expect(await station.engine.resolveUnknownOutcome(station.printerId('P'), true, operator)).toEqual({ ok: true });
    const o = await orders.findOne({ orderId });
    expect(o?.printStatus).toBe('printed');
    expect(view().state).toBe('ready');
    expect(printed()).toEqual([]); // the paper the operator saw is not a file: nothing was printed twice
  });

  it('after a power cut, "reprint" sends the order back and it prints once more', async () => {
    const { station, orderId, orders, printed, view } = await killWhilePrinting('powercut2', 'forget');
    expect(view().state).toBe('error');
    await waitFor('order flagged', async () => (await orders.findOne({ orderId }))?.printStatus === 'needs_attention');
    expect(await station.engine.resolveUnknownOutcome(station.printerId('P'), false, operator)).toEqual({ ok: true });
    const done = await waitFor(
      'reprinted',
      async () => {
        const o = await orders.findOne({ orderId });
        return o?.printStatus === 'printed' && o;
      },
      60_000,
    );
    expect(printed()).toEqual([done.printJobId]);
  });

  it('when the spooler outlived the station, the job is found by name and confirmed printed', async () => {
    const { orderId, before, orders, printed, view } = await killWhilePrinting('spooler', 'resume');
    const done = await waitFor(
      'confirmed from the spooler',
      async () => {
        const o = await orders.findOne({ orderId });
        return o?.printStatus === 'printed' && o;
      },
      60_000,
    );
    expect(done.printJobId).toBe(before.printJobId);
    expect(printed()).toEqual([before.printJobId]);
    expect(done.printAttempt).toBe(1);
    await waitFor('ready', () => view().state === 'ready');
  });
});

describe('a power cut leaves a question only a person can answer', () => {
  it('after power cuts, restarts without and with the database, the printer still asks whether order X printed; an answer at another station clears it', async () => {
    const label = 'twice';
    const { db, dbName, shop, proxy } = await shopBehindProxy(t, cleanup, label);
    const options = slowStation(label, proxy.uri, dbName, 'forget');
    const config = fixtureConfig(options);
    const orders = db.collection('orders');
    const printerDoc = () => db.collection('printers').findOne({ printer_id: `${label}:p` });
    const children: StationProcess[] = [];
    cleanup.push(() => Promise.all(children.map((c) => c.kill9())));
    const startChild = async () => {
      const child = await startStationProcess({ config });
      children.push(child);
      return child;
    };

    // First power cut: while the job is at the spooler.
    const first = await startChild();
    const { orderId } = await shop.createOrder({ pages: 12 });
    await waitFor('job at the spooler', async () => (await orders.findOne({ orderId }))?.printPhase === 'submitted', 60_000);
    const { printJobId } = (await orders.findOne({ orderId }))!;
    await first.kill9();

    // Back up: error, the order flagged needs_attention. Then the second power cut, with the flag already written.
    const second = await startChild();
    await waitFor('order flagged', async () => (await orders.findOne({ orderId }))?.printStatus === 'needs_attention');
    await waitFor('printer mirrored in error', async () => (await printerDoc())?.state === 'error');
    await second.kill9();

    // Back up without the database: the journal alone knows the question.
    proxy.cut();
    const offline = createFixtureStation(options);
    await offline.engine.start();
    let view = offline.engine.snapshot().printers[0]!;
    expect(offline.engine.snapshot().connection).not.toBe('online');
    expect(view.state).toBe('error');
    expect(view.unknownOutcome).toEqual({ orderId, printJobId });
    await offline.engine.stop('restart');
    proxy.restore();

    // Once more as a process, killed again, while a new order waits.
    const third = await startChild();
    await waitFor('printer mirrored past starting', async () => ['error', 'ready'].includes((await printerDoc())?.state));
    expect((await printerDoc())?.state).toBe('error');
    const next = await shop.createOrder({ pages: 1 });
    await third.kill9();

    const station = createFixtureStation(options);
    cleanup.push(() => station.engine.stop('test over'));
    await station.engine.start();
    view = station.engine.snapshot().printers[0]!;
    expect(view.state).toBe('error');
    expect(view.unknownOutcome).toEqual({ orderId, printJobId });
    expect(view.notClaimingReason).toBe(`error: did order ${orderId} print?`);
    expect((await orders.findOne({ orderId: next.orderId }))?.printAttempt ?? 0).toBe(0); // nobody claimed it

    // An operator at another station says it printed: the order leaves needs_attention, this printer leaves error.
    const elsewhere = new OrderRepository(db);
    const answer = await elsewhere.forcePrinted(
      orderId,
      { source: 'operator', adminEmail: 'ben@printroom.test', stationId: 'counter' },
      'saw it in the tray',
    );
    expect(answer).toMatchObject({ ok: true, newStatus: 'printed' });
    const move = `P: error -> ready (station counter (via the database) confirmed order ${orderId} printed)`;
    await waitFor('printer out of error, saying who answered', () => station.engine.recentLogs(500).some((l) => l.message === move));
    expect(station.engine.snapshot().printers[0]!.unknownOutcome).toBeUndefined();
    const printedNext = await waitFor('the waiting order printed', async () => {
      const o = await orders.findOne({ orderId: next.orderId });
      return o?.printStatus === 'printed' && o;
    });
    expect(printedNext.printAttempt).toBe(1);
    expect(printedJobNames(`${options.printerRoot}/${systemNameOf(label, 'P')}`)).toEqual([printedNext.printJobId]);

    // The answer is kept: the next restart starts ready.
    await station.engine.stop('restart');
    const after = createFixtureStation(options);
    cleanup.push(() => after.engine.stop('test over'));
    await after.engine.start();
    await waitFor('ready after the answer', () => after.engine.snapshot().printers[0]!.state === 'ready');
    expect(after.engine.snapshot().printers[0]!.unknownOutcome).toBeUndefined();
  });

  it('answered here after two restarts with "reprint": the order prints once more and the question does not come back', async () => {
    const { station, orderId, before, orders, printed } = await killWhilePrinting('again', 'forget');
    await waitFor('order flagged', async () => (await orders.findOne({ orderId }))?.printStatus === 'needs_attention');
    await station.engine.stop('power cut again');
    const options = station.options;
    const again = createFixtureStation(options);
    cleanup.push(() => again.engine.stop('test over'));
    await again.engine.start();
    const v = () => again.engine.snapshot().printers[0]!;
    expect(v().state).toBe('error');
    expect(v().unknownOutcome).toEqual({ orderId, printJobId: before.printJobId });
    expect(await again.engine.resolveUnknownOutcome(again.printerId('P'), false, operator)).toEqual({ ok: true });
    const done = await waitFor(
      'reprinted',
      async () => {
        const o = await orders.findOne({ orderId });
        return o?.printStatus === 'printed' && o.printJobId !== before.printJobId && o;
      },
      60_000,
    );
    expect(printed()).toEqual([done.printJobId]);
    await again.engine.stop('restart');
    const third = createFixtureStation(options);
    cleanup.push(() => third.engine.stop('test over'));
    await third.engine.start();
    await waitFor('ready', () => third.engine.snapshot().printers[0]!.state === 'ready');
  });
});

describe('kill -9 at random while three stations print', () => {
  it('no order is printed twice and none is lost', async () => {
    const { db, dbName, shop } = await freshShop(t, cleanup, 'chaos');
    const printerRoot = tempDir('chaos-printers');
    const configs = ['c0', 'c1', 'c2'].map((name) =>
      fixtureConfig({
        uri: t.uri,
        dbName,
        name,
        printerRoot,
        dataDir: tempDir(`chaos-${name}`),
        printers: [{ name: 'P1' }, { name: 'P2' }],
        msPerPage: 40,
      }),
    );
    const running: StationProcess[] = await Promise.all(configs.map((config) => startStationProcess({ config })));
    cleanup.push(() => Promise.all(running.map((p) => p.kill9())));
    const total = 150;
    await shop.createOrders(total, { pages: 2 });
    const orders = db.collection('orders');
    // Station c0 is never killed, so the queue always drains even if the others' printers wait for a person.
    for (let kill = 0; kill < 5; kill++) {
      await new Promise((r) => setTimeout(r, 700 + Math.random() * 1_500));
      const victim = 1 + (kill % 2);
      await running[victim]!.kill9();
      running[victim] = await startStationProcess({ config: configs[victim]! });
    }
    await waitFor(
      'every order settled',
      async () => (await orders.countDocuments({ printStatus: { $in: ['pending', 'printing'] } })) === 0,
      100_000,
      250,
    );

    const files = configs.flatMap((c) => c.printers.map((p) => printedJobNames(`${printerRoot}/${p.systemName}`))).flat();
    expect(new Set(files).size).toBe(files.length); // no spooler job printed twice
    const docs = await orders.find({}).toArray();
    const byStatus = new Map<string, number>();
    for (const d of docs) byStatus.set(d.printStatus, (byStatus.get(d.printStatus) ?? 0) + 1);
    const printedDocs = docs.filter((d) => d.printStatus === 'printed');
    const fileSet = new Set(files);
    // Every printed order's job left exactly one file; no file belongs to an order's other attempt.
    for (const d of printedDocs) expect(fileSet.has(d.printJobId)).toBe(true);
    expect(files.length).toBe(
      printedDocs.length + docs.filter((d) => d.printStatus === 'needs_attention' && fileSet.has(d.printJobId)).length,
    );
    expect(printedDocs.length + (byStatus.get('needs_attention') ?? 0)).toBe(total);
    console.log(`[chaos] ${JSON.stringify(Object.fromEntries(byStatus))}, files ${files.length}`);
  });
});

describe('issue 8: kill -9 in the middle of a long job, and with an item in the tray', () => {
  it('a long job resumed after kill -9 holds its lease: never flagged while printing, printed exactly once', async () => {
    const label = 'kill-long';
    const { db, dbName, shop } = await freshShop(t, cleanup, label);
    const options = slowStation(label, t.uri, dbName, 'resume');
    const child = await startStationProcess({ config: fixtureConfig(options) });
    cleanup.push(() => child.kill9());
    const { orderId } = await shop.createOrder({ pages: 70 });
    const orders = db.collection('orders');
    // The order says submitted a moment before the spooler has the job: kill only once the printer holds it.
    const spool = spoolDir(printerDir(options.printerRoot, systemNameOf(label, 'P')));
    await waitFor('job at the spooler', async () => (await orders.findOne({ orderId }))?.printPhase === 'submitted', 60_000);
    await waitFor('the printer holds the job', () => existsSync(spool) && readdirSync(spool).length > 0, 60_000);
    await child.kill9();
    const station = createFixtureStation(options);
    cleanup.push(() => station.engine.stop('test over'));
    await station.engine.start();
    expect(station.engine.lastReconcile?.resumed).toBe(1);
    const done = await waitFor(
      'printed',
      async () => {
        const o = await orders.findOne({ orderId });
        return o?.printStatus === 'printed' && o;
      },
      60_000,
    );
    expect(printedJobNames(`${options.printerRoot}/${systemNameOf(label, 'P')}`)).toEqual([done.printJobId]);
    expect(await db.collection('print_logs').countDocuments({ orderId, newStatus: 'needs_attention' })).toBe(0);
  }, 90_000);

  it('a printer awaiting retrieval comes back awaiting it after kill -9', async () => {
    const label = 'kill-tray';
    const { db, dbName, shop } = await freshShop(t, cleanup, label);
    const options = { ...slowStation(label, t.uri, dbName, 'resume'), printers: [{ name: 'P', requiresRetrieval: true }], msPerPage: 20 };
    const child = await startStationProcess({ config: fixtureConfig(options) });
    cleanup.push(() => child.kill9());
    const first = await shop.createOrder({ pages: 1 });
    const orders = db.collection('orders');
    await waitFor('printed', async () => (await orders.findOne({ orderId: first.orderId }))?.printStatus === 'printed', 60_000);
    await waitFor('awaiting retrieval', async () => (await db.collection('printers').findOne({ state: 'awaiting_retrieval' })) !== null);
    await child.kill9();
    const second = await shop.createOrder({ pages: 1 });
    const station = createFixtureStation(options);
    cleanup.push(() => station.engine.stop('test over'));
    await station.engine.start();
    const view = () => station.engine.snapshot().printers[0]!;
    expect(view().state).toBe('awaiting_retrieval');
    expect(view().awaitingOrderId).toBe(first.orderId);
    await new Promise((r) => setTimeout(r, 1_500)); // claim opportunities pass; the gate holds
    expect((await orders.findOne({ orderId: second.orderId }))?.printStatus).toBe('pending');
  }, 90_000);
});
