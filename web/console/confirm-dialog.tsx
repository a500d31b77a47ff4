import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useTexts } from './i18n';

export interface ConfirmRequest {
  title: string;
  /** The text being decided on, so the moderator sees what Enter will act on. */
  quote?: string;
  withReason: boolean;
  /** Rules a moderator may name as broken; `ruleEmpty` labels naming none. */
  rules?: { id: string; label: string }[];
  ruleEmpty?: string;
  confirmLabel: string;
}

interface Props {
  request: ConfirmRequest | null;
  onConfirm: (reason: string, rule: string) => void;
  onCancel: () => void;
}

/**
 * The reason prompt: a modal <dialog>, so focus stays in it and Escape
 * cancels; the reason field has focus and Enter (the form's submit) confirms.
 */
export function ConfirmDialog({ request, onConfirm, onCancel }: Props) {
  const t = useTexts();
  const dialog = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLInputElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const [reason, setReason] = useState('');
  const [rule, setRule] = useState('');
  const titleId = useId();
  const hintId = useId();

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (request && !d.open) {
      setReason('');
      setRule('');
      d.showModal();
      (first.current ?? confirm.current)?.focus();
    } else if (!request && d.open) d.close();
  }, [request]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={hintId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {request && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onConfirm(reason.trim(), rule);
          }}
        >
          <h2 id={titleId}>{request.title}</h2>
          {request.quote && <p class="quote">“{request.quote}”</p>}
          {request.withReason && (
            <div class="field">
              <label for={`${titleId}-reason`}>{t.reasonField}</label>
              <input ref={first} id={`${titleId}-reason`} type="text" maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} autocomplete="off" />
            </div>
          )}
          {request.rules && (
            <div class="field">
              <label for={`${titleId}-rule`}>{t.ruleField}</label>
              <select id={`${titleId}-rule`} value={rule} onChange={(e) => setRule(e.currentTarget.value)}>
                <option value="">{request.ruleEmpty}</option>
                {request.rules.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <p class="hint" id={hintId}>
            {t.enterConfirms}
          </p>
          <div class="actions">
            <button ref={confirm} type="submit" class="primary">
              {request.confirmLabel}
            </button>
            <button type="button" onClick={onCancel}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
