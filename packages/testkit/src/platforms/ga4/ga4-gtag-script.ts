import { BROWSER_PRELUDE } from '../browser-prelude.js'

/**
 * Stand-in for `googletagmanager.com/gtag/js?id=G-…`, served by the emulator. It processes `window.dataLayer`
 * (entries pushed by the standard `gtag()` function) and every later push: `js`, `config` (sends `page_view`
 * unless `send_page_view: false`), `event`, `consent` (`default`/`update`; `analytics_storage: 'denied'` keeps
 * the client id in memory instead of a cookie), `set`, and `get` for `client_id`/`session_id`. It sets `_ga`
 * (`GA1.1.<rand>.<secs>`) and `_ga_<id>` (GS2 format) if absent (platforms.md 2.7), and sends each event as
 * `<emulator>/g/collect?v=2&tid=&cid=&sid=&en=&ep.*=&epn.*=` (items as `pr1=id…~nm…`).
 */
export const GA4_GTAG_SCRIPT = String.raw`/* pairtrack emulator: gtag.js stand-in */
(function () {
  'use strict';
${BROWSER_PRELUDE}
  var dl = w.dataLayer = w.dataLayer || [];
  if (dl.__pairtrackEmulator) return;
  dl.__pairtrackEmulator = true;
  var origin = scriptUrl(/gtag(\.js|\/js)/).origin;
  var ids = [], configs = {}, consent = {}, globals = {}, memoryCid = null, pageId = randomDigits(9);
  var TWO_YEARS = 63072000;

  function analyticsGranted() { return consent.analytics_storage !== 'denied'; }
  function clientId() {
    var m = /^GA\d\.\d+\.(\d+\.\d+)$/.exec(readCookie('_ga') || '');
    if (m) return m[1];
    if (memoryCid) return memoryCid;
    memoryCid = randomDigits(10) + '.' + Math.floor(Date.now() / 1000);
    if (analyticsGranted()) writeCookie('_ga', 'GA1.1.' + memoryCid, TWO_YEARS);
    return memoryCid;
  }
  function sessionId(id) {
    var name = '_ga_' + String(id).replace(/^G-/, '');
    var value = readCookie(name) || '';
    var m = /^GS2\.\d\.s(\d+)/.exec(value) || /^GS1\.\d\.(\d+)\./.exec(value);
    if (m) return m[1];
    var sid = String(Math.floor(Date.now() / 1000));
    if (analyticsGranted()) writeCookie(name, 'GS2.1.s' + sid + '$o1$g0$t' + sid + '$j0$l0$h0', TWO_YEARS);
    return sid;
  }
  function gcs() {
    if (!Object.keys(consent).length) return null;
    return 'G1' + (consent.ad_storage === 'denied' ? '0' : '1') + (analyticsGranted() ? '1' : '0');
  }
  function itemParam(item) {
    var codes = { item_id: 'id', item_name: 'nm', price: 'pr', quantity: 'qt', item_brand: 'br', item_category: 'ca', item_variant: 'va' };
    return Object.keys(codes).filter(function (k) { return item[k] !== undefined && item[k] !== null; })
      .map(function (k) { return codes[k] + String(item[k]); }).join('~');
  }
  var SKIP = { send_to: 1, send_page_view: 1, event_callback: 1, event_timeout: 1, user_id: 1, items: 1 };
  function send(id, name, params) {
    var all = Object.assign({}, globals, params || {});
    var q = new URLSearchParams();
    q.set('v', '2'); q.set('tid', id); q.set('cid', clientId()); q.set('sid', sessionId(id)); q.set('_p', pageId);
    q.set('en', String(name)); q.set('dl', w.location.href); q.set('dr', d.referrer); q.set('dt', d.title);
    var consentState = gcs();
    if (consentState) q.set('gcs', consentState);
    var uid = all.user_id || (configs[id] || {}).user_id;
    if (uid) q.set('uid', String(uid));
    Object.keys(all).forEach(function (k) {
      var v = all[k];
      if (SKIP[k] || v === undefined || v === null) return;
      if (typeof v === 'number') q.set('epn.' + k, String(v));
      else q.set('ep.' + k, typeof v === 'object' ? JSON.stringify(v) : String(v));
    });
    (all.items || []).forEach(function (item, i) { q.set('pr' + (i + 1), itemParam(item)); });
    post(origin + '/g/collect?' + q.toString(), '');
    if (typeof all.event_callback === 'function') setTimeout(all.event_callback, 0);
  }
  function handle(entry) {
    if (!entry || typeof entry !== 'object' || typeof entry[0] !== 'string') return;
    var a = Array.prototype.slice.call(entry);
    var cmd = a[0];
    if (cmd === 'config') {
      var id = String(a[1]);
      if (ids.indexOf(id) === -1) ids.push(id);
      configs[id] = a[2] || {};
      if (configs[id].send_page_view !== false) send(id, 'page_view', {});
    } else if (cmd === 'event') {
      var params = a[2] || {};
      var targets = params.send_to ? [].concat(params.send_to).map(String) : ids;
      targets.forEach(function (t) { send(t, a[1], params); });
    } else if (cmd === 'consent') {
      Object.assign(consent, a[2] || {});
    } else if (cmd === 'set') {
      if (typeof a[1] === 'object') Object.assign(globals, a[1]); else globals[a[1]] = a[2];
    } else if (cmd === 'get' && typeof a[3] === 'function') {
      var cb = a[3];
      var value = a[2] === 'client_id' ? clientId() : a[2] === 'session_id' ? sessionId(a[1]) : undefined;
      setTimeout(function () { cb(value); }, 0);
    }
  }
  for (var i = 0; i < dl.length; i++) handle(dl[i]);
  var push = dl.push;
  dl.push = function () {
    for (var j = 0; j < arguments.length; j++) handle(arguments[j]);
    return push.apply(dl, arguments);
  };
})();
`
