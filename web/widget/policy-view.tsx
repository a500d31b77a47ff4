import { useEffect, useRef, useState } from 'preact/hooks';
import type { Client } from './client';
import { loadPolicy } from './errors';
import type { Lang, Texts } from './texts';
import type { Policy } from './types';

const GROUPS = ['reject', 'hold', 'limit'] as const;

/**
 * The Standards Board Policy from GET /policy, as a page the reader reads
 * without leaving the article: rules grouped by what happens to a comment,
 * then the sanctions. Focus moves to its heading and back to where the
 * reader was when they return.
 */
export function PolicyView({ client, t, lang, onBack }: { client: Client; t: Texts; lang: Lang; onBack: () => void }) {
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [failed, setFailed] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    loadPolicy(client).then(setPolicy, () => setFailed(true));
  }, []);

  return (
    <section class="policy" aria-labelledby="policy-title" onKeyDown={(e) => e.key === 'Escape' && onBack()}>
      <button type="button" class="secondary back" onClick={onBack}>
        ← {t.back}
      </button>
      <h2 id="policy-title" tabIndex={-1} ref={heading}>
        {t.policyTitle}
      </h2>
      {failed && (
        <p role="alert" class="error">
          {t.policyLoadFailed}
        </p>
      )}
      {!policy && !failed && <p class="muted">{t.loading}</p>}
      {policy && (
        <>
          <p class="muted">{t.policyVersion(policy.version)}</p>
          <p>{t.policyIntro(policy.maxLength)}</p>
          {GROUPS.map((action) => {
            const rules = policy.rules.filter((r) => r.action === action);
            return rules.length ? (
              <section class="rule-group">
                <h3>{t.policyGroups[action]}</h3>
                <dl>
                  {rules.map((r) => (
                    <div class="rule" data-rule={r.id}>
                      <dt>{r.title[lang]}</dt>
                      <dd>{r.description[lang]}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ) : null;
          })}
          <section class="rule-group">
            <h3>{t.sanctionsTitle}</h3>
            <p>{t.sanctionsIntro}</p>
            <ol class="ladder">
              {policy.sanctions.strikeLadder.map((step, i) => (
                <li>
                  {t.strike(i + 1)}: {step.kind === 'warning' ? t.warning : step.kind === 'ban' ? t.ban : t.suspendDays(step.days ?? 1)}
                </li>
              ))}
            </ol>
            <p>{t.ladderAfter}</p>
            <p>{t.claims(policy.sanctions.claimHideDays)}</p>
          </section>
          <button type="button" class="secondary back" onClick={onBack}>
            ← {t.back}
          </button>
        </>
      )}
    </section>
  );
}
