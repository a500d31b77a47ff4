import { useEffect, useRef, useState } from 'preact/hooks';
import { countCharacters, LIMITS } from '../../src/policy/length';
import type { Told } from './errors';
import type { Texts } from './texts';

let ids = 0;
export const nextId = (prefix: string) => `${prefix}-${++ids}`;

const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export interface ComposerProps {
  t: Texts;
  label: string;
  /** Show the label on screen (the main box) or to assistive technology only (reply and edit boxes sit under what they answer). */
  showLabel?: boolean;
  initial?: string;
  submitLabel: string;
  /** Null when it went through (the box empties); what to tell the reader otherwise. */
  onSubmit: (text: string) => Promise<Told | null>;
  onCancel?: () => void;
  onPolicy: (e: Event) => void;
  autoFocus?: boolean;
  /** The reader cannot post at all right now (a suspension, said above the box); the box stays readable. */
  blocked?: boolean;
}

/**
 * A comment box: the live count exactly as the server counts (the server's
 * own src/policy/length.ts), red and unpostable past the limit, Ctrl/Cmd+Enter
 * to post, refusals and waits said in words and announced.
 */
export function Composer(p: ComposerProps) {
  const { t } = p;
  const [text, setText] = useState(p.initial ?? '');
  const [busy, setBusy] = useState(false);
  const [told, setTold] = useState<Told | null>(null);
  const [until, setUntil] = useState(0);
  const [, tick] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const [id] = useState(() => nextId('box'));

  useEffect(() => {
    if (p.autoFocus) area.current?.focus();
  }, []);
  const waiting = Math.max(0, Math.ceil((until - Date.now()) / 1000));
  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => {
      tick((n) => n + 1);
      if (Date.now() >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);

  const count = countCharacters(text);
  const max = LIMITS.maxLength;
  const over = count > max;
  const canPost = !busy && !over && count > 0 && waiting === 0 && !p.blocked;

  const submit = async () => {
    if (!canPost) return;
    setBusy(true);
    setTold(null);
    try {
      const result = await p.onSubmit(text);
      setTold(result);
      setUntil(result?.wait ? Date.now() + result.wait * 1000 : 0);
      if (!result) setText('');
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && p.onCancel) {
      e.preventDefault();
      p.onCancel();
    }
  };

  const left = max - count;
  const spoken = over ? t.overLimit(count - max, max) : left <= 10 ? t.nearLimit(left) : '';

  return (
    <div class="composer">
      <label for={`${id}-text`} class={p.showLabel ? 'label' : 'sr-only'}>
        {p.label}
      </label>
      <textarea
        id={`${id}-text`}
        ref={area}
        value={text}
        rows={3}
        placeholder={t.placeholder}
        aria-describedby={`${id}-count ${id}-hint`}
        aria-invalid={over}
        disabled={p.blocked}
        onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={onKeyDown}
      />
      <div class="composer-bar">
        <p class="policy-line">
          <button type="button" class="link" onClick={p.onPolicy}>
            {t.policy}
          </button>{' '}
          <span id={`${id}-count`} class={over ? 'count over' : 'count'}>
            <span aria-hidden="true">{t.counter(count, max)}</span>
            <span class="sr-only">{t.counterLabel(count, max)}</span>
          </span>
        </p>
        <div class="actions">
          <span id={`${id}-hint`} class="hint">
            {t.shortcut(isMac)}
          </span>
          {p.onCancel && (
            <button type="button" class="secondary" onClick={p.onCancel}>
              {t.cancel}
            </button>
          )}
          <button type="button" class="primary" disabled={!canPost} aria-disabled={!canPost} onClick={() => void submit()}>
            {p.submitLabel}
          </button>
        </div>
      </div>
      <p class="sr-only" aria-live="polite">
        {spoken}
      </p>
      <div role="alert" class="told">
        {told?.lines.map((line, i) => (
          <p class={i === 0 ? 'error' : 'error more'}>{line}</p>
        ))}
      </div>
      {until > 0 && told && <p class="wait">{waiting > 0 ? t.waitLeft(waiting) : t.waitOver}</p>}
    </div>
  );
}
