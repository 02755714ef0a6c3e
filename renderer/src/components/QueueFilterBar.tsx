/**
 * Find any order (issue 11): words (order id, customer, file name, printer), a date range, and filters by printer,
 * station and options. The words wait for a pause in typing; the rest apply at once.
 */
import { useEffect, useState } from 'react';
import type { QueueFilters } from '../store';
import { t } from '../i18n';
import { useStation } from '../storeContext';

const NO_PRINTERS: never[] = [];

/** A date input's value (local day) and back: `to` is exclusive, so "to 3 Oct" asks for before 4 Oct 00:00. */
const dayValue = (d: Date | undefined, shift = 0) =>
  d ? new Date(d.getTime() - shift * 86_400_000 - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10) : '';
const dayStart = (value: string, shift = 0) => {
  if (!value) return undefined;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y!, m! - 1, d! + shift);
};

export function QueueFilterBar() {
  const queue = useStation((s) => s.queue);
  const setSearch = useStation((s) => s.setQueueSearch);
  const setFilters = useStation((s) => s.setQueueFilters);
  const printers = useStation((s) => s.snapshot?.printers) ?? NO_PRINTERS;
  const fleet = useStation((s) => s.fleet);
  const [searchText, setSearchText] = useState(queue.search);
  const f = queue.filters;

  // No pause in typing is waited for: the words go at once, one search at a time. Words typed while a search is on
  // its way wait for its answer and then go as one (the ones in between are never asked), so a fast typist costs
  // the station one query per answer, not one per key.
  const searching = !queue.pages[0] && !queue.error && queue.search !== '';
  useEffect(() => {
    if (searchText !== queue.search && !searching) setSearch(searchText);
  }, [searchText, queue.search, searching, setSearch]);

  const change = (patch: Partial<QueueFilters>) => {
    const next: QueueFilters = { ...f, ...patch };
    for (const key of Object.keys(next) as Array<keyof QueueFilters>) if (next[key] === undefined || next[key] === '') delete next[key];
    setFilters(next);
  };
  const printerChoices = new Map<string, string>();
  for (const p of fleet?.printers ?? []) printerChoices.set(p.printerId, p.name);
  for (const p of printers) printerChoices.set(p.printerId, p.name);
  const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? 'yes' : 'no');
  const fromYesNo = (v: string) => (v === '' ? undefined : v === 'yes');
  const active = Object.keys(f).length > 0 || queue.search !== '';

  return (
    <div className="queue-filters" role="search" aria-label={t('filters.label')}>
      <input
        type="search"
        className="search"
        placeholder={t('filters.placeholder')}
        aria-label={t('filters.searchLabel')}
        value={searchText}
        onChange={(e) => setSearchText(e.target.value)}
      />
      <label className="inline">
        {t('filters.from')}
        <input type="date" value={dayValue(f.from)} onChange={(e) => change({ from: dayStart(e.target.value) })} />
      </label>
      <label className="inline">
        {t('filters.to')}
        <input type="date" value={dayValue(f.to, 1)} onChange={(e) => change({ to: dayStart(e.target.value, 1) })} />
      </label>
      <label className="inline">
        {t('filters.printer')}
        <select
          aria-label={t('filters.printer')}
          value={f.printerId ?? ''}
          onChange={(e) => change({ printerId: e.target.value || undefined })}
        >
          <option value="">{t('filters.any')}</option>
          {[...printerChoices].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {fleet && fleet.stations.length > 1 && (
        <label className="inline">
          {t('filters.station')}
          <select
            aria-label={t('filters.station')}
            value={f.stationId ?? ''}
            onChange={(e) => change({ stationId: e.target.value || undefined })}
          >
            <option value="">{t('filters.any')}</option>
            {fleet.stations.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="inline">
        {t('filters.paper')}
        <select
          aria-label={t('filters.paper')}
          value={f.paperSize ?? ''}
          onChange={(e) => change({ paperSize: e.target.value || undefined })}
        >
          <option value="">{t('filters.any')}</option>
          {['A3', 'A4', 'A5', 'A6', 'Letter', 'Legal', 'Label-4x6'].map((size) => (
            <option key={size}>{size}</option>
          ))}
        </select>
      </label>
      <label className="inline">
        {t('filters.colour')}
        <select aria-label={t('filters.colour')} value={yesNo(f.color)} onChange={(e) => change({ color: fromYesNo(e.target.value) })}>
          <option value="">{t('filters.any')}</option>
          <option value="yes">{t('filters.colourYes')}</option>
          <option value="no">{t('filters.colourNo')}</option>
        </select>
      </label>
      <label className="inline">
        {t('filters.duplex')}
        <select aria-label={t('filters.duplex')} value={yesNo(f.duplex)} onChange={(e) => change({ duplex: fromYesNo(e.target.value) })}>
          <option value="">{t('filters.any')}</option>
          <option value="yes">{t('filters.duplexYes')}</option>
          <option value="no">{t('filters.duplexNo')}</option>
        </select>
      </label>
      {active && (
        <button
          type="button"
          onClick={() => {
            setSearchText('');
            setSearch('');
            setFilters({});
          }}
        >
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}
