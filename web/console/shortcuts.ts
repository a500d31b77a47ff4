import { useEffect, useRef } from 'preact/hooks';
import type { Decision } from './types';

export type Command = { move: 1 | -1 } | { decide: Decision } | { thread: true } | { filter: true };

/** One key, one command; the page lists the same keys (i18n shortcutList). */
const KEYS: Record<string, Command> = {
  j: { move: 1 },
  k: { move: -1 },
  a: { decide: 'approve' },
  r: { decide: 'reject' },
  h: { decide: 'hide' },
  s: { decide: 'restore' },
  d: { decide: 'delete' },
  t: { thread: true },
  '/': { filter: true },
};

/** A key pressed in a field is text, not a command. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function commandFor(event: KeyboardEvent): Command | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  if (isTyping(event.target)) return null;
  return KEYS[event.key] ?? null;
}

/** Listens on the document while `active`; the latest `run` is always the one called. */
export function useShortcuts(active: boolean, run: (command: Command) => void): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      // A modal dialog owns the keyboard while it is open.
      if (document.querySelector('dialog[open]')) return;
      const command = commandFor(event);
      if (!command) return;
      event.preventDefault();
      latest.current(command);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active]);
}
