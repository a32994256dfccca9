import { BROWSER_PRELUDE } from '../browser-prelude.js'

/**
 * Stand-in for `connect.facebook.net/en_US/fbevents.js`, served by the emulator. It takes over the standard
 * `fbq` stub: drains `fbq.queue`, installs `fbq.callMethod`, and supports `init` (with advanced matching,
 * hashed here like the real pixel), `track`, `trackCustom`, `trackSingle`, `trackSingleCustom`,
 * `dataProcessingOptions` and `consent` ('revoke' holds events until 'grant': platforms.md 1.6). Each event is
 * an image request to `<emulator>/tr/` with `id`, `ev`, `eid`, `dl`, `rl`, `ts`, `cd[…]`, `ud[…]`, `fbp`, `fbc`,
 * `dpo` (platforms.md 1.7). It sets `_fbp` (`fb.1.<ms>.<random>`) if absent and `_fbc` from `fbclid`.
 */
export const META_PIXEL_SCRIPT = String.raw`/* pairtrack emulator: Meta pixel stand-in */
(function () {
  'use strict';
${BROWSER_PRELUDE}
  var fbq = w.fbq;
  if (!fbq || fbq.__pairtrackEmulator) return;
  var origin = scriptUrl(/fbevents\.js/).origin;
  var pixels = [], held = [], revoked = false, dpo = null, images = [];
  var NINETY_DAYS = 7776000;

  function normalise(key, value) {
    var v = String(value).trim().toLowerCase();
    if (key === 'ph') return v.replace(/\D/g, '').replace(/^0+/, '');
    if (key === 'fn' || key === 'ln' || key === 'ct') return v.replace(/[\s.,'()\-]/g, '');
    if (key === 'zp') return v.replace(/\s/g, '').split('-')[0];
    return v;
  }
  function hashUserData(ud) {
    var keys = Object.keys(ud || {}).filter(function (k) { return ud[k] !== undefined && ud[k] !== null && ud[k] !== ''; });
    return Promise.all(keys.map(function (k) {
      return isHashed(ud[k]) ? Promise.resolve(String(ud[k])) : sha256Hex(normalise(k, ud[k]));
    })).then(function (hashes) {
      var out = {};
      keys.forEach(function (k, i) { if (hashes[i]) out[k] = hashes[i]; });
      return out;
    });
  }
  function ensureCookies() {
    if (!readCookie('_fbp')) writeCookie('_fbp', 'fb.1.' + Date.now() + '.' + randomDigits(10), NINETY_DAYS);
    var fbclid = new URL(w.location.href).searchParams.get('fbclid');
    var fbc = readCookie('_fbc');
    if (fbclid && (!fbc || fbc.split('.')[3] !== fbclid)) writeCookie('_fbc', 'fb.1.' + Date.now() + '.' + fbclid, NINETY_DAYS);
  }
  function send(pixel, ev, custom, options) {
    ensureCookies();
    pixel.ud.then(function (ud) {
      var q = new URLSearchParams();
      q.set('id', pixel.id); q.set('ev', String(ev)); q.set('dl', w.location.href); q.set('rl', d.referrer);
      q.set('if', 'false'); q.set('ts', String(Date.now())); q.set('v', 'pairtrack-emulator'); q.set('r', 'stable');
      if (options && options.eventID) q.set('eid', String(options.eventID));
      Object.keys(custom || {}).forEach(function (k) {
        var v = custom[k];
        if (v === undefined || v === null) return;
        q.set('cd[' + k + ']', typeof v === 'object' ? JSON.stringify(v) : String(v));
      });
      Object.keys(ud).forEach(function (k) { q.set('ud[' + k + ']', ud[k]); });
      var fbp = readCookie('_fbp'), fbc = readCookie('_fbc');
      if (fbp) q.set('fbp', fbp);
      if (fbc) q.set('fbc', fbc);
      if (dpo) {
        q.set('dpo', dpo.options.join(','));
        if (dpo.options.length) { q.set('dpoco', String(dpo.country)); q.set('dpost', String(dpo.state)); }
      }
      var img = new Image();
      images.push(img);
      img.onload = img.onerror = function () { images.splice(images.indexOf(img), 1); };
      img.src = origin + '/tr/?' + q.toString();
    });
  }
  function run(a) {
    var cmd = a[0];
    if (cmd === 'track' || cmd === 'trackCustom') {
      pixels.forEach(function (p) { send(p, a[1], a[2], a[3]); });
    } else if (cmd === 'trackSingle' || cmd === 'trackSingleCustom') {
      pixels.forEach(function (p) { if (p.id === String(a[1])) send(p, a[2], a[3], a[4]); });
    }
  }
  function handle(args) {
    var a = Array.prototype.slice.call(args);
    var cmd = a[0];
    if (cmd === 'init') {
      if (!pixels.some(function (p) { return p.id === String(a[1]); })) pixels.push({ id: String(a[1]), ud: hashUserData(a[2]) });
    } else if (cmd === 'consent') {
      revoked = a[1] === 'revoke';
      if (!revoked) { var queued = held; held = []; queued.forEach(run); }
    } else if (cmd === 'dataProcessingOptions') {
      dpo = { options: a[1] || [], country: a[2] === undefined ? 0 : a[2], state: a[3] === undefined ? 0 : a[3] };
    } else if (revoked) {
      held.push(a);
    } else {
      run(a);
    }
  }
  fbq.__pairtrackEmulator = true;
  fbq.loaded = true;
  fbq.callMethod = function () { handle(arguments); };
  var queue = fbq.queue || [];
  fbq.queue = [];
  for (var i = 0; i < queue.length; i++) handle(queue[i]);
})();
`
