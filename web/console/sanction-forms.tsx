import { useId, useState } from 'preact/hooks';
import { api } from './api';
import { errorText, formatTime, isPermanent } from './format';
import { useTexts } from './i18n';

export interface Outcome {
  text: string;
  error?: boolean;
}

interface SanctionProps {
  userId: string;
  /** A sentence for the page, and the sanction when one was applied. */
  onDone: (outcome: Outcome, applied?: { until: string | null; reason: string }) => void;
}

/** Suspends for some days or bans, with the reason the reader will see. */
export function SanctionForm({ userId, onDone }: SanctionProps) {
  const t = useTexts();
  const id = useId();
  const [type, setType] = useState<'suspend' | 'ban'>('suspend');
  const [days, setDays] = useState('7');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = { type, reason: reason.trim(), ...(type === 'suspend' ? { days: Number(days) } : {}) };
      const s = await api<{ until: string | null; reason: string }>('POST', `/moderation/users/${userId}/sanctions`, body);
      const permanent = !s.until || isPermanent(s.until);
      onDone({ text: t.sanctioned(permanent ? null : formatTime(s.until!, t)) }, s);
    } catch (error) {
      onDone({ text: errorText(error, t), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="inline" onSubmit={submit} aria-labelledby={`${id}-legend`}>
      <fieldset>
        <legend id={`${id}-legend`}>{t.sanctionLegend}</legend>
        <div class="radios">
          <label>
            <input type="radio" name={`${id}-type`} value="suspend" checked={type === 'suspend'} onChange={() => setType('suspend')} /> {t.suspend}
          </label>
          <label>
            <input type="radio" name={`${id}-type`} value="ban" checked={type === 'ban'} onChange={() => setType('ban')} /> {t.ban}
          </label>
        </div>
      </fieldset>
      {type === 'suspend' && (
        <div class="field small">
          <label for={`${id}-days`}>{t.days}</label>
          <input id={`${id}-days`} type="number" min={1} max={3650} required value={days} onInput={(e) => setDays(e.currentTarget.value)} />
        </div>
      )}
      <div class="field">
        <label for={`${id}-reason`}>{t.sanctionReason}</label>
        <input id={`${id}-reason`} type="text" required maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} autocomplete="off" />
      </div>
      <button type="submit" class="primary" disabled={busy}>
        {t.applySanction}
      </button>
    </form>
  );
}

interface LiftProps {
  userId: string;
  onDone: (outcome: Outcome, lifted: boolean) => void;
}

/** Lifts the suspension or ban in force. */
export function LiftForm({ userId, onDone }: LiftProps) {
  const t = useTexts();
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('DELETE', `/moderation/users/${userId}/sanctions`, reason.trim() ? { reason: reason.trim() } : {});
      onDone({ text: t.lifted }, true);
    } catch (error) {
      onDone({ text: errorText(error, t), error: true }, false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="inline" onSubmit={submit}>
      <div class="field">
        <label for={`${id}-reason`}>{t.liftReason}</label>
        <input id={`${id}-reason`} type="text" maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} autocomplete="off" />
      </div>
      <button type="submit" disabled={busy}>
        {t.lift}
      </button>
    </form>
  );
}
