/** First run, nothing configured: connect to the shop's database, name the station, pick its printers. */
import { useState } from 'react';
import type { SettingsResponse } from '../../../shared/stationApi';
import { DEFAULT_INTERVALS } from '../../../shared/stationSettings';
import { MongoConnectionFields, mongoTestKey, type MongoFieldsValue } from '../components/MongoConnectionFields';
import { PrinterSettingsRow } from '../components/PrinterSettingsRow';
import { useStation } from '../storeContext';
import { printersForForm } from './SettingsScreen';

/** The shop's database, as everywhere else (the demo, `npm run migrate`, the README). */
const SHOP_DATABASE = 'printshop';

export function Onboarding({ response }: { response: SettingsResponse }) {
  const save = useStation((s) => s.saveSettings);
  const [step, setStep] = useState<1 | 2>(1);
  const [mongo, setMongo] = useState<MongoFieldsValue>({ uri: '', dbName: SHOP_DATABASE, testedFor: null });
  const [stationName, setStationName] = useState(response.settings.stationName);
  const [printers, setPrinters] = useState(() => printersForForm(response));
  const [problem, setProblem] = useState<string | null>(null);
  const tested = mongo.testedFor === mongoTestKey(mongo);
  const anyPrinter = printers.some((p) => p.managed);

  const finish = async () => {
    const result = await save({
      stationName: stationName || 'Print station',
      mongoUri: mongo.uri,
      dbName: mongo.dbName,
      printers,
      intervals: response.settings.intervals ?? DEFAULT_INTERVALS,
      startOnLogin: response.canStartOnLogin,
      operatorName: response.settings.operatorName,
    });
    if (!result.ok) setProblem(result.reason);
  };

  return (
    <div className="onboarding">
      <h1>Welcome to Print Station</h1>
      <p className="muted">Two steps and this computer starts printing the shop's paid orders.</p>
      {step === 1 ? (
        <section className="card">
          <h2>1. Connect to the shop's database</h2>
          <MongoConnectionFields value={mongo} onChange={setMongo} />
          <div className="button-row">
            <button className="primary" disabled={!tested} onClick={() => setStep(2)}>
              Next
            </button>
            {!tested && <span className="muted">Test the connection first.</span>}
          </div>
        </section>
      ) : (
        <section className="card">
          <h2>2. Name this station and pick its printers</h2>
          <label>
            Station name
            <input value={stationName} onChange={(e) => setStationName(e.target.value)} placeholder="Front desk" />
          </label>
          {printers.length === 0 && (
            <p className="muted">No printers found on this computer. Connect or share a printer, then open this page again.</p>
          )}
          {printers.some((p) => p.driverKind === 'ipp' || p.driverKind === 'raw') && (
            <p className="muted">Printers marked (ipp) or (raw) announced themselves on the network; tick the ones this station drives.</p>
          )}
          {printers.map((p, i) => (
            <PrinterSettingsRow
              key={p.systemName}
              printer={p}
              onChange={(next) => setPrinters(printers.map((q, j) => (j === i ? next : q)))}
            />
          ))}
          {problem && <p className="error-text">{problem}</p>}
          <div className="button-row">
            <button onClick={() => setStep(1)}>Back</button>
            <button className="primary" onClick={finish} disabled={!anyPrinter} aria-describedby="start-needs">
              Start printing
            </button>
            {!anyPrinter && (
              <span id="start-needs" className="muted">
                Tick at least one printer: a station without printers prints nothing.
              </span>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
