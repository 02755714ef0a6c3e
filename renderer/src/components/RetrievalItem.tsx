/**
 * What to take out of the tray: the order's first page, how many copies of how many pages, and its options, so the
 * operator can check the item before pressing "Item retrieved".
 */
import { useEffect, useState } from 'react';
import type { OrderView } from '../../../shared/stationApi';
import { optionsSummary } from '../printRoom';
import { t } from '../i18n';
import { useStation } from '../storeContext';
import { PdfPreview } from './PdfPreview';

export function RetrievalItem({ orderId }: { orderId: string }) {
  const lookUpOrder = useStation((s) => s.lookUpOrder);
  const [order, setOrder] = useState<OrderView | null>(null);
  const [pages, setPages] = useState<number | undefined>();
  useEffect(() => {
    let current = true;
    lookUpOrder(orderId).then(
      (o) => current && setOrder(o),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [orderId, lookUpOrder]);
  const copies = order?.printingOptions.copies ?? 1;
  return (
    <div className="retrieval-item" data-testid="retrieval-item">
      <p>
        {t('retrieval.takeOut')}
        <strong>{t('retrieval.copies', { count: copies })}</strong>
        {pages ? (
          <>
            {' '}
            {t('retrieval.of')} <strong>{t('retrieval.pages', { count: pages })}</strong>
          </>
        ) : null}
        {order ? <span className="muted"> · {optionsSummary(order.printingOptions)}</span> : null}
      </p>
      <PdfPreview orderId={orderId} onPages={setPages} />
    </div>
  );
}
