/**
 * The confirmation every destructive action goes through: says what will happen, asks for a reason (kept in the
 * order's history) and, when the station has one, the operator PIN.
 */
import { useState, type FormEvent } from 'react';
import { useStation } from '../storeContext';
import { useDialogFocus } from '../useDialogFocus';

export interface ActionDialogProps {
  title: string;
  description: string;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  askReason?: boolean;
  onConfirm(input: { reason: string; pin?: string }): Promise<boolean>;
  onClose(): void;
}

export function ActionDialog({
  title,
  description,
  confirmLabel,
  tone = 'danger',
  askReason = true,
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
  const dialogRef = useDialogFocus<HTMLFormElement>(onClose);
  // The history says who did it: ask once when nobody has said who is at the station.
  const canSubmit = !busy && (!askReason || reason.trim().length > 0) && (knownName !== '' || name.trim() !== '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) return;
    if (!knownName) setOperatorName(name.trim());
    setBusy(true);
    const done = await onConfirm({ reason: reason.trim(), pin: pin || undefined });
    setBusy(false);
    if (done) onClose();
    else setPin('');
  };

  return (
    <div className="dialog-backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form ref={dialogRef} tabIndex={-1} className="dialog" role="dialog" aria-modal="true" aria-label={title} onSubmit={submit}>
        <h2>{title}</h2>
        <p>{description}</p>
        {!knownName && (
          <label>
            Your name (kept with what you do here)
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
          </label>
        )}
        {askReason && (
          <label>
            Reason (kept in the order's history)
            <textarea autoFocus value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} />
          </label>
        )}
        {pinSet && (
          <label>
            Operator PIN
            <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
          </label>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Back
          </button>
          <button type="submit" className={tone} disabled={!canSubmit}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
