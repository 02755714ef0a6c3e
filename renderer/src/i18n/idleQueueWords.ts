/** Why an idle printer takes none of the pending orders (shared/idleQueue), from the catalogue (heldOrders.idle.*). */
import { IDLE_KINDS, type IdleQueueWords } from '../../../shared/idleQueue';
import { perLocale, sayIn } from './locale';

export const idleQueueWordsIn = perLocale((locale): IdleQueueWords => {
  const t = sayIn(locale);
  return {
    unfitOnly: t('heldOrders.idle.unfitOnly'),
    onlyOne: (kind) => t('heldOrders.idle.onlyOne', { kind }),
    allOf: (count, kind) => t('heldOrders.idle.allOf', { count, kind }),
    noneOf: (count, parts) => t('heldOrders.idle.noneOf', { count, parts }),
    part: (n, kind) => t('heldOrders.idle.part', { n: String(n), kind }),
    separator: t('heldOrders.idle.separator'),
    kinds: Object.fromEntries(
      IDLE_KINDS.map((kind) => [kind, { one: t(`heldOrders.idle.${kind}.one`), many: t(`heldOrders.idle.${kind}.many`) }]),
    ) as IdleQueueWords['kinds'],
  };
});
