import { describe, expect, it } from 'vitest';
import { HeartbeatLog, heartbeatLimitMs, monitorStuck } from '../../electron/station/link/monitorWatchdog';

const limits = { connectTimeoutMS: 2_000, heartbeatFrequencyMS: 10_000, marginMs: 1_000 };

describe("the rule for a hung server monitor (mongodb driver 6.22's polling check)", () => {
  it('gives a polled heartbeat twice the connect timeout (socket, then handshake) and an awaited one the heartbeat too', () => {
    expect(heartbeatLimitMs(false, limits)).toBe(5_000);
    expect(heartbeatLimitMs(true, limits)).toBe(15_000);
  });

  it('is not stuck before any heartbeat started', () => {
    expect(monitorStuck({ startedAt: undefined, lastEndedAt: undefined, now: 1_000_000, limits })).toBe(false);
  });

  it('is not stuck while a heartbeat is within its bound', () => {
    expect(monitorStuck({ startedAt: 100_000, lastEndedAt: 99_000, now: 105_000, limits })).toBe(false);
  });

  it('is stuck once a heartbeat has run past its bound without succeeding or failing', () => {
    expect(monitorStuck({ startedAt: 100_000, lastEndedAt: 99_000, now: 105_001, limits })).toBe(true);
    expect(monitorStuck({ startedAt: 100_000, lastEndedAt: undefined, now: 105_001, limits })).toBe(true);
  });

  it('is not stuck when the last heartbeat ended, however long ago (the monitor is idle between checks)', () => {
    expect(monitorStuck({ startedAt: 100_000, lastEndedAt: 100_500, now: 900_000, limits })).toBe(false);
    expect(monitorStuck({ startedAt: 100_000, lastEndedAt: 100_000, now: 900_000, limits })).toBe(false);
  });

  it('lets an awaited (streaming) heartbeat be held for the heartbeat interval before calling it stuck', () => {
    expect(monitorStuck({ startedAt: 100_000, lastEndedAt: 99_000, awaited: true, now: 114_000, limits })).toBe(false);
    expect(monitorStuck({ startedAt: 100_000, lastEndedAt: 99_000, awaited: true, now: 115_001, limits })).toBe(true);
  });
});

describe('the heartbeat log of a client', () => {
  it('names the one server of a replica set whose check hangs, and forgets everything when the client is rebuilt', () => {
    const log = new HeartbeatLog();
    log.started('a:27017', false, 0);
    log.started('b:27017', false, 0);
    log.ended('a:27017', 300);
    log.started('a:27017', false, 10_000);
    log.ended('a:27017', 10_200);
    expect(log.stuck(4_000, limits)).toBeUndefined();
    expect(log.stuck(10_500, limits)).toEqual({ server: 'b:27017', forMs: 10_500 });
    log.clear();
    expect(log.stuck(10_500, limits)).toBeUndefined();
  });

  it('counts from the latest start: a check that ended and started again is a new check', () => {
    const log = new HeartbeatLog();
    log.started('a:27017', true, 0);
    log.ended('a:27017', 9_000);
    log.started('a:27017', true, 9_000); // streaming mode starts the next awaited check at once
    expect(log.stuck(20_000, limits)).toBeUndefined();
    expect(log.stuck(24_001, limits)).toEqual({ server: 'a:27017', forMs: 15_001 });
  });
});
