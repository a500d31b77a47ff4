import { render } from 'preact';
import { serviceBase } from '../shared/boot';
import { Client } from './client';
import { applyStyles } from './styles';
import { pickLang } from './texts';
import { Widget } from './widget';

/**
 * Every `<div data-newsroom-comments data-article-id="…" data-lang="ko|en">`
 * on the page gets a widget in its own shadow root, so the page's styles and
 * the widget's cannot reach each other. `__newsroomComments.mount()` looks
 * again, for pages that add the element later.
 */
const base = serviceBase();

function mount(host: HTMLElement): void {
  const articleId = host.dataset.articleId;
  if (host.shadowRoot || !articleId) return;
  const root = host.attachShadow({ mode: 'open' });
  applyStyles(root);
  const lang = pickLang(host.dataset.lang);
  render(<Widget client={new Client(base, articleId, lang)} lang={lang} />, root);
}

function mountAll(): void {
  document.querySelectorAll<HTMLElement>('[data-newsroom-comments]').forEach(mount);
}

const global = window as unknown as { __newsroomComments?: { base?: string; mount?: () => void } };
global.__newsroomComments = { ...global.__newsroomComments, mount: mountAll };
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
else mountAll();
