/* NSOZ portal: a small pure-JavaScript SHA-256 (FIPS 180-4) for the proof of work of the appeal form.
   Used in the page and in pow-worker.js; nothing loaded from elsewhere. */
(function (root) {
  'use strict';
  var K = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
  var W = new Int32Array(64);
  var H = new Int32Array(8);

  /** @return the UTF-8 bytes of a string */
  function utf8(s) {
    if (typeof TextEncoder !== 'undefined') {
      return new TextEncoder().encode(s);
    }
    var out = [], i, c;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
        c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      }
      if (c < 0x80) { out.push(c); }
      else if (c < 0x800) { out.push(0xc0 | c >> 6, 0x80 | c & 63); }
      else if (c < 0x10000) { out.push(0xe0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63); }
      else { out.push(0xf0 | c >> 18, 0x80 | c >> 12 & 63, 0x80 | c >> 6 & 63, 0x80 | c & 63); }
    }
    return new Uint8Array(out);
  }

  /** Hashes len bytes of a padded-capacity buffer; the digest is left in H (eight 32-bit words). */
  function digest(bytes, len) {
    var blocks = ((len + 9 + 63) >> 6);
    var total = blocks << 6;
    var buf = bytes.length >= total ? bytes : grow(bytes, total);
    var i, t;
    buf[len] = 0x80;
    for (i = len + 1; i < total - 8; i++) { buf[i] = 0; }
    var bitsHi = Math.floor(len / 0x20000000), bitsLo = (len << 3) >>> 0;
    buf[total - 8] = bitsHi >>> 24; buf[total - 7] = bitsHi >>> 16; buf[total - 6] = bitsHi >>> 8; buf[total - 5] = bitsHi;
    buf[total - 4] = bitsLo >>> 24; buf[total - 3] = bitsLo >>> 16; buf[total - 2] = bitsLo >>> 8; buf[total - 1] = bitsLo;
    H[0] = 0x6a09e667; H[1] = 0xbb67ae85; H[2] = 0x3c6ef372; H[3] = 0xa54ff53a;
    H[4] = 0x510e527f; H[5] = 0x9b05688c; H[6] = 0x1f83d9ab; H[7] = 0x5be0cd19;
    for (var off = 0; off < total; off += 64) {
      for (i = 0; i < 16; i++) {
        t = off + (i << 2);
        W[i] = (buf[t] << 24) | (buf[t + 1] << 16) | (buf[t + 2] << 8) | buf[t + 3];
      }
      for (i = 16; i < 64; i++) {
        var w15 = W[i - 15], w2 = W[i - 2];
        var s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
        var s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
        W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
      }
      var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (i = 0; i < 64; i++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var ch = (e & f) ^ (~e & g);
        var t1 = (h + S1 + ch + K[i] + W[i]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var maj = (a & b) ^ (a & c) ^ (b & c);
        var t2 = (S0 + maj) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
    }
    return H;
  }

  function grow(bytes, size) {
    var b = new Uint8Array(size);
    b.set(bytes);
    return b;
  }

  /** @return the SHA-256 of a string's UTF-8 bytes as 64 lower-case hex digits */
  function hex(s) {
    var bytes = utf8(s);
    var h = digest(grow(bytes, bytes.length + 72), bytes.length), out = '';
    for (var i = 0; i < 8; i++) { out += ('00000000' + (h[i] >>> 0).toString(16)).slice(-8); }
    return out;
  }

  /** @return whether the digest in H starts with at least n zero bits */
  function zeroBits(h, n) {
    for (var i = 0; n > 0; i++, n -= 32) {
      var w = h[i] >>> 0;
      if (n >= 32) { if (w !== 0) { return false; } }
      else if ((w >>> (32 - n)) !== 0) { return false; }
    }
    return true;
  }

  /**
   * Tries the nonces from..from+count-1: the first such that SHA-256(token + ":" + nonce) starts with bits zero bits.
   * @return the nonce as a decimal string, or null if none of them
   */
  function search(token, bits, from, count) {
    var prefix = utf8(token + ':');
    var buf = new Uint8Array(prefix.length + 20 + 72);
    buf.set(prefix);
    for (var n = from; n < from + count; n++) {
      var digits = String(n), len = prefix.length;
      for (var i = 0; i < digits.length; i++) { buf[len++] = digits.charCodeAt(i); }
      if (zeroBits(digest(buf, len), bits)) { return digits; }
    }
    return null;
  }

  root.NsozSha256 = { hex: hex, search: search };
}(typeof self !== 'undefined' ? self : this));
