/**
 * Acts like the person at a provider's consent page: fetches the page the app
 * sent them to, reads its form, submits Allow or Cancel, and returns where the
 * provider redirects (the app's callback with its query).
 */
export async function consent(authorizeUrl: string, choice: { action: 'allow' | 'deny'; screenName?: string; name?: string }): Promise<string> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const text = await page.text();
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${text}`);
  const action = /<form method="post" action="([^"]+)"/.exec(text)?.[1];
  if (!action) throw new Error('no consent form on the page');
  const fields = new URLSearchParams();
  for (const m of text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(unescape(m[1]), unescape(m[2]));
  fields.set('screen_name', choice.screenName ?? 'reader');
  fields.set('name', choice.name ?? choice.screenName ?? 'Reader');
  fields.set('action', choice.action);
  const answer = await fetch(unescape(action), { method: 'POST', body: fields, redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`consent answered ${answer.status}: ${await answer.text()}`);
  return location;
}

function unescape(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
