/**
 * Helpers every pixel stand-in script starts with (plain browser JavaScript, inlined into each script so each
 * stays one self-contained file): cookies, SHA-256 via WebCrypto, the emulator origin from the script's own src,
 * and a fire-and-forget POST.
 */
export const BROWSER_PRELUDE = String.raw`
  var w = window, d = document;
  function readCookie(name) {
    var m = d.cookie.match(new RegExp('(?:^|; )' + name.replace(/[.$]/g, '\\$&') + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : null;
  }
  // Values are written raw, as the real tags do (e.g. the '$' separators of _ga_<id>); every value the
  // stand-ins write is cookie-safe.
  function writeCookie(name, value, maxAgeSeconds) {
    d.cookie = name + '=' + value + '; path=/; max-age=' + maxAgeSeconds + '; SameSite=Lax';
  }
  function sha256Hex(text) {
    if (!w.crypto || !w.crypto.subtle) return Promise.resolve(null);
    return w.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then(function (buf) {
      return Array.prototype.map.call(new Uint8Array(buf), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
    });
  }
  function isHashed(value) { return /^[a-f0-9]{64}$/.test(String(value)); }
  function ownScript(pattern) {
    if (d.currentScript && pattern.test(d.currentScript.src)) return d.currentScript;
    var scripts = d.getElementsByTagName('script');
    for (var i = 0; i < scripts.length; i++) if (pattern.test(scripts[i].src)) return scripts[i];
    return null;
  }
  function scriptUrl(pattern) {
    var s = ownScript(pattern);
    return new URL(s ? s.src : '/', w.location.href);
  }
  function post(url, text) {
    try {
      if (w.navigator.sendBeacon && w.navigator.sendBeacon(url, text)) return;
    } catch (e) {}
    if (w.fetch) w.fetch(url, { method: 'POST', body: text, keepalive: true, mode: 'no-cors', headers: { 'content-type': 'text/plain' } }).catch(function () {});
  }
  function randomDigits(n) {
    var s = String(Math.floor(Math.random() * 9) + 1);
    while (s.length < n) s += Math.floor(Math.random() * 10);
    return s;
  }
`
