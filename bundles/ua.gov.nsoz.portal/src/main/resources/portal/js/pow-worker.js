/* NSOZ portal: solves the appeal form's proof of work off the page's thread. In: {token, bits}. Out: {tried} now
   and then, then {nonce}. */
importScripts('sha256.js');
self.onmessage = function (e) {
  'use strict';
  var token = e.data.token, bits = e.data.bits, from = 0, chunk = 20000;
  for (;;) {
    var nonce = self.NsozSha256.search(token, bits, from, chunk);
    if (nonce !== null) {
      self.postMessage({ nonce: nonce });
      return;
    }
    from += chunk;
    self.postMessage({ tried: from });
  }
};
