/**
 * The console's styles. The page's CSP allows style-src 'self' only, so no
 * <style> element or style attribute: a constructed stylesheet, adopted by
 * the document, is not subject to it and ships inside the bundle.
 */
const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif;color:#1b1f24;background:#f3f4f6}
a{color:#0b57d0}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
button,input,select,textarea{font:inherit;color:inherit}
button{cursor:pointer;border:1px solid #8a919c;background:#fff;border-radius:6px;padding:.3rem .75rem;min-height:2.25rem}
button:hover{background:#eef1f5}
button:disabled{cursor:not-allowed;opacity:.6}
button.primary{background:#0b57d0;border-color:#0b57d0;color:#fff}
button.primary:hover{background:#0a4ab0}
button.danger{border-color:#b3261e;color:#b3261e}
input,select,textarea{border:1px solid #8a919c;border-radius:6px;padding:.3rem .5rem;background:#fff;min-height:2.25rem;max-width:100%}
label{font-weight:600}
.wrap{max-width:78rem;margin:0 auto;padding:0 1rem}
header.top{background:#fff;border-bottom:1px solid #d5d9e0}
header.top .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding-top:.6rem;padding-bottom:.6rem}
header.top h1{font-size:1.25rem;margin:0;margin-right:auto}
.who{color:#4a515c;font-size:.9rem}
nav.tabs{display:flex;gap:.25rem;flex-wrap:wrap;margin:.75rem 0}
nav.tabs button{border-radius:999px}
nav.tabs button[aria-current=page]{background:#1b1f24;border-color:#1b1f24;color:#fff}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 16rem;gap:1rem;align-items:start}
@media (max-width:52rem){.layout{grid-template-columns:minmax(0,1fr)}}
.card{background:#fff;border:1px solid #d5d9e0;border-radius:10px;padding:1rem}
.filters{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem 1rem;margin-bottom:1rem}
.filters .field{display:flex;flex-direction:column;gap:.2rem}
.filters fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem}
.filters legend{font-weight:600;margin-bottom:.2rem;padding:0}
.chip{border-radius:999px}
.chip[aria-pressed=true]{background:#0b57d0;border-color:#0b57d0;color:#fff}
.badge{display:inline-block;font-size:.75rem;font-weight:700;border-radius:999px;padding:0 .45rem;background:#fde7c0;color:#5c3b00;margin-left:.3rem}
.status{min-height:1.5rem;margin:.25rem 0 .75rem;font-weight:600}
.status.error{color:#b3261e}
.live{font-size:.85rem;color:#4a515c;margin:0 0 .5rem}
ol.queue{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.75rem}
article.item{background:#fff;border:1px solid #d5d9e0;border-left:5px solid #d5d9e0;border-radius:10px;padding:.9rem 1rem}
article.item.selected{border-color:#0b57d0;border-left-color:#0b57d0;box-shadow:0 0 0 1px #0b57d0}
article.item.resolved{background:#f7f8fa;border-left-color:#8a919c}
article.item.fresh{border-left-color:#e8a317}
.item h3{font-size:1rem;margin:0 0 .35rem;display:flex;flex-wrap:wrap;gap:.25rem .6rem;align-items:baseline}
.meta{color:#4a515c;font-size:.85rem}
.pill{display:inline-block;font-size:.78rem;font-weight:700;border-radius:4px;padding:0 .4rem;background:#e8eaef;color:#1b1f24}
.pill.pending{background:#fff0c2;color:#5c3b00}
.pill.hidden{background:#f3e0ff;color:#4a1470}
.pill.deleted{background:#fde2e0;color:#7a1510}
.pill.published{background:#dff3e4;color:#0f5222}
blockquote.body{margin:.5rem 0;padding:.5rem .75rem;background:#f7f8fa;border-left:3px solid #8a919c;white-space:pre-wrap;overflow-wrap:anywhere}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.5rem 1rem;margin:.5rem 0}
.facts h4{font-size:.85rem;margin:0 0 .15rem;color:#1b1f24}
.facts ul{margin:0;padding-left:1.1rem;font-size:.9rem}
.facts p{margin:0;font-size:.9rem}
.toxicity mark{margin-right:.3em;padding:0 .15em;background:#fff3bf;color:#1b1f24}
code{font-size:.85em;background:#eef1f5;border-radius:3px;padding:0 .2rem;overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.6rem}
kbd{font:600 .8rem ui-monospace,SFMono-Regular,Menlo,monospace;border:1px solid #8a919c;border-bottom-width:2px;border-radius:4px;padding:0 .3rem;background:#fff;color:#1b1f24}
.outcome{margin:.5rem 0 0;font-weight:600}
.outcome.error{color:#b3261e}
.thread{margin:.5rem 0;font-size:.9rem}
.thread ol{margin:.25rem 0;padding-left:1.2rem}
.thread li.this{font-weight:700}
form.inline{margin-top:.6rem;padding:.75rem;border:1px solid #d5d9e0;border-radius:8px;background:#fafbfc;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
form.inline fieldset{border:0;padding:0;margin:0}
form.inline legend{font-weight:700;padding:0}
form.inline .field{display:flex;flex-direction:column;gap:.2rem;min-width:10rem;flex:1}
form.inline .field.small{flex:0 0 6rem;min-width:6rem}
.radios{display:flex;gap:.75rem;align-items:center}
.radios label{font-weight:400}
aside.help h2{font-size:1rem;margin:0 0 .5rem}
aside.help dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem .6rem;margin:0;font-size:.9rem}
aside.help dt{text-align:right}
aside.help dd{margin:0}
aside.help p{font-size:.85rem;color:#4a515c;margin:.6rem 0 0}
dialog{border:1px solid #8a919c;border-radius:10px;padding:1rem;width:min(32rem,calc(100vw - 2rem))}
dialog::backdrop{background:rgba(20,24,30,.45)}
dialog h2{font-size:1.1rem;margin:0 0 .6rem}
dialog .field{display:flex;flex-direction:column;gap:.25rem;margin-bottom:.6rem}
dialog .quote{margin:0 0 .6rem;font-size:.9rem;color:#4a515c;overflow-wrap:anywhere}
.hint{font-size:.85rem;color:#4a515c;margin:.25rem 0 .5rem}
table.audit{width:100%;border-collapse:collapse;font-size:.88rem}
table.audit th,table.audit td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #e1e4ea}
table.audit th{background:#f7f8fa}
@media (max-width:40rem){
  table.audit thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  table.audit tr{display:block;border-bottom:1px solid #d5d9e0;padding:.4rem 0}
  table.audit td{display:block;border:0;padding:.1rem .25rem}
  table.audit td::before{content:attr(data-label) ": ";font-weight:600}
}
.login{max-width:30rem;margin:3rem auto}
.login .actions a{display:inline-block;padding:.45rem 1rem;border-radius:999px;background:#0b57d0;color:#fff;text-decoration:none;font-weight:600}
.login .actions a:hover{background:#0a4ab0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.more{margin-top:1rem;text-align:center}
`;

export function adoptStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
