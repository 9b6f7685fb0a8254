/* NSOZ portal: what every page shares: the language (js/lang.js, loaded first: Ukrainian first, English with ?lang=en),
   calls to the node's public API, field errors, dates. No framework, nothing from another host. */
(function () {
  'use strict';
  var L = window.NsozLang;
  var lang = L.lang, t = L.t, translate = L.translate, bilingual = L.bilingual, message = L.message, date = L.date,
    named = L.named;

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

  window.NSOZ = {
    lang: lang, t: t, api: api, retryAfterWords: retryAfterWords, message: message, bilingual: bilingual,
    clearErrors: clearErrors, showErrors: showErrors, date: date,
    status: function (c) { return named(STATUS, c); },
    kind: function (c) { return named(KIND, c); },
    result: function (c) { return named(RESULT, c); },
    translate: translate
  };

  translate();
  L.languageSwitch();
}());
