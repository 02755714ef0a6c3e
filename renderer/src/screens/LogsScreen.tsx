/** The station's recent log lines, newest at the bottom, live. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { clock } from '../printRoom';
import { t } from '../i18n';
import { useStation } from '../storeContext';

export function LogsScreen() {
  const logs = useStation((s) => s.logs);
  const [filter, setFilter] = useState('');
  const [problemsOnly, setProblemsOnly] = useState(false);
  const shown = logs.filter(
    (l) =>
      (!problemsOnly || l.level === 'warn' || l.level === 'error') &&
      (!filter || l.message.toLowerCase().includes(filter.toLowerCase()) || l.orderId?.includes(filter)),
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 24,
    overscan: 30,
  });
  // Follow new lines only while the operator is at the bottom; someone reading further up is left in peace.
  const following = useRef(true);
  useEffect(() => {
    if (shown.length && following.current) virtualizer.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [shown.length, virtualizer]);
  const onScroll = () => {
    const el = scrollRef.current;
    if (el) following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };
  return (
    <section className="logs">
      <div className="screen-head">
        <h1>{t('logs.title')}</h1>
        <div className="grow" />
        <label className="inline">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} /> {t('logs.problemsOnly')}
        </label>
        <input type="search" className="search" placeholder={t('logs.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <div ref={scrollRef} className="log-list" onScroll={onScroll}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = shown[item.index]!;
            return (
              <div
                key={item.key}
                className={`log-line log-${line.level}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              >
                <span className="mono muted">{clock(line.at)}</span> <span className="level">{line.level}</span> {line.message}
              </div>
            );
          })}
        </div>
        {shown.length === 0 && <p className="empty">{t('logs.none')}</p>}
      </div>
    </section>
  );
}
