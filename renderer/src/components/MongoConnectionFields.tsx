/** The MongoDB URI + database fields with "Test connection": a URI is only accepted after a test succeeded. */
import { useState } from 'react';
import { t } from '../i18n';
import { useStation } from '../storeContext';

export interface MongoFieldsValue {
  uri: string;
  dbName: string;
  /** The URI (and database) the last successful test was for. */
  testedFor: string | null;
}

export const mongoTestKey = (v: Pick<MongoFieldsValue, 'uri' | 'dbName'>) => `${v.uri}\n${v.dbName}`;

export function MongoConnectionFields({
  value,
  onChange,
  placeholder,
}: {
  value: MongoFieldsValue;
  onChange(v: MongoFieldsValue): void;
  placeholder?: string;
}) {
  const test = useStation((s) => s.testMongoConnection);
  const pinSet = useStation((s) => s.settings?.settings.pinSet ?? false);
  const [pin, setPin] = useState('');
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await test(value.uri, value.dbName, pin || undefined);
      setResult(r);
      onChange({ ...value, testedFor: r.ok ? mongoTestKey(value) : null });
    } catch (error) {
      setResult({ ok: false, message: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="field-group">
      <label htmlFor="mongo-uri">{t('mongo.uri')}</label>
      <div className="secret-field">
        <input
          id="mongo-uri"
          type={shown ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder ?? 'mongodb+srv://user:password@cluster.example.net'}
          value={value.uri}
          onChange={(e) => onChange({ ...value, uri: e.target.value, testedFor: null })}
        />
        <button type="button" aria-pressed={shown} aria-controls="mongo-uri" onClick={() => setShown(!shown)}>
          {shown ? t('mongo.hide') : t('mongo.show')}
          <span className="visually-hidden">{t('mongo.connectionString')}</span>
        </button>
      </div>
      <label>
        {t('mongo.database')}
        <input value={value.dbName} onChange={(e) => onChange({ ...value, dbName: e.target.value, testedFor: null })} />
      </label>
      {pinSet && (
        <label>
          {t('mongo.pin')}
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            className="narrow"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
      )}
      <div className="button-row">
        <button type="button" onClick={run} disabled={busy || !value.uri || !value.dbName}>
          {busy ? t('mongo.testing') : t('mongo.test')}
        </button>
        {result && (
          <span className={result.ok ? 'ok-text' : 'error-text'} data-testid="mongo-test-result">
            {result.message}
          </span>
        )}
      </div>
    </div>
  );
}
