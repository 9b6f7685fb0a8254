/* NSOZ: the language of a page, shared by the citizens' portal (/) and the staff's workspace (/staff/), loaded before
   their own scripts (window.NsozLang). Ukrainian first; English with ?lang=en, kept in localStorage "nsoz.lang".
   - lang: "uk" or "en"; t(uk, en): the text of the page's language;
   - translate(root): puts a part of the page (all of it by default) in its language: elements with data-en (their
     text), data-en-placeholder, data-en-aria-label, data-en-title;
   - languageSwitch(): makes the link #lang-switch lead to the other language (same page, query and fragment);
   - bilingual(text): the half of a bilingual "Українською / In English" text in the page's language (all if unsure);
   - message(json, uk, en): the API's message of an error answer in the page's language, or the fallback;
   - date(iso): an ISO date (or instant) as dd.mm.yyyy; named(dict, code): dict[code] = [uk, en] in the language.
   No framework, nothing from another host. */
(function () {
  'use strict';
  var KEY = 'nsoz.lang';

  function choose() {
    var q = new URLSearchParams(window.location.search).get('lang');
    if (q === 'en' || q === 'uk') {
      try { window.localStorage.setItem(KEY, q); } catch (e) { /* private mode: the URL still decides */ }
      return q;
    }
    try {
      var kept = window.localStorage.getItem(KEY);
      if (kept === 'en' || kept === 'uk') { return kept; }
    } catch (e) { /* no storage */ }
    return 'uk';
  }

  var lang = choose();

  function t(uk, en) { return lang === 'en' ? en : uk; }

  function translate(root) {
    document.documentElement.lang = lang;
    if (lang !== 'en') { return; }
    var r = root || document;
    r.querySelectorAll('[data-en]').forEach(function (el) { el.textContent = el.getAttribute('data-en'); });
    ['placeholder', 'aria-label', 'title'].forEach(function (attr) {
      r.querySelectorAll('[data-en-' + attr + ']').forEach(function (el) {
        el.setAttribute(attr, el.getAttribute('data-en-' + attr));
      });
    });
  }

  function languageSwitch() {
    var link = document.getElementById('lang-switch');
    if (!link) { return; }
    var other = lang === 'en' ? 'uk' : 'en';
    var params = new URLSearchParams(window.location.search);
    params.set('lang', other);
    link.href = window.location.pathname + '?' + params.toString() + window.location.hash;
    link.textContent = other === 'en' ? 'English' : 'Українська';
    link.setAttribute('lang', other);
    link.setAttribute('hreflang', other);
  }

  function bilingual(text) {
    if (text === null || text === undefined) { return ''; }
    var s = String(text), parts = s.split(' / ');
    if (parts.length === 2) { return lang === 'en' ? parts[1] : parts[0]; }
    return s;
  }

  function message(json, fallbackUk, fallbackEn) {
    var m = json && json.message ? String(json.message) : null;
    return m ? bilingual(m) : t(fallbackUk || 'Помилка', fallbackEn || 'Error');
  }

  function date(iso) {
    if (!iso) { return ''; }
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
    return m ? m[3] + '.' + m[2] + '.' + m[1] : String(iso);
  }

  function named(dict, code) {
    var n = dict[code];
    return n ? t(n[0], n[1]) : (code || '');
  }

  window.NsozLang = {
    lang: lang, t: t, translate: translate, languageSwitch: languageSwitch, bilingual: bilingual, message: message,
    date: date, named: named
  };
}());
