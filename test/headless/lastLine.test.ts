/**
 * The headless station's last line of defence (issue 9): console-socket errors are logged and the station goes
 * on; anything else stops the engine cleanly and exits non-zero.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FATAL_EXIT_CODE, installLastLine, judge } from '../../electron/headless/lastLine';
import { waitFor } from '../station/stationFixture';

function wsError(): Error {
  const error = new RangeError('Invalid WebSocket frame: invalid opcode 3') as Error & { code: string };
  error.code = 'WS_ERR_INVALID_OPCODE';
  return error;
}

function engineError(): Error {
  const error = new TypeError("Cannot read properties of undefined (reading 'printJobId')");
  error.stack = `${error.message}\n    at PrinterLoop.settle (/srv/print-station/electron/station/printer/printerLoop.ts:210:31)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;
  return error;
}

describe('which uncaught errors the station survives', () => {
  it('survives console-socket errors: ws protocol errors, a peer resetting, a stack only through the console', () => {
    expect(judge(wsError()).survivable).toBe(true);
    expect(judge(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })).survivable).toBe(true);
    const fromConsole = new Error('boom');
    fromConsole.stack = `Error: boom\n    at serveApi (/srv/print-station/electron/headless/webConsole.ts:180:11)\n    at Receiver.emit (node:events:524:28)\n    at /srv/print-station/node_modules/ws/lib/receiver.js:600:7`;
    expect(judge(fromConsole).survivable).toBe(true);
  });

  it('does not survive an error thrown through engine code, or a rejection nobody awaited', () => {
    expect(judge(engineError()).survivable).toBe(false);
    expect(judge('a string rejection').survivable).toBe(false);
    expect(judge(undefined).survivable).toBe(false);
  });
});

describe('installLastLine', () => {
  function harness() {
    const target = new EventEmitter();
    const lines: Array<{ level: string; message: string }> = [];
    const stops: string[] = [];
    const exits: number[] = [];
    const uninstall = installLastLine({
      target,
      log: { error: (message) => lines.push({ level: 'error', message }), warn: (message) => lines.push({ level: 'warn', message }) },
      stop: async (reason) => void stops.push(reason),
      exit: (code) => void exits.push(code),
    });
    return { target, lines, stops, exits, uninstall };
  }

  it('logs a console error with its stack and keeps the station running', () => {
    const h = harness();
    h.target.emit('uncaughtException', wsError());
    expect(h.stops).toEqual([]);
    expect(h.exits).toEqual([]);
    expect(h.lines).toHaveLength(1);
    expect(h.lines[0]).toMatchObject({ level: 'warn' });
    expect(h.lines[0]!.message).toMatch(/keeps printing[\s\S]*invalid opcode 3/);
    h.uninstall();
  });

  it('stops the engine and exits non-zero on an engine error, once, even if more follow', async () => {
    const h = harness();
    h.target.emit('unhandledRejection', engineError());
    h.target.emit('uncaughtException', engineError());
    await waitFor('the exit', () => h.exits.length > 0);
    expect(h.exits).toEqual([FATAL_EXIT_CODE]);
    expect(FATAL_EXIT_CODE).not.toBe(0);
    expect(h.stops).toHaveLength(1);
    expect(h.lines.filter((l) => l.level === 'error')).toHaveLength(2);
    expect(h.lines[0]!.message).toContain('printerLoop.ts:210');
    h.uninstall();
    expect(h.target.listenerCount('uncaughtException')).toBe(0);
  });
});
