import { describe, expect, it } from 'vitest';
import { orderView } from '../../electron/station/service/stationViews';
import { OrderView } from '../../shared/stationApi';

const base = {
  orderId: 'SV-1',
  paymentStatus: 'completed',
  createdAt: new Date('2026-12-01T10:00:00Z'),
  fileURL: 'https://shop.example/a.pdf',
  printStatus: 'pending',
  printAttempt: 1,
};

describe('the order as the operator sees it', () => {
  it('says where a copy of an order may still come out after its station lost it', () => {
    const strayCopy = {
      printJobId: 'job-1',
      stationId: 'counter',
      printerId: 'counter:A',
      printerName: 'A',
      spoolJobId: 'v-9',
      reason: 'the spooler would not cancel the job',
      at: new Date('2026-12-01T10:05:00Z'),
    };
    const view = OrderView.parse(JSON.parse(JSON.stringify(orderView({ ...base, strayCopy }))));
    expect(view.strayCopy).toMatchObject({ printerName: 'A', stationId: 'counter', reason: 'the spooler would not cancel the job' });
  });

  it('shows no stray copy when there is none', () => {
    expect(orderView(base).strayCopy ?? null).toBeNull();
  });
});
