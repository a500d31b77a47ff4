const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The sandbox providers' consent page: a person picks a handle and a display name, then allows or cancels. */
export function consentPage(provider: 'Twitter' | 'Facebook', action: string, hidden: Record<string, string>): string {
  const fields = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sandbox ${provider} — not the real ${provider}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#222}
.card{border:1px solid #ccc;border-radius:10px;padding:1.25rem}label{display:block;margin:.6rem 0 .2rem}
input[type=text]{width:100%;box-sizing:border-box;font:inherit;padding:.35rem}button{font:inherit;padding:.4rem 1rem;margin:1rem .5rem 0 0}
.note{color:#a40;font-size:.9rem}</style></head><body><div class="card">
<h1>Sandbox ${provider}</h1><p class="note">This is the development sandbox, not the real ${provider}. Nothing leaves this machine.</p>
<p>newsroom-comments wants to know your name.</p>
<form method="post" action="${escape(action)}">${fields}
<label for="screen_name">Handle</label><input type="text" id="screen_name" name="screen_name" value="reader" required maxlength="40" pattern="[A-Za-z0-9_.\\-]+">
<label for="name">Display name</label><input type="text" id="name" name="name" value="Sandbox Reader" required maxlength="60">
<button type="submit" name="action" value="allow">Allow</button><button type="submit" name="action" value="deny" formnovalidate>Cancel</button>
</form></div></body></html>`;
}

/** The same handle is always the same provider account. */
export function stableAccountId(handle: string): string {
  let h = 1469598103934665603n;
  for (const byte of Buffer.from(handle.toLowerCase())) h = ((h ^ BigInt(byte)) * 1099511628211n) & 0xffffffffffffn;
  return (h + 100000000000n).toString();
}

export const HANDLE = /^[A-Za-z0-9_.-]{1,40}$/;
