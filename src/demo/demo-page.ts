/**
 * The demo article page. Everything dynamic goes through the public API with
 * the session cookie and the CSRF token, exactly as an embedding news site would.
 */
export const DEMO_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>newsroom-comments demo</title>
<style>
  body{font:16px/1.55 system-ui,-apple-system,"Apple SD Gothic Neo","Malgun Gothic",sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}
  h1{font-size:1.5rem;line-height:1.25}.muted{color:#666;font-size:.9rem}
  .box{border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1.5rem 0}
  button,a.btn{font:inherit;padding:.4rem .8rem;border-radius:6px;border:1px solid #999;background:#f6f6f6;cursor:pointer;text-decoration:none;color:#222;margin-right:.4rem}
  textarea{width:100%;box-sizing:border-box;font:inherit;min-height:5rem}
  .count{float:right}.over{color:#b00}.err{color:#b00}
  .c{border-top:1px solid #eee;padding:.6rem 0}.c .who{font-weight:600}.c .meta{color:#777;font-size:.85rem}
  .reply{margin-left:1.5rem}
</style></head>
<body>
<p class="muted">National &gt; Politics — demo article (the text is ours, the headline is the newspaper's)</p>
<h1>South Korea, Japan Sign Information Technology Accord</h1>
<p>The two leaders agreed to work together on online business and to exchange IT engineers. This page exists to try the
comment service: log in through the sandbox providers, post a comment, agree or disagree.</p>
<div class="box" id="auth"></div>
<div class="box" id="compose" hidden>
  <textarea id="body" placeholder="Write a comment (Standards Board Policy applies)"></textarea>
  <div><span class="count" id="count">0/250자</span><button id="send">Post</button> <a href="/policy" class="muted">Standards Board Policy</a></div>
  <p class="err" id="error"></p>
</div>
<div id="list"></div>
<script>
const ARTICLE = 'demo-2000-11-25-it-accord';
let me = null, csrf = null;
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
// The same count as the server: NFC, trimmed, extended grapheme clusters.
const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const count = (t) => [...seg.segment(t.normalize('NFC').trim())].length;
async function api(method, path, body) {
  const headers = { 'Accept-Language': navigator.language };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) throw Object.assign(new Error(data.error.message), { data });
  return data;
}
async function loadAuth() {
  try { const r = await api('GET', '/auth/me'); me = r.user; csrf = r.csrfToken; } catch { me = null; csrf = null; }
  const q = new URLSearchParams(location.search);
  if (me) {
    $('auth').innerHTML = 'Logged in as <strong>' + esc(me.displayName) + '</strong> (' + esc(me.providers.join(', ')) + ', ' + esc(me.role) + ') <button id="logout">Log out</button> <a href="/auth/me">/auth/me</a>';
    $('logout').onclick = async () => { await api('POST', '/auth/logout'); location.href = '/'; };
  } else {
    const { providers } = await api('GET', '/auth/providers');
    $('auth').innerHTML = (q.get('authError') ? '<p class="err">Login did not complete (' + esc(q.get('authError')) + ').</p>' : '') +
      'Log in to Twitter or Facebook account to connect: ' +
      providers.map((p) => '<a class="btn" href="' + esc(p.loginUrl) + '?returnTo=/">' + esc(p.name) + '</a>').join('') +
      (providers.length ? '' : '<em>no provider is configured</em>');
  }
  $('compose').hidden = !me;
}
function render(c, isReply) {
  const who = c.author ? esc(c.author.displayName) : '<em>deleted</em>';
  const notice = c.notice ? ' <span class="muted">(' + esc(c.notice) + ')</span>' : '';
  const react = me && c.status === 'published' ? ' <button data-r="agree" data-id="' + c.id + '">👍 ' + c.agreeCount + '</button><button data-r="disagree" data-id="' + c.id + '">👎 ' + c.disagreeCount + '</button>'
    : ' <span class="meta">👍 ' + c.agreeCount + ' 👎 ' + c.disagreeCount + '</span>';
  return '<div class="c' + (isReply ? ' reply' : '') + '"><span class="who">' + who + '</span>' + notice + ' <span class="meta">' + new Date(c.createdAt).toLocaleString() + '</span><div>' + esc(c.body) + '</div>' + react + '</div>';
}
async function loadList() {
  const page = await api('GET', '/articles/' + ARTICLE + '/comments?limit=50');
  let html = '<p class="muted">' + page.total + (page.total === 1 ? ' comment' : ' comments') + '</p>';
  for (const c of page.items) {
    html += render(c, false);
    if (c.replyCount) { const r = await api('GET', '/comments/' + c.id + '/replies'); html += r.items.map((x) => render(x, true)).join(''); }
  }
  $('list').innerHTML = html;
  document.querySelectorAll('button[data-r]').forEach((b) => b.onclick = async () => { await api('PUT', '/comments/' + b.dataset.id + '/reaction', { value: b.dataset.r }).catch((e) => alert(e.message)); loadList(); });
}
$('body').oninput = () => { const n = count($('body').value); $('count').textContent = n + '/250자'; $('count').className = 'count' + (n > 250 ? ' over' : ''); };
$('send').onclick = async () => {
  $('error').textContent = '';
  try { await api('POST', '/articles/' + ARTICLE + '/comments', { body: $('body').value }); $('body').value = ''; $('body').oninput(); loadList(); }
  catch (e) { $('error').textContent = e.message; }
};
loadAuth().then(loadList);
const events = new EventSource('/articles/' + ARTICLE + '/events');
['comment.created', 'comment.updated', 'comment.deleted'].forEach((t) => events.addEventListener(t, () => loadList()));
</script>
</body></html>`;
