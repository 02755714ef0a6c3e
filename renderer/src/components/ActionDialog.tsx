/**
 * The confirmation every destructive action goes through: says what will happen, asks for a reason (kept in the
 * order's history) and, when the station has one and the action needs it, the operator PIN. The confirm button
 * names the action ("Cancel order", never a bare "Cancel" beside "Back"); while it cannot be pressed, the dialog
 * says why; a refusal (a wrong PIN and the attempts left) is shown in the dialog, where the operator is looking.
 */
import { useState, type FormEvent } from 'react';
import { t } from '../i18n';
import { useStation } from '../storeContext';
import { useDialogFocus } from '../useDialogFocus';
import './ActionDialog.css';

/** What a confirmation may answer: done (true), not done (false), or a command's result with its reason. */
export type ConfirmOutcome = boolean | { ok: true } | { ok: false; reason: string };

export interface ActionDialogProps {
  title: string;
  description: string;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  askReason?: boolean;
  /** Whether the action is PIN-guarded (when the station has a PIN); default yes. */
  needsPin?: boolean;
  onConfirm(input: { reason: string; pin?: string }): Promise<ConfirmOutcome>;
  onClose(): void;
}

export function ActionDialog({
  title,
  description,
  confirmLabel,
  tone = 'danger',
  askReason = true,
  needsPin = true,
  onConfirm,
  onClose,
}: ActionDialogProps) {
  const pinSet = useStation((s) => s.settings?.settings.pinSet ?? false);
  const knownName = useStation((s) => s.operatorName.trim() || s.settings?.settings.operatorName || '');
  const setOperatorName = useStation((s) => s.setOperatorName);
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState('');
  const dialogRef = useDialogFocus<HTMLFormElement>(onClose);
  const askPin = pinSet && needsPin;
  // The history says who did it: ask once when nobody has said who is at the station.
  const missing =
    knownName === '' && name.trim() === ''
      ? t('dialog.needName')
      : askReason && reason.trim() === ''
        ? t('dialog.needReason')
        : askPin && pin === ''
          ? t('dialog.needPin')
          : undefined;
  const canSubmit = !busy && missing === undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) return;
    if (!knownName) setOperatorName(name.trim());
    setBusy(true);
    setRefusal('');
    const outcome = await onConfirm({ reason: reason.trim(), pin: askPin ? pin : undefined });
    setBusy(false);
    const done = typeof outcome === 'boolean' ? outcome : outcome.ok;
    if (done) return onClose();
    if (typeof outcome !== 'boolean' && !outcome.ok) setRefusal(outcome.reason);
    setPin('');
  };

  return (
    <div className="dialog-backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form ref={dialogRef} tabIndex={-1} className="dialog" role="dialog" aria-modal="true" aria-label={title} onSubmit={submit}>
        <h2>{title}</h2>
        <p>{description}</p>
        {!knownName && (
          <label>
            {t('dialog.yourName')}
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
          </label>
        )}
        {askReason && (
          <label>
            {t('dialog.reason')}
            <textarea autoFocus value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} />
          </label>
        )}
        {askPin && (
          <label>
            {t('dialog.pin')}
            <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
          </label>
        )}
        {refusal && (
          <p className="dialog-refusal" role="alert">
            {refusal}
          </p>
        )}
        {missing && !busy && (
          <p className="dialog-why muted" id="action-dialog-why">
            {missing}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            {t('dialog.back')}
          </button>
          <button type="submit" className={tone} disabled={!canSubmit} aria-describedby={missing ? 'action-dialog-why' : undefined}>
            {busy ? t('dialog.working') : confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
