import { useId, useState } from 'preact/hooks';
import { api } from './api';
import { errorText } from './format';
import { useTexts } from './i18n';
import { LiftForm, SanctionForm, type Outcome } from './sanction-forms';
import type { Role, User } from './types';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/**
 * Sanctions (and, for admins, roles) for one reader by id: for people no
 * longer in the queue, e.g. to lift a suspension on appeal.
 */
export function People({ me }: { me: User }) {
  const t = useTexts();
  const id = useId();
  const [userId, setUserId] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const valid = new RegExp(`^${UUID}$`).test(userId.trim());
  const target = userId.trim();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t.tabs.people}</h2>
      <p class="hint">{t.peopleIntro}</p>
      <div class="filters">
        <div class="field">
          <label for={`${id}-user`}>{t.userId}</label>
          <input id={`${id}-user`} type="text" size={38} pattern={UUID} value={userId} onInput={(e) => setUserId(e.currentTarget.value)} autocomplete="off" />
        </div>
      </div>
      {valid && (
        <>
          <SanctionForm userId={target} onDone={setOutcome} />
          <LiftForm userId={target} onDone={setOutcome} />
          {me.role === 'admin' && <RoleForm userId={target} onDone={setOutcome} />}
        </>
      )}
      <p class={outcome?.error ? 'outcome error' : 'outcome'} role="status">
        {outcome?.text}
      </p>
    </section>
  );
}

function RoleForm({ userId, onDone }: { userId: string; onDone: (o: Outcome) => void }) {
  const t = useTexts();
  const id = useId();
  const [role, setRole] = useState<Role>('moderator');
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const done = await api<{ role: Role }>('PUT', `/moderation/users/${userId}/role`, { role });
      onDone({ text: t.roleSet(t.roles[done.role]) });
    } catch (error) {
      onDone({ text: errorText(error, t), error: true });
    }
  };
  return (
    <form class="inline" onSubmit={submit}>
      <div class="field">
        <label for={`${id}-role`}>{t.role}</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {(['reader', 'moderator', 'admin'] as Role[]).map((r) => (
            <option key={r} value={r}>
              {t.roles[r]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t.setRole}</button>
    </form>
  );
}
