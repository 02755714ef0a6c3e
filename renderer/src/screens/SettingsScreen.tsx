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
import { t, type PlainKey } from '../i18n';
import { settingsProblem } from '../settingsProblem';

const INTERVAL_LABELS: Array<[keyof StationIntervals, PlainKey]> = [
  ['healthCheckSeconds', 'settings.healthCheck'],
  ['leaseSeconds', 'settings.lease'],
  ['reaperSeconds', 'settings.reaper'],
  ['pollSeconds', 'settings.poll'],
  ['metricsMinutes', 'settings.metrics'],
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
  if (!response) return <p className="muted">{t('settings.loading')}</p>;
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
      setProblem(t('settings.testFirst'));
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
    // The station's own refusal of these would be the contract's English: the console says it in its words first.
    const invalid = settingsProblem(input);
    if (invalid) {
      setProblem(t(invalid));
      return;
    }
    const result = await save(input, pin || undefined);
    if (result.ok) {
      if (operatorName) setOperatorName(operatorName);
      setPin('');
    } else setProblem(result.reason);
  };

  return (
    <form className="settings" onSubmit={submit}>
      <div className="screen-head">
        <h1>{t('settings.title')}</h1>
      </div>
      <section className="card">
        <h2>{t('settings.thisStation')}</h2>
        <label>
          {t('settings.stationName')}
          <input value={stationName} onChange={(e) => setStationName(e.target.value)} />
        </label>
        <label>
          {t('settings.defaultOperator')}
          <input value={operatorName} onChange={(e) => setOperatorNameField(e.target.value)} />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={startOnLogin}
            disabled={!response.canStartOnLogin}
            onChange={(e) => setStartOnLogin(e.target.checked)}
          />
          {t('settings.startOnLogin')}
          {response.canStartOnLogin ? '' : <span className="muted">{t('settings.desktopOnly')}</span>}
        </label>
      </section>
      <section className="card">
        <h2>{t('settings.database')}</h2>
        <p className="muted">{t('settings.now', { uri: s.mongoUriMasked || t('settings.notSet'), db: s.dbName })}</p>
        {s.secretStorage && !s.secretStorage.protected && (
          <p className="error-text" data-testid="secret-storage">
            {s.secretStorage.message}
          </p>
        )}
        <MongoConnectionFields value={mongo} onChange={setMongo} placeholder={t('settings.keepConnection')} />
      </section>
      <section className="card">
        <h2>{t('settings.printers')}</h2>
        {/* Where a save cannot reach the running engine, the page says so rather than pretend it applied. */}
        {response.appliesLive === false ? (
          <p className="notice" role="note">
            {t('settings.restartNeeded')}
            <span className="mono">systemctl restart print-station</span>).
          </p>
        ) : (
          <p className="muted" data-testid="applies-live">
            {t('settings.appliesLive')}
          </p>
        )}
        {printers.length === 0 && <p className="muted">{t('settings.noPrinters')}</p>}
        {printers.map((p, i) => (
          <PrinterSettingsRow
            key={p.systemName}
            printer={p}
            onChange={(next) => setPrinters(printers.map((q, j) => (j === i ? next : q)))}
          />
        ))}
      </section>
      <section className="card">
        <h2>{t('settings.pin')}</h2>
        <p className="muted">{s.pinSet ? t('settings.pinSet') : t('settings.noPin')}</p>
        <label>
          {s.pinSet ? t('settings.newPinKeep') : t('settings.setPin')}
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            aria-label={t('settings.newPin')}
            value={newPin}
            onChange={(e) => setNewPin(e.target.value)}
          />
        </label>
        {s.pinSet && (
          <label className="inline">
            <input type="checkbox" checked={removePin} onChange={(e) => setRemovePin(e.target.checked)} /> {t('settings.removePin')}
          </label>
        )}
      </section>
      <section className="card engineer" aria-labelledby="engineer-settings">
        <h2 id="engineer-settings">{t('settings.engineer')}</h2>
        <p className="muted">{t('settings.engineerNote')}</p>
        <h3>{t('settings.orderFiles')}</h3>
        <p className="muted">{t('settings.orderFilesNote')}</p>
        <label>
          {t('settings.allowedHostsText')}
          <textarea
            rows={3}
            aria-label={t('settings.allowedHosts')}
            value={allowedHostsText}
            onChange={(e) => setAllowedHostsText(e.target.value)}
          />
        </label>
        <label className="inline">
          <input type="checkbox" checked={allowPrivateNetworks} onChange={(e) => setAllowPrivateNetworks(e.target.checked)} />
          {t('settings.allowPrivate')}
        </label>
        <h3>{t('settings.timings')}</h3>
        <div className="interval-grid">
          {INTERVAL_LABELS.map(([key, label]) => (
            <label key={key}>
              {t(label)}
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
            {t('settings.currentPin')}
            <input
              type="password"
              inputMode="numeric"
              autoComplete="off"
              aria-label={t('settings.currentPin')}
              className="narrow"
              value={pin}
              onChange={(e) => setPin(e.target.value)}
            />
          </label>
        )}
        {problem && <span className="error-text">{problem}</span>}
        <div className="grow" />
        <button type="submit" className="primary">
          {t('settings.save')}
        </button>
      </div>
    </form>
  );
}
