/**
 * The widget's styles, inside its shadow root: `all: initial` on the host
 * keeps the news site's inherited fonts and colours out, and the shadow root
 * keeps these rules in. Applied as a constructable stylesheet, which a strict
 * Content-Security-Policy (no 'unsafe-inline') allows where a <style> element
 * would be refused.
 */
const CSS = `
:host{all:initial;display:block;contain:content;color:#1f1f1f;background:#fff;font:15px/1.55 system-ui,-apple-system,"Segoe UI","Apple SD Gothic Neo","Malgun Gothic","Noto Sans CJK KR","Noto Sans KR",sans-serif;text-align:left;word-break:keep-all;overflow-wrap:anywhere}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.widget{max-width:100%}
h2{font-size:1.2rem;margin:0 0 .75rem;line-height:1.3}
h3{font-size:1rem;margin:1.25rem 0 .5rem}
p{margin:.35rem 0}
ul,ol{margin:0;padding:0}
.list,.replies{list-style:none}
button,input,textarea,select{font:inherit;color:inherit}
button{cursor:pointer;border-radius:6px;padding:.4rem .8rem;border:1px solid #767676;background:#fff;min-height:2.25rem}
button:disabled{cursor:not-allowed;opacity:.55}
button:focus-visible,textarea:focus-visible,input:focus-visible,h2:focus-visible{outline:3px solid #1a56db;outline-offset:2px}
.primary{background:#1a56db;border-color:#1a56db;color:#fff;font-weight:600}
.secondary{background:#f3f4f6;border-color:#9ca3af}
.danger{background:#b42318;border-color:#b42318;color:#fff;font-weight:600}
.link{border:0;background:none;padding:.25rem .35rem;min-height:0;color:#1a56db;text-decoration:underline;text-underline-offset:2px}
.muted,.hint{color:#595959;font-size:.875rem}
.error{color:#b42318;font-weight:500}
.error.more{font-weight:400}
.notice{background:#fff8e6;border:1px solid #e5b94e;border-radius:6px;padding:.45rem .65rem;font-size:.9rem}
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.label{display:block;font-weight:600;margin:0 0 .3rem}
.connect,.account{border:1px solid #d0d5dd;border-radius:10px;padding:.85rem;margin:0 0 1rem;background:#fafafa}
.connect-title{font-weight:600;margin-top:0}
.providers{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.provider{font-weight:600;color:#fff}
.provider.twitter{background:#0f6ab4;border-color:#0f6ab4}
.provider.facebook{background:#1458c8;border-color:#1458c8}
.help{font-size:.9rem;color:#333;background:#fff;border-left:3px solid #d0d5dd;padding:.25rem .6rem}
.locked{color:#333}
.lock{vertical-align:-1px}
.policy-line{margin:.25rem 0;font-size:.9rem}
.policy-line .link{padding-left:0}
.count{color:#595959;white-space:nowrap}
.count.over{color:#b42318;font-weight:700}
.me{display:flex;align-items:center;gap:.5rem;flex-wrap:wrap;margin-bottom:.6rem}
.me .logout{margin-left:auto}
.avatar{width:32px;height:32px;border-radius:50%;flex:none;object-fit:cover;background:#e5e7eb}
.avatar.blank{display:inline-block}
textarea{display:block;width:100%;min-height:5.5rem;resize:vertical;padding:.5rem .6rem;border:1px solid #767676;border-radius:6px;background:#fff}
textarea[aria-invalid=true]{border-color:#b42318}
.composer-bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.35rem .75rem;margin-top:.35rem}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin-left:auto}
.told:empty{display:none}
.wait{font-variant-numeric:tabular-nums;color:#333;font-size:.9rem}
.toolbar{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;margin:.5rem 0}
.sorts{display:flex;flex-wrap:wrap;gap:.35rem}
.sort{min-height:2rem;padding:.25rem .7rem;border-radius:999px;background:#fff;border-color:#9ca3af}
.sort[aria-pressed=true]{background:#1f2937;border-color:#1f2937;color:#fff}
.fresh{display:block;width:100%;margin:.5rem 0;background:#eef4ff;border-color:#1a56db;color:#123a9c;font-weight:600}
.thread{border-top:1px solid #e5e7eb;padding:.75rem 0}
.comment .meta{display:flex;align-items:center;flex-wrap:wrap;gap:.25rem .5rem;font-size:.875rem;color:#595959}
.comment .name{font-weight:700;color:#1f1f1f}
.badge{font-size:.75rem;background:#e8eefc;color:#123a9c;border-radius:999px;padding:0 .45rem}
.comment .body{white-space:pre-wrap;margin:.35rem 0 .25rem}
.comment.unpublished .body{color:#4b5563}
.placeholder{color:#595959;font-style:italic}
.tools{display:flex;flex-wrap:wrap;align-items:center;gap:.35rem;font-size:.875rem}
.react{min-height:2rem;padding:.2rem .65rem;border-radius:999px;background:#fff;border-color:#9ca3af}
.react[aria-pressed=true]{background:#1a56db;border-color:#1a56db;color:#fff}
.counts{display:inline-flex;gap:.75rem;color:#595959}
.replies-toggle{font-size:.875rem;margin-top:.25rem}
.replies{margin:.25rem 0 0 1.25rem;padding-left:.75rem;border-left:2px solid #e5e7eb}
.replies>li{padding:.5rem 0}
.reply-box{margin:.5rem 0 0 1.25rem}
.confirm,.report{margin:.5rem 0;padding:.6rem;border:1px solid #d0d5dd;border-radius:8px;background:#fafafa}
.confirm button{margin-right:.5rem}
fieldset{border:0;margin:0;padding:0}
legend{font-weight:600;padding:0;margin-bottom:.25rem}
.choice{display:flex;align-items:center;gap:.4rem;padding:.15rem 0}
.choice input{width:1.1rem;height:1.1rem;margin:0}
.report textarea{min-height:3rem}
.report .actions{margin-top:.5rem;justify-content:flex-end}
.more{display:block;margin:.75rem auto 0}
.done p{color:#1d6b35;font-size:.9rem}
.policy h2:focus{outline:none}
.policy dl{margin:0}
.rule{padding:.4rem 0;border-bottom:1px solid #eef0f3}
.rule dt{font-weight:600}
.rule dd{margin:.1rem 0 0}
.ladder{padding-left:1.25rem}
.back{margin:.25rem 0 .75rem}
@media (max-width:420px){:host{font-size:14.5px}.replies,.reply-box{margin-left:.5rem;padding-left:.5rem}.hint{display:none}}
`;

let sheet: CSSStyleSheet | null = null;

export function applyStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    // Older browsers: a <style> element (a page with a strict style-src refuses it there, but the widget still works).
    const style = document.createElement('style');
    style.textContent = CSS;
    root.appendChild(style);
  }
}
