/** An update installs only when it cuts no print: every case of the rule, and what the tray says while it waits. */
import { describe, expect, it } from 'vitest';
import { insideQuietHours, QuietHours, updateDecision, type UpdateDecision, type UpdateSituation } from '../../shared/updatePolicy';
import { trayMenu } from '../../electron/shell/trayMenu';
import { fakePrinter, FakeStationEngine } from '../helpers/fakeStationEngine';

/** Local time (the quiet hour is the shop's clock): 2 December 2026 at hh:mm. */
const at = (hh: number, mm = 0) => new Date(2026, 11, 2, hh, mm);

function situation(over: Partial<UpdateSituation> = {}): UpdateSituation {
  return {
    downloaded: { version: '0.2.0' },
    printers: [
      { name: 'Counter', state: 'ready' },
      { name: 'Labels', state: 'ready' },
    ],
    jobsAtSpooler: [],
    outcomesWaiting: 0,
    engineRunning: true,
    stationRestarting: false,
    now: at(14),
    quietHours: null,
    ...over,
  };
}

describe('an update installs only when nothing of this station is in flight', () => {
  it('has nothing to do without a downloaded update', () => {
    expect(updateDecision(situation({ downloaded: null }))).toEqual({ version: null, install: false, reason: 'No update waiting.' });
  });

  it('installs at the first idle moment when the shop set no quiet hour', () => {
    expect(updateDecision(situation())).toEqual({
      version: '0.2.0',
      install: true,
      reason: 'Update 0.2.0 installs now: nothing printing.',
    });
  });

  it('waits while a printer is printing', () => {
    const d = updateDecision(situation({ printers: [{ name: 'Counter', state: 'printing' }] }));
    expect(d).toEqual({ version: '0.2.0', install: false, reason: 'Update 0.2.0 waits: printer Counter is printing.' });
  });

  it('waits while a printer holds an order between claim and spooler (quitting would only give it back)', () => {
    const d = updateDecision(
      situation({ printers: [{ name: 'Counter', state: 'printing', job: { orderId: 'A-7', phase: 'downloading' } }] }),
    );
    expect(d).toEqual({ version: '0.2.0', install: false, reason: 'Update 0.2.0 waits: printer Counter is preparing order A-7.' });
  });

  it("waits while a printer's job is at the spooler", () => {
    const d = updateDecision(
      situation({ printers: [{ name: 'Counter', state: 'printing', job: { orderId: 'A-8', phase: 'submitted' } }] }),
    );
    expect(d).toEqual({ version: '0.2.0', install: false, reason: 'Update 0.2.0 waits: order A-8 is at the spooler of printer Counter.' });
  });

  it('waits for a job at a spooler that no printer shows as its own (followed again after a restart)', () => {
    const d = updateDecision(situation({ jobsAtSpooler: [{ printerName: 'Labels', orderId: 'A-9' }] }));
    expect(d).toEqual({ version: '0.2.0', install: false, reason: 'Update 0.2.0 waits: order A-9 is at the spooler of printer Labels.' });
  });

  it('does not count a job twice when the printer shows it and the spooler list has it too', () => {
    const d = updateDecision(
      situation({
        printers: [{ name: 'Counter', state: 'printing', job: { orderId: 'A-8', phase: 'submitted' } }],
        jobsAtSpooler: [{ printerName: 'Counter', orderId: 'A-8' }],
      }),
    );
    expect(d.reason).toBe('Update 0.2.0 waits: order A-8 is at the spooler of printer Counter.');
  });

  it('waits while an order of this station is still printing in the database (its outcome waits in the journal)', () => {
    expect(updateDecision(situation({ outcomesWaiting: 1 }))).toEqual({
      version: '0.2.0',
      install: false,
      reason: 'Update 0.2.0 waits: one order still waits for the database to take its outcome.',
    });
    expect(updateDecision(situation({ outcomesWaiting: 3 })).reason).toBe(
      'Update 0.2.0 waits: 3 orders still wait for the database to take their outcomes.',
    );
  });

  it('says the first thing it waits for and how many more', () => {
    const d = updateDecision(
      situation({
        printers: [
          { name: 'Counter', state: 'printing', job: { orderId: 'A-1', phase: 'submitted' } },
          { name: 'Labels', state: 'printing' },
        ],
        outcomesWaiting: 2,
      }),
    );
    expect(d).toEqual({
      version: '0.2.0',
      install: false,
      reason: 'Update 0.2.0 waits: order A-1 is at the spooler of printer Counter (and 2 more).',
    });
  });

  it('waits for a printer that is still starting (it may be following a job from before)', () => {
    expect(updateDecision(situation({ printers: [{ name: 'Counter', state: 'starting' }] })).reason).toBe(
      'Update 0.2.0 waits: printer Counter is starting.',
    );
  });

  it('is not held back by what survives a restart: a printer in error, paused, offline or with an item in the tray', () => {
    const d = updateDecision(
      situation({
        printers: [
          { name: 'A', state: 'error' },
          { name: 'B', state: 'awaiting_retrieval' },
          { name: 'C', state: 'paused' },
          { name: 'D', state: 'offline' },
        ],
      }),
    );
    expect(d.install).toBe(true);
  });

  it('waits while the station restarts with new settings (the old engine may still follow a job, the new one reconciles)', () => {
    const d = updateDecision(situation({ engineRunning: false, printers: [], stationRestarting: true }));
    expect(d).toEqual({ version: '0.2.0', install: false, reason: 'Update 0.2.0 waits: the station is restarting with new settings.' });
  });

  it('installs when no engine runs (first run: nothing to cut)', () => {
    const d = updateDecision(situation({ engineRunning: false, printers: [{ name: 'Counter', state: 'printing' }] }));
    expect(d.install).toBe(true);
  });
});

describe("the shop's quiet hour narrows when, and never overrides a live job", () => {
  const night = { from: '22:00', to: '06:00' };

  it('outside the quiet hour an idle station waits for it', () => {
    expect(updateDecision(situation({ quietHours: night, now: at(14) }))).toEqual({
      version: '0.2.0',
      install: false,
      reason: 'Update 0.2.0 waits for the quiet hour (22:00–06:00).',
    });
  });

  it('inside the quiet hour an idle station installs', () => {
    expect(updateDecision(situation({ quietHours: night, now: at(23, 30) }))).toEqual({
      version: '0.2.0',
      install: true,
      reason: 'Update 0.2.0 installs now: inside the quiet hour, nothing printing.',
    });
  });

  it('inside the quiet hour a printing station still waits for the print', () => {
    const d = updateDecision(situation({ quietHours: night, now: at(2), printers: [{ name: 'Counter', state: 'printing' }] }));
    expect(d).toEqual({ version: '0.2.0', install: false, reason: 'Update 0.2.0 waits: printer Counter is printing.' });
  });

  it('runs over midnight: from its start, up to (not including) its end', () => {
    expect(insideQuietHours(at(22), night)).toBe(true);
    expect(insideQuietHours(at(0, 0), night)).toBe(true);
    expect(insideQuietHours(at(5, 59), night)).toBe(true);
    expect(insideQuietHours(at(6), night)).toBe(false);
    expect(insideQuietHours(at(21, 59), night)).toBe(false);
  });

  it('a quiet hour inside one day', () => {
    const lunch = { from: '12:00', to: '13:30' };
    expect(insideQuietHours(at(12), lunch)).toBe(true);
    expect(insideQuietHours(at(13, 29), lunch)).toBe(true);
    expect(insideQuietHours(at(13, 30), lunch)).toBe(false);
    expect(insideQuietHours(at(11, 59), lunch)).toBe(false);
  });

  it('the setting takes HH:MM times with an end different from the start', () => {
    expect(QuietHours.safeParse(night).success).toBe(true);
    expect(QuietHours.safeParse({ from: '24:00', to: '06:00' }).success).toBe(false);
    expect(QuietHours.safeParse({ from: '7:00', to: '08:00' }).success).toBe(false);
    expect(QuietHours.safeParse({ from: '06:00', to: '06:00' }).success).toBe(false);
  });
});

describe('the tray says an update is waiting and why', () => {
  const engine = new FakeStationEngine();
  engine.printers = [fakePrinter({ name: 'Counter', state: 'printing' })];

  it('shows the waiting reason as a status line', () => {
    const menu = trayMenu(engine.snapshot(), {
      version: '0.2.0',
      install: false,
      reason: 'Update 0.2.0 waits: printer Counter is printing.',
    });
    expect(menu.filter((i) => i.kind === 'status').map((i) => i.label)).toContain('Update 0.2.0 waits: printer Counter is printing.');
  });

  it('shows nothing about updates when none is waiting', () => {
    const labels = (d?: UpdateDecision | null) =>
      trayMenu(engine.snapshot(), d)
        .filter((i) => i.kind === 'status')
        .map((i) => i.label);
    expect(labels(null).some((l) => l.startsWith('Update'))).toBe(false);
    expect(labels({ version: null, install: false, reason: 'No update waiting.' }).some((l) => l.startsWith('No update'))).toBe(false);
    expect(labels(undefined)).toEqual(['Counter: printing']);
  });
});
