import { render } from 'preact';
import { serviceBase } from '../shared/boot';

/** Every `<div data-newsroom-comments data-article-id="…">` on the page gets a widget in its own shadow root. */
function mount(host: HTMLElement): void {
  if (host.shadowRoot) return;
  const root = host.attachShadow({ mode: 'open' });
  render(<p>Comments for {host.dataset.articleId} ({serviceBase()})</p>, root);
}

document.querySelectorAll<HTMLElement>('[data-newsroom-comments]').forEach(mount);
