/** Outcomes of the operator's commands and what the station calls a person for, briefly, in the corner. */
import { useStation } from '../storeContext';
import './Toasts.css';

export function Toasts() {
  const toasts = useStation((s) => s.toasts);
  const dismiss = useStation((s) => s.dismissToast);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.tone}`}
          data-tone={t.tone}
          role={t.tone === 'error' ? 'alert' : 'status'}
          onClick={() => dismiss(t.id)}
        >
          {t.text}
        </div>
      ))}
    </div>
  );
}
