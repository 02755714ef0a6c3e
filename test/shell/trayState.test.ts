import { describe, expect, it } from 'vitest';
import { trayIconName, trayState, trayTooltip, worstPrinterState } from '../../electron/shell/worstPrinterState';
import { trayMenu } from '../../electron/shell/trayMenu';
import { fakePrinter, FakeStationEngine } from '../helpers/fakeStationEngine';

describe('the tray icon shows the printer that most needs a person', () => {
  it('an error beats an item waiting in the tray, which beats offline, paused, printing and ready', () => {
    expect(worstPrinterState([{ state: 'ready' }, { state: 'printing' }])).toBe('printing');
    expect(worstPrinterState([{ state: 'ready' }, { state: 'paused' }, { state: 'printing' }])).toBe('paused');
    expect(worstPrinterState([{ state: 'offline' }, { state: 'paused' }])).toBe('offline');
    expect(worstPrinterState([{ state: 'awaiting_retrieval' }, { state: 'offline' }])).toBe('awaiting_retrieval');
    expect(worstPrinterState([{ state: 'awaiting_retrieval' }, { state: 'error' }, { state: 'ready' }])).toBe('error');
    expect(worstPrinterState([])).toBe('idle');
  });

  it('a station without its database says so, unless a printer needs a person anyway', () => {
    expect(trayState({ connection: 'offline', printers: [{ state: 'ready' }] })).toBe('database_offline');
    expect(trayState({ connection: 'offline', printers: [{ state: 'error' }] })).toBe('error');
    expect(trayIconName('database_offline')).toBe('offline');
    expect(trayIconName('awaiting_retrieval')).toBe('awaiting-retrieval');
    expect(trayTooltip('error', 'Front desk')).toBe('Print Station (Front desk): A printer needs you: error');
  });

  it('the tray menu lists each printer and enables pause/resume only when they do something', () => {
    const engine = new FakeStationEngine();
    engine.printers = [
      fakePrinter({ name: 'Front', state: 'paused' }),
      fakePrinter({ printerId: 'b', name: 'Back', state: 'awaiting_retrieval' }),
    ];
    const menu = trayMenu(engine.snapshot());
    expect(menu.filter((i) => i.kind === 'status').map((i) => i.label)).toEqual(['Front: paused', 'Back: item waiting in the tray']);
    expect(menu.find((i) => i.kind === 'action' && i.id === 'pauseAll')).toMatchObject({ enabled: false });
    expect(menu.find((i) => i.kind === 'action' && i.id === 'resumeAll')).toMatchObject({ enabled: true });
    expect(menu.at(-1)).toMatchObject({ id: 'quit' });
  });
});
