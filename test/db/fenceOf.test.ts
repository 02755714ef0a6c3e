/** One fence from an order document (issue 13): the claim, the reaper, the shutdown release and operator moves share it. */
import { describe, expect, it } from 'vitest';
import { fenced, fenceOf } from '../../electron/db/orderQueries';

describe('fenceOf(order)', () => {
  it("names the order's _id, orderId and printJobId", () => {
    expect(fenceOf({ _id: 'k1', orderId: '1042', printJobId: 'pj-1', printStatus: 'printing' })).toEqual({
      _id: 'k1',
      orderId: '1042',
      printJobId: 'pj-1',
    });
  });

  it('an order written by hand without printJobId is fenced on null (matches "missing"), its _id standing in for orderId', () => {
    const fence = fenceOf({ _id: 'k2', printStatus: 'printing' });
    expect(fence).toEqual({ _id: 'k2', orderId: 'k2', printJobId: null });
    expect(fenced(fence, ['printing'])).toEqual({ _id: 'k2', printJobId: null, printStatus: 'printing' });
  });
});
