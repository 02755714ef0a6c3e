/** The frame: navigation, the connection banner, the current screen, and who is at the station. */
import { ConnectionBanner } from './components/ConnectionBanner';
import { Toasts } from './components/Toasts';
import { useAttentionSignals } from './notify';
import { useOrderRoute } from './orderRoute';
import { PRINTER_STATE_LABEL, stateClass } from './printRoom';
import type { Screen } from './store';
import { useStation } from './storeContext';
import { FleetScreen } from './screens/FleetScreen';
import { LogsScreen } from './screens/LogsScreen';
import { MetricsScreen } from './screens/MetricsScreen';
import { Onboarding } from './screens/Onboarding';
import { PrintersScreen } from './screens/PrintersScreen';
import { QueueScreen } from './screens/QueueScreen';
import { SettingsScreen } from './screens/SettingsScreen';

const NO_PRINTERS: never[] = [];

const SCREENS: Array<[Screen, string]> = [
  ['printers', 'Printers'],
  ['queue', 'Queue'],
  ['fleet', 'Fleet'],
  ['metrics', 'Metrics'],
  ['logs', 'Logs'],
  ['settings', 'Settings'],
];

export function App() {
  const screen = useStation((s) => s.screen);
  const setScreen = useStation((s) => s.setScreen);
  const settings = useStation((s) => s.settings);
  const station = useStation((s) => s.snapshot?.station);
  const printers = useStation((s) => s.snapshot?.printers) ?? NO_PRINTERS;
  // One count for the badges, the tab title and the favicon (notificationRules.attentionSummary).
  const attention = useAttentionSignals();
  useOrderRoute();

  if (settings && !settings.configured) {
    return (
      <main className="app onboarding-frame">
        <Onboarding response={settings} />
        <Toasts />
      </main>
    );
  }
  const blocked = attention.printers + attention.retrievals;
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Screens">
        <div className="brand">
          Print Station
          <div className="muted small">{station?.name ?? '…'}</div>
        </div>
        {SCREENS.map(([id, label]) => (
          <button
            key={id}
            className={screen === id ? 'active' : ''}
            aria-current={screen === id ? 'page' : undefined}
            onClick={() => setScreen(id)}
          >
            {label}
            {id === 'printers' && blocked > 0 && (
              <span
                className={`badge ${attention.printers ? 'badge-error' : 'warn'}`}
                title="printers that need a person or have an item to take out"
              >
                {blocked}
              </span>
            )}
            {id === 'queue' && attention.orders > 0 && (
              <span className="badge badge-error" title="orders that need attention">
                {attention.orders}
              </span>
            )}
          </button>
        ))}
        <div className="grow" />
        <ul className="printer-dots" aria-label="Printers at a glance">
          {printers.map((p) => (
            <li
              key={p.printerId}
              title={`${p.name}: ${PRINTER_STATE_LABEL[p.state]}`}
              aria-label={`${p.name}: ${PRINTER_STATE_LABEL[p.state]}`}
              className={`dot ${stateClass(p.state)}`}
            />
          ))}
        </ul>
        <OperatorName />
      </nav>
      <main className="content">
        <ConnectionBanner />
        {screen === 'printers' && <PrintersScreen />}
        {screen === 'queue' && <QueueScreen />}
        {screen === 'fleet' && <FleetScreen />}
        {screen === 'metrics' && <MetricsScreen />}
        {screen === 'logs' && <LogsScreen />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
      <Toasts />
    </div>
  );
}

function OperatorName() {
  const name = useStation((s) => s.operatorName);
  const setName = useStation((s) => s.setOperatorName);
  return (
    <label className="operator">
      <span className="muted small">Operator</span>
      <input value={name} placeholder="Your name" aria-label="Operator name" onChange={(e) => setName(e.target.value)} />
    </label>
  );
}
