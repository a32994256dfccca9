import { BROWSER_PRELUDE } from '../browser-prelude.js'

/**
 * Stand-in for `analytics.tiktok.com/i18n/pixel/events.js`, served by the emulator. It takes over the standard
 * `ttq` queue stub: pixel codes from `ttq.load` (and the `sdkid` of its own src), then `page`, `track(name,
 * props, { event_id })`, `identify` (email / phone_number / external_id hashed here, phone as E.164 with `+`:
 * platforms.md 3.3), `holdConsent` / `grantConsent` / `revokeConsent`, and calls on `ttq.instance(code)`.
 * It sets `_ttp` if absent and POSTs each event as JSON (text/plain, no preflight) to `<emulator>/api/v2/pixel`
 * with `event`, `event_id`, `context.pixel.code`, `context.page`, `context.ad.callback` (ttclid),
 * `context.user`, `properties` (platforms.md 3.7).
 */
export const TIKTOK_PIXEL_SCRIPT = String.raw`/* pairtrack emulator: TikTok pixel stand-in */
(function () {
  'use strict';
${BROWSER_PRELUDE}
  var name = w.TiktokAnalyticsObject || 'ttq';
  var ttq = w[name];
  if (!ttq || ttq.__pairtrackEmulator) return;
  var src = scriptUrl(/events\.js/);
  var origin = src.origin;
  var codes = Object.keys(ttq._i || {});
  var sdkid = src.searchParams.get('sdkid');
  if (sdkid && codes.indexOf(sdkid) === -1) codes.push(sdkid);
  var consentState = 'granted', held = [], user = Promise.resolve({});
  var THIRTEEN_MONTHS = 34190000;
  var ttclid = new URL(w.location.href).searchParams.get('ttclid') || readCookie('ttclid');

  function ttp() {
    var value = readCookie('_ttp');
    if (!value) {
      var chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      value = '';
      for (var i = 0; i < 27; i++) value += chars[Math.floor(Math.random() * chars.length)];
      writeCookie('_ttp', value, THIRTEEN_MONTHS);
    }
    return value;
  }
  function identify(fields) {
    var f = fields || {};
    var pairs = [
      ['email', f.email, function (v) { return v.trim().toLowerCase(); }],
      ['phone_number', f.phone_number, function (v) { return '+' + v.replace(/\D/g, ''); }],
      ['external_id', f.external_id, function (v) { return v.trim(); }]
    ].filter(function (p) { return p[1] !== undefined && p[1] !== null && p[1] !== ''; });
    user = Promise.all(pairs.map(function (p) {
      var v = String(p[1]);
      return isHashed(v) ? Promise.resolve(v) : sha256Hex(p[2](v));
    })).then(function (hashes) {
      var out = {};
      pairs.forEach(function (p, i) { if (hashes[i]) out[p[0]] = hashes[i]; });
      return out;
    });
  }
  function send(code, event, props, options) {
    var cookieId = ttp();
    user.then(function (u) {
      var body = {
        event: String(event),
        event_id: options && options.event_id ? String(options.event_id) : undefined,
        timestamp: new Date().toISOString(),
        context: {
          pixel: { code: code },
          page: { url: w.location.href, referrer: d.referrer },
          ad: ttclid ? { callback: ttclid } : {},
          user: Object.assign({ anonymous_id: cookieId }, u),
          user_agent: w.navigator.userAgent,
          library: { name: 'pairtrack-emulator', version: '1' }
        },
        properties: props || {}
      };
      post(origin + '/api/v2/pixel', JSON.stringify(body));
    });
  }
  function track(targets, a) {
    if (consentState === 'revoked') return;
    if (consentState === 'held') { held.push([targets, a]); return; }
    var event = a[0] === 'page' ? 'PageView' : a[1];
    var props = a[0] === 'page' ? {} : a[2];
    var options = a[0] === 'page' ? undefined : a[3];
    targets.forEach(function (code) { send(code, event, props, options); });
  }
  function handle(a, targets) {
    var cmd = a[0];
    if (cmd === 'load') { if (codes.indexOf(String(a[1])) === -1) codes.push(String(a[1])); }
    else if (cmd === 'page' || cmd === 'track') track(targets || codes, a);
    else if (cmd === 'identify') identify(a[1]);
    else if (cmd === 'holdConsent') consentState = 'held';
    else if (cmd === 'revokeConsent') { consentState = 'revoked'; held = []; }
    else if (cmd === 'grantConsent') {
      consentState = 'granted';
      var queued = held; held = [];
      queued.forEach(function (h) { track(h[0], h[1]); });
    }
  }
  function install(target, targets) {
    (ttq.methods || ['page', 'track', 'identify', 'holdConsent', 'grantConsent', 'revokeConsent']).forEach(function (m) {
      target[m] = function () { handle([m].concat(Array.prototype.slice.call(arguments)), targets); return target; };
    });
    target.push = function (a) { handle(a, targets); return target.length; };
  }
  ttq.__pairtrackEmulator = true;
  var queued = Array.prototype.slice.call(ttq);
  ttq.length = 0;
  install(ttq, null);
  ttq.load = function (code) { handle(['load', code]); };
  ttq.instance = function (code) { var inst = []; install(inst, [String(code)]); return inst; };
  for (var i = 0; i < queued.length; i++) handle(queued[i], null);
  codes.forEach(function (code) {
    var instanceQueue = (ttq._i && ttq._i[code]) || [];
    for (var j = 0; j < instanceQueue.length; j++) if (instanceQueue[j] && instanceQueue[j][0]) handle(instanceQueue[j], [code]);
  });
})();
`
