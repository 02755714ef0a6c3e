/**
 * The first page of an order's PDF, so the operator can see what should come out of the printer. The station
 * fetches the file (the UI has no network of its own); pdf.js renders it in a worker from our own origin.
 */
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useStation } from '../storeContext';
import { t } from '../i18n';

GlobalWorkerOptions.workerSrc = workerUrl;

/** onPages: told the file's page count once it is read (the retrieval box says how many pages to take out). */
export function PdfPreview({ orderId, onPages }: { orderId: string; onPages?: (pages: number) => void }) {
  const loadOrderFile = useStation((s) => s.loadOrderFile);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [status, setStatus] = useState<'loading' | 'shown' | string>('loading');

  useEffect(() => {
    let cancelled = false;
    setStatus('loading');
    (async () => {
      const file = await loadOrderFile(orderId);
      const data = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const pdf = await getDocument({ data, isEvalSupported: false }).promise;
      try {
        const page = await pdf.getPage(1);
        const canvas = canvasRef.current;
        if (cancelled || !canvas) return;
        const viewport = page.getViewport({ scale: 320 / page.getViewport({ scale: 1 }).width });
        canvas.width = Math.round(viewport.width);
        canvas.height = Math.round(viewport.height);
        await page.render({ canvas, viewport }).promise;
        if (!cancelled) {
          setStatus(`shown:${pdf.numPages}`);
          onPages?.(pdf.numPages);
        }
      } finally {
        void pdf.destroy();
      }
    })().catch((error: Error) => !cancelled && setStatus(t('preview.failed', { error: error.message })));
    return () => {
      cancelled = true;
    };
  }, [orderId, loadOrderFile]);

  const pages = status.startsWith('shown:') ? Number(status.slice(6)) : 0;
  return (
    <div className="pdf-preview">
      <canvas ref={canvasRef} data-testid="pdf-preview" hidden={!pages} />
      {status === 'loading' && <p className="muted">{t('preview.loading')}</p>}
      {pages > 0 && <p className="muted small">{t('preview.pageOf', { pages })}</p>}
      {!pages && status !== 'loading' && <p className="muted">{status}</p>}
    </div>
  );
}
