export interface ConsentChoice {
  action: 'allow' | 'deny';
  /** The handle typed at the provider; the same handle is the same provider account. Default "reader". */
  screenName?: string;
  /** The display name typed at the provider. Default: the handle. */
  name?: string;
}

/**
 * Acts like the person at a sandbox provider's consent page: fetches the page
 * the app sent them to (the app's 302 Location), reads its form, submits
 * Allow or Cancel, and returns where the provider redirects (the app's
 * callback URL with its query). Throws with the provider's answer when there
 * is no page or no redirect.
 */
export async function consent(authorizeUrl: string, choice: ConsentChoice): Promise<string> {
  const { action, fields } = await readConsentForm(authorizeUrl);
  fields.set('screen_name', choice.screenName ?? 'reader');
  fields.set('name', choice.name ?? choice.screenName ?? 'reader');
  fields.set('action', choice.action);
  const answer = await fetch(action, { method: 'POST', body: fields, redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`consent answered ${answer.status}: ${await answer.text()}`);
  return new URL(location, action).toString();
}

/** The consent page's form: its absolute action URL and its hidden fields. */
export async function readConsentForm(authorizeUrl: string): Promise<{ action: string; fields: URLSearchParams; html: string }> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${html.slice(0, 500)}`);
  const form = /<form\b([^>]*)>/i.exec(html);
  const target = form && attribute(form[1], 'action');
  if (target === null || target === undefined) throw new Error('no consent form on the page');
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input\b([^>]*)>/gi)) {
    if ((attribute(m[1], 'type') ?? '').toLowerCase() !== 'hidden') continue;
    const name = attribute(m[1], 'name');
    if (name) fields.append(name, attribute(m[1], 'value') ?? '');
  }
  return { action: new URL(target, authorizeUrl).toString(), fields, html };
}

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(attrs);
  return m ? unescapeHtml(m[1] ?? m[2]) : undefined;
}

function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#96);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`' })[e]!);
}
