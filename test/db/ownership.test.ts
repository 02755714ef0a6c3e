import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { FENCED_FROM, OrderRepository } from '../../electron/db/orderRepository';
import { migrate } from '../../electron/db/migrate';
import { canTransition } from '../../shared/lifecycle';
import { openTestDatabase } from '../helpers/db';
import { hourAgo, inAnHour, officeLaser, paidOrder, station } from './fixtures';

const t = await openTestDatabase('ownership');
await migrate(t.db);
const orders = t.db.collection('orders');
const logs = t.db.collection('print_logs');
const repo = new OrderRepository(t.db);

async function claimOne(overrides: Record<string, unknown> = {}, worker = station()) {
  await orders.insertOne(paidOrder({ priority: 100, ...overrides }));
  const claim = await repo.claimNextOrder(officeLaser, worker);
  if (!claim) throw new Error('nothing claimed');
  return claim;
}

describe(`a station's writes are fenced by printJobId (${t.serverKind})`, () => {
  it('every fenced outcome starts only from statuses the lifecycle lets a station leave', () => {
    for (const [to, froms] of Object.entries(FENCED_FROM)) {
      for (const from of froms) expect(canTransition(from, to as never, 'station'), `${from} -> ${to}`).toBe(true);
    }
  });

  it('every give-back the reaper makes is a transition the lifecycle lets the reaper make', () => {
    for (const to of ['pending', 'cancelled', 'failed', 'needs_attention'] as const)
      expect(canTransition('printing', to, 'reaper'), `printing -> ${to}`).toBe(true);
  });

  it('the printed path: claimed, submitted, printed, with the whole attempt in the log', async () => {
    const { fence } = await claimOne();
    expect(await repo.markPhase(fence, 'downloading')).toEqual({ ok: true });
    expect(await repo.markPhase(fence, 'submitted', { spoolJobId: 'cups-42' })).toEqual({ ok: true });
    expect(await repo.completePrinted(fence)).toEqual({ ok: true });
    const doc = await orders.findOne({ orderId: fence.orderId });
    expect(doc).toMatchObject({ printStatus: 'printed', printJobId: fence.printJobId, printPhase: 'submitted', spoolJobId: 'cups-42' });
    expect(doc?.printCompletedAt).toBeInstanceOf(Date);
    const trail = await logs.find({ orderId: fence.orderId }).sort({ _id: 1 }).toArray();
    expect(trail.map((l) => l.action)).toEqual(['claimed', 'submitted', 'printed']);
    expect(trail.every((l) => l.printJobId === fence.printJobId && l.source === 'station')).toBe(true);
  });

  it('the printed path costs at most four commands: claim, submitted, printed, log', async () => {
    const client = await new MongoClient(t.uri, { monitorCommands: true }).connect();
    try {
      const counted = new OrderRepository(client.db(t.dbName));
      await orders.insertOne(paidOrder({ priority: 100 }));
      const commands: string[] = [];
      client.on('commandStarted', (e: CommandStartedEvent) => commands.push(e.commandName));
      const claim = await counted.claimNextOrder(officeLaser, station());
      await counted.markPhase(claim!.fence, 'submitted');
      await counted.completePrinted(claim!.fence);
      expect(commands).toEqual(['findAndModify', 'update', 'findAndModify', 'insert']);
    } finally {
      await client.close();
    }
  });

  it('a station whose order was taken away changes nothing and is told it lost the order', async () => {
    const { fence } = await claimOne();
    // The reaper gave the order to someone else meanwhile: a new claim, a new printJobId.
    await orders.updateOne({ orderId: fence.orderId }, { $set: { printJobId: 'someone-elses-job' } });
    const before = await orders.findOne({ orderId: fence.orderId });
    for (const write of [
      () => repo.markPhase(fence, 'submitted'),
      () => repo.renewLease(fence),
      () => repo.completePrinted(fence),
      () => repo.releaseForRetry(fence, { code: 'network', message: 'timeout', nextAttemptAt: null }),
      () => repo.failOrder(fence, { code: 'invalid_data', message: 'not a PDF' }),
      () => repo.flagNeedsAttention(fence, 'unsure'),
      () => repo.completeCancelled(fence),
    ]) {
      expect(await write()).toEqual({ ok: false, lostOwnership: true });
    }
    expect(await orders.findOne({ orderId: fence.orderId })).toEqual(before);
    expect(await logs.countDocuments({ orderId: fence.orderId, action: 'lost_ownership', printJobId: fence.printJobId })).toBe(7);
  });

  it('recording the same printed outcome twice (a journal replay) is not a loss of ownership', async () => {
    const { fence } = await claimOne();
    expect(await repo.completePrinted(fence)).toEqual({ ok: true });
    expect(await repo.completePrinted(fence)).toEqual({ ok: true });
  });

  it('a late outcome from the journal is accepted after the reaper flagged the order needs_attention', async () => {
    const { fence } = await claimOne();
    await orders.updateOne({ orderId: fence.orderId }, { $set: { printStatus: 'needs_attention' } });
    expect(await repo.completePrinted(fence)).toEqual({ ok: true });
    expect((await orders.findOne({ orderId: fence.orderId }))?.printStatus).toBe('printed');
  });

  it('a retry goes back to the queue with its backoff and error, and without an owner', async () => {
    const { fence } = await claimOne();
    const nextAttemptAt = inAnHour();
    expect(await repo.releaseForRetry(fence, { code: 'network', message: 'download timed out', nextAttemptAt })).toEqual({ ok: true });
    const doc = await orders.findOne({ orderId: fence.orderId });
    expect(doc).toMatchObject({ printStatus: 'pending', printErrorCode: 'network', printError: 'download timed out', nextAttemptAt });
    for (const field of ['printJobId', 'printingBy', 'printPhase', 'leaseExpiresAt']) expect(doc).not.toHaveProperty(field);
    expect(await repo.claimNextOrder(officeLaser, station())).toBeNull(); // backoff holds it back
  });

  it('a failure and a needs-attention flag keep the print job id for the record', async () => {
    const a = await claimOne();
    await repo.failOrder(a.fence, { code: 'exhausted', message: 'gave up after 5 attempts' });
    expect(await orders.findOne({ orderId: a.fence.orderId })).toMatchObject({
      printStatus: 'failed',
      printErrorCode: 'exhausted',
      printJobId: a.fence.printJobId,
    });
    const b = await claimOne();
    await repo.flagNeedsAttention(b.fence, 'the spooler lost the job');
    expect(await orders.findOne({ orderId: b.fence.orderId })).toMatchObject({
      printStatus: 'needs_attention',
      printErrorCode: 'outcome_unknown',
      printJobId: b.fence.printJobId,
    });
  });
});

describe(`the reaper (${t.serverKind})`, () => {
  it('returns expired claims not yet at the printer to the queue, flags expired submitted ones, leaves live leases alone', async () => {
    const expired = hourAgo();
    const live = inAnHour();
    const printing = (orderId: string, printPhase: string, leaseExpiresAt: Date) =>
      paidOrder({
        orderId,
        printStatus: 'printing',
        printPhase,
        leaseExpiresAt,
        printJobId: `job-${orderId}`,
        printingBy: 'worker-dead',
        stationId: 'station-dead',
        printerId: 'laser-9',
      });
    await orders.insertMany([
      printing('R-CLAIMED', 'claimed', expired),
      printing('R-DOWNLOADING', 'downloading', expired),
      printing('R-SUBMITTED', 'submitted', expired),
      printing('R-LIVE-CLAIMED', 'claimed', live),
      printing('R-LIVE-SUBMITTED', 'submitted', live),
    ]);
    expect(await repo.reapExpiredLeases()).toEqual({ requeued: 2, needsAttention: 1, cancelled: 0, failed: 0 });
    const status = async (orderId: string) => (await orders.findOne({ orderId }))?.printStatus;
    expect(await status('R-CLAIMED')).toBe('pending');
    expect(await status('R-DOWNLOADING')).toBe('pending');
    expect(await status('R-SUBMITTED')).toBe('needs_attention');
    expect(await status('R-LIVE-CLAIMED')).toBe('printing');
    expect(await status('R-LIVE-SUBMITTED')).toBe('printing');
    const requeued = await orders.findOne({ orderId: 'R-CLAIMED' });
    expect(requeued).not.toHaveProperty('printJobId');
    expect(requeued?.printErrorCode).toBe('lease_expired');
    expect(await logs.findOne({ orderId: 'R-SUBMITTED', action: 'lease_expired' })).toMatchObject({
      source: 'reaper',
      previousStatus: 'printing',
      newStatus: 'needs_attention',
      printJobId: 'job-R-SUBMITTED',
    });
    expect(await repo.reapExpiredLeases()).toEqual({ requeued: 0, needsAttention: 0, cancelled: 0, failed: 0 });
  });

  it('gives a lease a margin for clock skew between stations', async () => {
    const skewed = new OrderRepository(t.db, { clockSkewMarginMs: 60_000 });
    await orders.insertOne(
      paidOrder({
        orderId: 'R-JUST-EXPIRED',
        printStatus: 'printing',
        printPhase: 'claimed',
        printJobId: 'job-just',
        leaseExpiresAt: new Date(Date.now() - 5_000),
      }),
    );
    await skewed.reapExpiredLeases();
    expect((await orders.findOne({ orderId: 'R-JUST-EXPIRED' }))?.printStatus).toBe('printing');
  });
});

describe(`shutting a station down (${t.serverKind})`, () => {
  it('releases its orders not yet at the printer, logged server_shutdown, and leaves the rest', async () => {
    const quitting = station(7);
    const claimed = await claimOne({}, quitting);
    const downloading = await claimOne({}, quitting);
    await repo.markPhase(downloading.fence, 'downloading');
    const atSpooler = await claimOne({}, quitting);
    await repo.markPhase(atSpooler.fence, 'submitted');
    const otherStation = await claimOne({}, station(8));

    expect(await repo.releaseOnShutdown(quitting.workerId)).toBe(2);
    const status = async (orderId: string) => (await orders.findOne({ orderId }))?.printStatus;
    expect(await status(claimed.fence.orderId)).toBe('pending');
    expect(await status(downloading.fence.orderId)).toBe('pending');
    expect(await status(atSpooler.fence.orderId)).toBe('printing');
    expect(await status(otherStation.fence.orderId)).toBe('printing');
    expect(await logs.findOne({ orderId: claimed.fence.orderId, action: 'server_shutdown' })).toMatchObject({
      previousStatus: 'printing',
      newStatus: 'pending',
    });
  });
});
