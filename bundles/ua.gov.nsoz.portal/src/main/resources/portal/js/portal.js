/* NSOZ portal: what every page shares: the language (Ukrainian first, English with ?lang=en, kept in localStorage),
   calls to the node's public API, field errors, dates. No framework, nothing from another host. */
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

  /** @return the text of the page's language */
  function t(uk, en) { return lang === 'en' ? en : uk; }

  /** Puts the page in its language: elements with data-en (their text), data-en-placeholder, data-en-aria-label. */
  function translate(root) {
    document.documentElement.lang = lang;
    if (lang !== 'en') { return; }
    (root || document).querySelectorAll('[data-en]').forEach(function (el) { el.textContent = el.getAttribute('data-en'); });
    (root || document).querySelectorAll('[data-en-placeholder]').forEach(function (el) {
      el.setAttribute('placeholder', el.getAttribute('data-en-placeholder'));
    });
    (root || document).querySelectorAll('[data-en-aria-label]').forEach(function (el) {
      el.setAttribute('aria-label', el.getAttribute('data-en-aria-label'));
    });
  }

  function languageSwitch() {
    var link = document.getElementById('lang-switch');
    if (!link) { return; }
    var other = lang === 'en' ? 'uk' : 'en';
    var params = new URLSearchParams(window.location.search);
    params.set('lang', other);
    link.href = window.location.pathname + '?' + params.toString();
    link.textContent = other === 'en' ? 'English' : 'Українська';
    link.setAttribute('lang', other);
    link.setAttribute('hreflang', other);
  }

  /**
   * Calls the node's API. @return a Promise of {status, headers, body (parsed JSON or null)}; rejects on a network error.
   */
  function api(method, path, body, headers) {
    var init = { method: method, headers: headers || {}, credentials: 'omit', cache: 'no-store' };
    if (body !== undefined && body !== null) {
      if (typeof body === 'string' || body instanceof Blob) {
        init.body = body;
      } else {
        init.body = JSON.stringify(body);
        init.headers['Content-Type'] = 'application/json';
      }
    }
    init.headers.Accept = 'application/json';
    return fetch('/api/v1' + path, init).then(function (r) {
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: r.status, headers: r.headers, body: json };
      });
    });
  }

  /** @return "in N seconds/minutes" in words for a Retry-After header (seconds or an HTTP date) */
  function retryAfterWords(header) {
    var s = parseInt(header, 10);
    if (isNaN(s) && header) { s = Math.ceil((Date.parse(header) - Date.now()) / 1000); }
    if (isNaN(s) || s <= 0) { return t('трохи згодом', 'a little later'); }
    if (s < 90) { return t('через ' + s + ' с', 'in ' + s + ' seconds'); }
    var m = Math.ceil(s / 60);
    if (m < 90) { return t('через ' + m + ' хв', 'in ' + m + ' minutes'); }
    return t('через ' + Math.ceil(m / 60) + ' год', 'in ' + Math.ceil(m / 60) + ' hours');
  }

  /** @return the API's message of an error answer, in the page's language where it is bilingual "uk / en" */
  function message(body, fallbackUk, fallbackEn) {
    var m = body && body.message ? String(body.message) : null;
    return m ? bilingual(m) : t(fallbackUk, fallbackEn);
  }

  /** @return the half of a bilingual "Українською / In English" text in the page's language (all of it if unsure) */
  function bilingual(text) {
    if (text === null || text === undefined) { return ''; }
    var s = String(text), parts = s.split(' / ');
    if (parts.length === 2) { return lang === 'en' ? parts[1] : parts[0]; }
    return s;
  }

  /** Clears the marks of field errors inside a form and the summary. */
  function clearErrors(form, summary) {
    form.querySelectorAll('[aria-invalid="true"]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    form.querySelectorAll('.field-error').forEach(function (el) {
      el.textContent = '';
      el.hidden = true;
    });
    summary.textContent = '';
    summary.hidden = true;
  }

  /**
   * Shows errors: each next to its field (aria-invalid, aria-describedby) and all in the summary (role="alert"),
   * each line a link to its field. errors: [{field (an element id or null), message}].
   */
  function showErrors(summary, errors, headingUk, headingEn) {
    summary.textContent = '';
    var h = document.createElement('p');
    h.className = 'errors-heading';
    h.textContent = t(headingUk || 'Перевірте, будь ласка:', headingEn || 'Please check:');
    summary.appendChild(h);
    var ul = document.createElement('ul');
    errors.forEach(function (e) {
      var li = document.createElement('li');
      var field = e.field ? document.getElementById(e.field) : null;
      if (field) {
        var a = document.createElement('a');
        a.href = '#' + e.field;
        a.textContent = e.message;
        a.addEventListener('click', function (ev) { ev.preventDefault(); field.focus(); });
        li.appendChild(a);
        field.setAttribute('aria-invalid', 'true');
        var slot = document.getElementById(e.field + '-error');
        if (slot) {
          slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + e.message;
          slot.hidden = false;
          var by = (field.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
          if (by.indexOf(slot.id) < 0) { by.unshift(slot.id); field.setAttribute('aria-describedby', by.join(' ')); }
        }
      } else {
        li.textContent = e.message;
      }
      ul.appendChild(li);
    });
    summary.appendChild(ul);
    summary.hidden = false;
  }

  /** @return an ISO date (or instant) as dd.mm.yyyy */
  function date(iso) {
    if (!iso) { return ''; }
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
    return m ? m[3] + '.' + m[2] + '.' + m[1] : String(iso);
  }

  var STATUS = {
    REGISTERED: ['Зареєстровано', 'Registered'],
    ANSWERED_AT_FIRST_CONTACT: ['Надано відповідь під час першого звернення', 'Answered at first contact'],
    FORWARDED: ['Направлено до органу, що вирішує питання', 'Forwarded to the body that decides'],
    ACCEPTED: ['Прийнято органом до розгляду', 'Accepted by the body for consideration'],
    IN_PROGRESS: ['Розглядається', 'In progress'],
    EXTENDED: ['Строк розгляду продовжено', 'Term of consideration extended'],
    ANSWERED: ['Надано відповідь', 'Answered'],
    CLOSED: ['Закрито', 'Closed'],
    REDIRECTED: ['Переадресовано за належністю', 'Redirected to the competent body'],
    NOT_CONSIDERED: ['Не підлягає розгляду', 'Not considered']
  };
  var KIND = {
    COMPLAINT: ['Скарга', 'Complaint'],
    PROPOSAL: ['Пропозиція (зауваження)', 'Proposal (remark)'],
    APPLICATION: ['Заява (клопотання)', 'Application (petition)']
  };
  var RESULT = {
    SATISFIED: ['Задоволено', 'Satisfied'],
    EXPLAINED: ['Роз\u2019яснено', 'Explained'],
    REFUSED: ['Відмовлено', 'Refused']
  };

  function named(dict, code) {
    var n = dict[code];
    return n ? t(n[0], n[1]) : (code || '');
  }

  window.NSOZ = {
    lang: lang, t: t, api: api, retryAfterWords: retryAfterWords, message: message, bilingual: bilingual,
    clearErrors: clearErrors, showErrors: showErrors, date: date,
    status: function (c) { return named(STATUS, c); },
    kind: function (c) { return named(KIND, c); },
    result: function (c) { return named(RESULT, c); },
    translate: translate
  };

  translate();
  languageSwitch();
}());
