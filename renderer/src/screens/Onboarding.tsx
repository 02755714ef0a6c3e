/** First run, nothing configured: connect to the shop's database, name the station, pick its printers. */
import { useState } from 'react';
import type { SettingsResponse } from '../../../shared/stationApi';
import { DEFAULT_INTERVALS } from '../../../shared/stationSettings';
import { MongoConnectionFields, mongoTestKey, type MongoFieldsValue } from '../components/MongoConnectionFields';
import { PrinterSettingsRow } from '../components/PrinterSettingsRow';
import { LanguagePicker, t } from '../i18n';
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
      stationName: stationName || t('onboarding.stationDefault'),
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
      <LanguagePicker />
      <h1>{t('onboarding.welcome')}</h1>
      <p className="muted">{t('onboarding.twoSteps')}</p>
      {step === 1 ? (
        <section className="card">
          <h2>{t('onboarding.step1')}</h2>
          <MongoConnectionFields value={mongo} onChange={setMongo} />
          <div className="button-row">
            <button className="primary" disabled={!tested} onClick={() => setStep(2)}>
              {t('onboarding.next')}
            </button>
            {!tested && <span className="muted">{t('onboarding.testFirst')}</span>}
          </div>
        </section>
      ) : (
        <section className="card">
          <h2>{t('onboarding.step2')}</h2>
          <label>
            {t('onboarding.stationName')}
            <input value={stationName} onChange={(e) => setStationName(e.target.value)} placeholder={t('onboarding.frontDesk')} />
          </label>
          {printers.length === 0 && <p className="muted">{t('onboarding.noPrinters')}</p>}
          {printers.some((p) => p.driverKind === 'ipp' || p.driverKind === 'raw') && (
            <p className="muted">{t('onboarding.networkPrinters')}</p>
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
            <button onClick={() => setStep(1)}>{t('onboarding.back')}</button>
            <button className="primary" onClick={finish} disabled={!anyPrinter} aria-describedby="start-needs">
              {t('onboarding.start')}
            </button>
            {!anyPrinter && (
              <span id="start-needs" className="muted">
                {t('onboarding.needPrinter')}
              </span>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
