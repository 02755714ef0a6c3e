/** The frame: navigation, the connection banner, the current screen, and who is at the station. */
import { ConnectionBanner } from './components/ConnectionBanner';
import { LanguagePicker, t, type PlainKey } from './i18n';
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

const SCREENS: Array<[Screen, PlainKey]> = [
  ['printers', 'nav.printers'],
  ['queue', 'nav.queue'],
  ['fleet', 'nav.fleet'],
  ['metrics', 'nav.metrics'],
  ['logs', 'nav.logs'],
  ['settings', 'nav.settings'],
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
      <nav className="sidebar" aria-label={t('nav.screens')}>
        <div className="brand">
          {t('app.name')}
          <div className="muted small">{station?.name ?? '…'}</div>
        </div>
        {SCREENS.map(([id, label]) => (
          <button
            key={id}
            className={screen === id ? 'active' : ''}
            aria-current={screen === id ? 'page' : undefined}
            onClick={() => setScreen(id)}
          >
            {t(label)}
            {id === 'printers' && blocked > 0 && (
              <span className={`badge ${attention.printers ? 'badge-error' : 'warn'}`} title={t('nav.printersBadge')}>
                {blocked}
              </span>
            )}
            {id === 'queue' && attention.orders > 0 && (
              <span className="badge badge-error" title={t('nav.ordersBadge')}>
                {attention.orders}
              </span>
            )}
          </button>
        ))}
        <div className="grow" />
        <ul className="printer-dots" aria-label={t('nav.printerDots')}>
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
        <LanguagePicker />
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
      <span className="muted small">{t('nav.operator')}</span>
      <input
        value={name}
        placeholder={t('nav.operatorPlaceholder')}
        aria-label={t('nav.operatorLabel')}
        onChange={(e) => setName(e.target.value)}
      />
    </label>
  );
}
