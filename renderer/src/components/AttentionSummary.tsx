/**
 * What waits for a person, in words, each part a way to it: printers in trouble (their cards are below), items to
 * take out, and orders that need attention (a link to those orders). Also where the operator turns the sound off
 * and allows browser notifications. The count is the same one as the sidebar badges and the tab title.
 */
import { useState } from 'react';
import { attentionSummary } from '../../../shared/notificationRules';
import { t } from '../i18n';
import { askNotificationPermission, notificationPermission } from '../notify';
import { useStation } from '../storeContext';
import './AttentionSummary.css';

export function AttentionSummary() {
  const snapshot = useStation((s) => s.snapshot);
  const setScreen = useStation((s) => s.setScreen);
  const setQueueTab = useStation((s) => s.setQueueTab);
  const soundOn = useStation((s) => s.soundOn);
  const setSound = useStation((s) => s.setSound);
  const [permission, setPermission] = useState(notificationPermission);
  const a = attentionSummary(snapshot);
  const openNeedsAttention = () => {
    setScreen('queue');
    setQueueTab('needs_attention');
  };

  return (
    <div className="attention-summary">
      {a.total > 0 && (
        <span data-testid="attention-count" className="attention-parts">
          {a.printers > 0 && <span className="attention-error">{t('attention.printers', { count: a.printers })}</span>}
          {a.retrievals > 0 && <span className="attention-retrieval">{t('attention.retrievals', { count: a.retrievals })}</span>}
          {a.orders > 0 && (
            <button type="button" className="link attention-error" onClick={openNeedsAttention}>
              {t('attention.orders', { count: a.orders })}
            </button>
          )}
        </span>
      )}
      <label className="sound-toggle">
        <input type="checkbox" checked={soundOn} onChange={(e) => setSound(e.target.checked)} /> {t('attention.sound')}
      </label>
      {permission === 'default' && (
        <button type="button" className="link" onClick={() => void askNotificationPermission().then(setPermission)}>
          {t('attention.allowNotifications')}
        </button>
      )}
    </div>
  );
}
