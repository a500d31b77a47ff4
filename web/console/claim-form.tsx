import { useId, useState } from 'preact/hooks';
import { api } from './api';
import { errorText, formatTime } from './format';
import { useTexts } from './i18n';
import type { Outcome } from './sanction-forms';
import type { Claim, Comment } from './types';

interface Props {
  commentId: string;
  onDone: (outcome: Outcome, opened?: { claim: Claim; comment: Comment }) => void;
}

/** A rights-infringement claim (임시조치): the comment is hidden for the policy's claim period. */
export function ClaimForm({ commentId, onDone }: Props) {
  const t = useTexts();
  const id = useId();
  const [claimant, setClaimant] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const opened = await api<{ claim: Claim; comment: Comment }>('POST', `/moderation/comments/${commentId}/claims`, { claimant: claimant.trim(), reason: reason.trim() });
      onDone({ text: t.claimOpened(formatTime(opened.claim.hiddenUntil, t)) }, opened);
    } catch (error) {
      onDone({ text: errorText(error, t), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="inline" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <strong>{t.openClaimLegend}</strong>
      </p>
      <div class="field">
        <label for={`${id}-claimant`}>{t.claimant}</label>
        <input id={`${id}-claimant`} type="text" required maxLength={200} value={claimant} onInput={(e) => setClaimant(e.currentTarget.value)} autocomplete="off" />
      </div>
      <div class="field">
        <label for={`${id}-reason`}>{t.claimReason}</label>
        <input id={`${id}-reason`} type="text" required maxLength={2000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} autocomplete="off" />
      </div>
      <button type="submit" class="primary" disabled={busy}>
        {t.claimSubmit}
      </button>
    </form>
  );
}
