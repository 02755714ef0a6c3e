/**
 * Settings: the database (tested before it can be saved), the station's name, its printers, where order files may
 * come from, timings, start on login, the operator PIN and the default operator name. Saving needs the PIN when
 * one is set.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ManagedPrinter, SettingsInput, StationIntervals } from '../../../shared/stationSettings';
import type { SettingsResponse } from '../../../shared/stationApi';
import { MongoConnectionFields, mongoTestKey, type MongoFieldsValue } from '../components/MongoConnectionFields';
import { PrinterSettingsRow } from '../components/PrinterSettingsRow';
import { useStation } from '../storeContext';

const INTERVAL_LABELS: Array<[keyof StationIntervals, string]> = [
  ['healthCheckSeconds', 'Printer health check (s)'],
  ['leaseSeconds', 'Order lease (s)'],
  ['reaperSeconds', 'Expired-lease check (s)'],
  ['pollSeconds', 'Queue poll when change streams are off (s)'],
  ['metricsMinutes', 'Metrics every (min)'],
];

/** Managed printers plus the ones the OS offers that are not managed yet. */
export function printersForForm(response: SettingsResponse): ManagedPrinter[] {
  const known = new Set(response.settings.printers.map((p) => p.systemName));
  const offered = response.discoveredPrinters
    .filter((d) => !known.has(d.systemName))
    .map((d) => ({ ...d, managed: false, requiresRetrieval: false }));
  return [...response.settings.printers, ...offered];
}

export function SettingsScreen() {
  const response = useStation((s) => s.settings);
  if (!response) return <p className="muted">Loading…</p>;
  return <SettingsForm key={JSON.stringify(response.settings)} response={response} />;
}

function SettingsForm({ response }: { response: SettingsResponse }) {
  const save = useStation((s) => s.saveSettings);
  const setOperatorName = useStation((s) => s.setOperatorName);
  const s = response.settings;
  const [stationName, setStationName] = useState(s.stationName);
  const [mongo, setMongo] = useState<MongoFieldsValue>({ uri: '', dbName: s.dbName, testedFor: null });
  const [printers, setPrinters] = useState(() => printersForForm(response));
  const [intervals, setIntervals] = useState(s.intervals);
  const [allowPrivateNetworks, setAllowPrivateNetworks] = useState(s.fileSources.allowPrivateNetworks);
  const [allowedHostsText, setAllowedHostsText] = useState(s.fileSources.allowedHosts.join('\n'));
  const [startOnLogin, setStartOnLogin] = useState(s.startOnLogin);
  const [operatorName, setOperatorNameField] = useState(s.operatorName);
  const [newPin, setNewPin] = useState('');
  const [removePin, setRemovePin] = useState(false);
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setProblem(null), [mongo, stationName]);

  const uriChanged = mongo.uri !== '' || mongo.dbName !== s.dbName;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (uriChanged && mongo.uri && mongo.testedFor !== mongoTestKey(mongo)) {
      setProblem('Test the new database connection before saving.');
      return;
    }
    const input: SettingsInput = {
      stationName,
      ...(mongo.uri ? { mongoUri: mongo.uri } : {}),
      dbName: mongo.dbName,
      printers,
      intervals,
      fileSources: { allowPrivateNetworks, allowedHosts: allowedHostsText.split(/[\s,]+/).filter(Boolean) },
      startOnLogin,
      operatorName,
      ...(removePin ? { newPin: null } : newPin ? { newPin } : {}),
    };
    const result = await save(input, pin || undefined);
    if (result.ok) {
      if (operatorName) setOperatorName(operatorName);
      setPin('');
    } else setProblem(result.reason);
  };

  return (
    <form className="settings" onSubmit={submit}>
      <div className="screen-head">
        <h1>Settings</h1>
      </div>
      <section className="card">
        <h2>This station</h2>
        <label>
          Station name
          <input value={stationName} onChange={(e) => setStationName(e.target.value)} />
        </label>
        <label>
          Default operator name (recorded with each action)
          <input value={operatorName} onChange={(e) => setOperatorNameField(e.target.value)} />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={startOnLogin}
            disabled={!response.canStartOnLogin}
            onChange={(e) => setStartOnLogin(e.target.checked)}
          />
          Start when I log in {response.canStartOnLogin ? '' : <span className="muted">(desktop app only)</span>}
        </label>
      </section>
      <section className="card">
        <h2>Database</h2>
        <p className="muted">
          Now: {s.mongoUriMasked || 'not set'} · database {s.dbName}
        </p>
        {s.secretStorage && !s.secretStorage.protected && (
          <p className="error-text" data-testid="secret-storage">
            {s.secretStorage.message}
          </p>
        )}
        <MongoConnectionFields value={mongo} onChange={setMongo} placeholder="Leave empty to keep the current connection" />
      </section>
      <section className="card">
        <h2>Printers</h2>
        {response.appliesLive === false && (
          <p className="notice" role="note">
            This station runs from its start command: printer and timing changes are saved here but take effect when the station restarts.
            Restart it where it runs (for a service: <span className="mono">systemctl restart print-station</span>).
          </p>
        )}
        {printers.length === 0 && <p className="muted">No printers found on this computer.</p>}
        {printers.map((p, i) => (
          <PrinterSettingsRow
            key={p.systemName}
            printer={p}
            onChange={(next) => setPrinters(printers.map((q, j) => (j === i ? next : q)))}
          />
        ))}
      </section>
      <section className="card">
        <h2>Operator PIN</h2>
        <p className="muted">
          {s.pinSet
            ? 'A PIN is set: reprint, cancel, reset, mark as printed and settings need it.'
            : 'No PIN: anyone at this station can reprint, cancel or change settings.'}
        </p>
        <label>
          {s.pinSet ? 'New PIN (leave empty to keep)' : 'Set a PIN (4–8 digits)'}
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            aria-label="New PIN"
            value={newPin}
            onChange={(e) => setNewPin(e.target.value)}
          />
        </label>
        {s.pinSet && (
          <label className="inline">
            <input type="checkbox" checked={removePin} onChange={(e) => setRemovePin(e.target.checked)} /> Remove the PIN
          </label>
        )}
      </section>
      <section className="card engineer" aria-labelledby="engineer-settings">
        <h2 id="engineer-settings">Engineer settings</h2>
        <p className="muted">
          How stations share the work and where files may come from. The defaults suit a shop; change them only when the person who set up
          the stations asks you to.
        </p>
        <h3>Order files</h3>
        <p className="muted">
          Order files are downloaded only from public internet addresses unless allowed here: a file address must not reach this computer,
          the shop's network or the cloud's metadata service.
        </p>
        <label>
          Allowed hosts, one per line (a name, .domain for all its subdomains, an address or a range like 192.168.1.0/24); empty: any public
          host
          <textarea rows={3} aria-label="Allowed hosts" value={allowedHostsText} onChange={(e) => setAllowedHostsText(e.target.value)} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={allowPrivateNetworks} onChange={(e) => setAllowPrivateNetworks(e.target.checked)} />
          Also allow this computer and private network addresses (a file server on the shop's own network)
        </label>
        <h3>Timings</h3>
        <div className="interval-grid">
          {INTERVAL_LABELS.map(([key, label]) => (
            <label key={key}>
              {label}
              <input
                type="number"
                min={1}
                value={intervals[key]}
                onChange={(e) => setIntervals({ ...intervals, [key]: Number(e.target.value) })}
              />
            </label>
          ))}
        </div>
      </section>
      <div className="save-bar">
        {s.pinSet && (
          <label className="inline">
            Current PIN
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              aria-label="Current PIN"
              className="narrow"
              value={pin}
              onChange={(e) => setPin(e.target.value)}
            />
          </label>
        )}
        {problem && <span className="error-text">{problem}</span>}
        <div className="grow" />
        <button type="submit" className="primary">
          Save settings
        </button>
      </div>
    </form>
  );
}
