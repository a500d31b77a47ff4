/**
 * The demo article page at /: a plain news page that embeds the widget with
 * the same two tags a newsroom uses, under a strict Content-Security-Policy
 * (no inline script or style anywhere). The headline is the seed page's; the
 * article text is written for this demo.
 */
export const DEMO_ARTICLE_ID = 'demo-2000-11-25-it-accord';

export type DemoLang = 'ko' | 'en';

/** Script and style from this server only; avatars may come from the providers (https). */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; font-src 'self'; " +
  "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function demoPage(lang: DemoLang): string {
  const other = lang === 'ko' ? { href: '/?lang=en', label: 'Comments in English' } : { href: '/?lang=ko', label: '한국어 댓글' };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>South Korea, Japan Sign Information Technology Accord · newsroom-comments demo</title>
<link rel="stylesheet" href="/demo.css">
<link rel="icon" href="data:,">
</head>
<body>
<header class="masthead"><a href="/" class="brand">The Demo Daily</a><nav aria-label="Sections"><a href="/">National</a> <a href="/">Politics</a></nav></header>
<main>
<article>
<p class="kicker">National &gt; Politics</p>
<h1>South Korea, Japan Sign Information Technology Accord</h1>
<p class="byline">By the demo desk · This page shows how a news site embeds the comment service</p>
<p>Seoul and Tokyo put their names on Saturday to a plan for closer work in information technology, covering online
commerce, exchanges of engineers and a joint push to bring fast internet to more homes in both countries.</p>
<p>Officials on both sides described the accord as a first step. Its working groups meet twice a year, and a business
forum is to report on what companies in each country need from the other before the next summit.</p>
<p>Trade negotiators, meanwhile, continue talks on a wider free trade agreement; farm products and labour rules are still
the points on which the two delegations disagree.</p>
<p class="note">The comments below are the newsroom-comments widget, embedded with two tags:
<code>&lt;div data-newsroom-comments data-article-id="${DEMO_ARTICLE_ID}" data-lang="${lang}"&gt;&lt;/div&gt;</code> and
<code>&lt;script src="/widget.js" async&gt;&lt;/script&gt;</code>. Log in through the sandbox providers (no password, nothing
leaves this machine). <a href="${other.href}" lang="${lang === 'ko' ? 'en' : 'ko'}">${other.label}</a>.</p>
</article>
<section class="comments" aria-label="${lang === 'ko' ? '독자 댓글' : 'Reader comments'}">
<div data-newsroom-comments data-article-id="${DEMO_ARTICLE_ID}" data-lang="${lang}"></div>
<script src="/widget.js" async></script>
</section>
</main>
<footer class="footer">newsroom-comments · <a href="/docs">API</a></footer>
</body></html>`;
}

export const DEMO_CSS = `*{box-sizing:border-box}
body{margin:0;font:17px/1.65 Georgia,"Times New Roman","Noto Serif CJK KR",serif;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}
.masthead{display:flex;flex-wrap:wrap;align-items:baseline;gap:1rem;padding:.75rem 1rem;border-bottom:3px solid #1b1b1b}
.brand{font-weight:700;font-size:1.4rem;color:#1b1b1b;text-decoration:none}
.masthead nav a{font:14px/1 system-ui,sans-serif;margin-right:.75rem}
main{max-width:42rem;margin:0 auto;padding:1rem}
.kicker{font:13px/1 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.06em;color:#555}
h1{font-size:1.9rem;line-height:1.2;margin:.4rem 0}
.byline{font:14px/1.4 system-ui,sans-serif;color:#555}
.note{font:14px/1.5 system-ui,sans-serif;background:#f4f4f0;border-left:3px solid #999;padding:.6rem .8rem}
code{font-size:12px;overflow-wrap:anywhere}
.comments{margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}
.footer{font:13px system-ui,sans-serif;color:#555;text-align:center;padding:2rem 1rem}
`;
