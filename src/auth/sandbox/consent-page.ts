/** HTML-escapes text for element content and double- or single-quoted attributes. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);

export interface ConsentPageInput {
  provider: 'Twitter' | 'Facebook';
  /** Where the form posts: a path on the provider (no host, so it works however the page was reached). */
  action: string;
  hidden: Record<string, string>;
  /** Which application asks (consumer key or app id). */
  app: string;
  /** Where the person will be sent back (the callback's origin). */
  returnTo: string;
  /** What the application asks for, if anything beyond the public profile. */
  scope?: string;
  /** Values to start the form with. */
  prefill?: { screenName?: string; name?: string };
  /** A message shown above the form (e.g. the handle was not valid). */
  error?: string;
}

/**
 * The sandbox providers' consent page: self-contained (inline CSS, no external
 * assets, no script), everything escaped. A person picks a handle and a
 * display name, then allows or cancels.
 */
export function consentPage(input: ConsentPageInput): string {
  const { provider } = input;
  const fields = Object.entries(input.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  const accent = provider === 'Twitter' ? '#1d9bf0' : '#1877f2';
  const error = input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : '';
  const screenName = input.prefill?.screenName ?? 'reader';
  const name = input.prefill?.name ?? 'Sandbox Reader';
  const scope = input.scope ? `<li>Permissions asked: <code>${escapeHtml(input.scope)}</code></li>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>Sandbox ${provider} — not the real ${provider}</title>
<style>
*{box-sizing:border-box}body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f5f7;color:#1c1e21}
main{max-width:27rem;margin:3rem auto;padding:0 1rem}
.card{background:#fff;border:1px solid #dadde1;border-radius:12px;padding:1.5rem;box-shadow:0 1px 3px rgba(0,0,0,.06)}
h1{font-size:1.3rem;margin:0 0 .25rem;color:${accent}}
.banner{background:#fff4e5;border:1px solid #f0b35a;border-radius:8px;padding:.5rem .75rem;font-size:.9rem;margin:.75rem 0}
ul{padding-left:1.1rem;font-size:.9rem;color:#444}code{font-size:.85rem;word-break:break-all}
label{display:block;font-weight:600;margin:.8rem 0 .25rem}
input[type=text]{width:100%;font:inherit;padding:.45rem .6rem;border:1px solid #ccd0d5;border-radius:6px}
.hint{font-size:.8rem;color:#65676b;margin:.2rem 0 0}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}
button{font:inherit;font-weight:600;padding:.5rem 1.2rem;border-radius:999px;border:1px solid ${accent};cursor:pointer}
.error{background:#fdecea;border:1px solid #e0787a;border-radius:8px;padding:.5rem .75rem;font-size:.9rem}
button.allow{background:${accent};color:#fff}button.deny{background:#fff;color:${accent}}
</style></head>
<body><main><div class="card">
<h1>Sandbox ${provider}</h1>
<p class="banner">This is a development sandbox, <strong>not the real ${provider}</strong>. No password is asked and nothing leaves this machine.</p>
<p>An application wants to sign you in with your ${provider} identity.</p>
<ul><li>Application: <code>${escapeHtml(input.app)}</code></li><li>You will return to: <code>${escapeHtml(input.returnTo)}</code></li>${scope}</ul>
${error}
<form method="post" action="${escapeHtml(input.action)}">
${fields}
<label for="screen_name">Handle</label>
<input type="text" id="screen_name" name="screen_name" value="${escapeHtml(screenName)}" required maxlength="40" pattern="[A-Za-z0-9_.\\-]+" autocomplete="off">
<p class="hint">The same handle is always the same account: use it again to log in as the same person.</p>
<label for="name">Display name</label>
<input type="text" id="name" name="name" value="${escapeHtml(name)}" required maxlength="60" autocomplete="off">
<div class="actions"><button class="allow" type="submit" name="action" value="allow">Allow</button><button class="deny" type="submit" name="action" value="deny" formnovalidate>Cancel</button></div>
</form></div></main></body></html>`;
}

/**
 * The same handle is always the same provider account (case-insensitive):
 * a decimal id of `digits` digits (no leading zero) derived from the handle.
 * Twitter's are 19 digits like real snowflake ids, beyond 2^53, so a client
 * must read `id_str`, not the number.
 */
export function stableAccountId(namespace: string, handle: string, digits = 19): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(`${namespace}:${handle.toLowerCase()}`)) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  const low = 10n ** BigInt(digits - 1);
  return (low + (h % (9n * low))).toString();
}

/** A handle as the sandbox accepts it. */
export const HANDLE = /^[A-Za-z0-9_.-]{1,40}$/;

/** A display name as given, trimmed, control characters removed, at most 60 code points; the handle if empty. */
export function displayName(name: string | undefined, handle: string): string {
  const clean = [...(name ?? '').replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim()].slice(0, 60).join('').trim();
  return clean || handle;
}

/** A small initials avatar, so profiles have a picture without any external asset. */
export function avatarSvg(name: string, seed: string): string {
  const initials = [...name.trim()].filter((c) => /\p{L}|\p{N}/u.test(c)).slice(0, 2).join('').toUpperCase() || '?';
  let hue = 0;
  for (const c of seed) hue = (hue * 31 + c.charCodeAt(0)) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><rect width="96" height="96" rx="48" fill="hsl(${hue},55%,45%)"/><text x="48" y="60" font-family="system-ui,sans-serif" font-size="38" text-anchor="middle" fill="#fff">${escapeHtml(initials)}</text></svg>`;
}

/** A plain error page for a person who reached the consent page with a stale or broken link. */
export function errorPage(provider: 'Twitter' | 'Facebook', message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sandbox ${provider} — not the real ${provider}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:27rem;margin:3rem auto;padding:0 1rem;color:#1c1e21}</style></head>
<body><h1>Sandbox ${provider}</h1><p>${escapeHtml(message)}</p><p>Go back to the site and start the login again.</p></body></html>`;
}
