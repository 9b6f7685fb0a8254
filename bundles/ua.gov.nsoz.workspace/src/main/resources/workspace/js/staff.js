/* NSOZ staff workspace: what every page of /staff/ shares (window.Staff). No framework, nothing from another host.
   - api(method, path, body[, headers]) -> Promise<{status, json, headers}>: a call to the node's API with the session
     cookie (same origin); path "/appeals" means /api/v1/appeals (a path starting with /api/ is taken as it is); a body
     that is an object is sent as JSON, a Blob/File/ArrayBuffer/string as it is; an unsafe method (not GET/HEAD/OPTIONS)
     carries X-CSRF-Token; a 401 (no session, or it expired) sends the browser to the login page and comes back after.
   - session() -> Promise<session or null> (GET /api/v1/session: user, roles, bodies, node, nodeRole, csrf, ...).
   - require(...roles) -> Promise<session>: settles only when the person has one of the roles ("nsoz-operator" or
     "operator"); without a session it goes to the login page; without the role the page says "not allowed" (the
     promise then stays pending, so the page's code after it never runs).
   - nav(current) fills <nav id="staff-nav"> with the pages the person's roles may use, the user and "log out";
     current is the page's file name ("operator.html").
   - announce(text) says a text to screen readers (aria-live region #staff-live, created if absent).
   - esc(s) escapes text for HTML; lang is "uk" or "en" (?lang=en, kept in localStorage "nsoz.lang" like the portal);
     t(uk, en), translate(root), bilingual(text), date(iso), dateTime(iso), status(code), kind(code), result(code),
     action(code), home(session), has(session, role), message(json, uk, en) are there too. */
(function () {
  'use strict';
  var BASE = '/staff/';
  var L = window.NsozLang; // /js/lang.js, the portal's, loaded first: the language, as on the citizens' pages
  var lang = L.lang, t = L.t, translate = L.translate, bilingual = L.bilingual, message = L.message, date = L.date,
    named = L.named;

  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  var current = null;   // the session once known
  var csrf = null;

  function loginUrl() {
    var here = window.location.pathname + window.location.search + window.location.hash;
    return BASE + '?next=' + encodeURIComponent(here);
  }

  function toLogin() {
    if (window.location.pathname === BASE || window.location.pathname === BASE + 'index.html') { return; }
    window.location.assign(loginUrl());
  }

  function isSessionPath(url) { return url.indexOf('/api/v1/session') === 0; }

  function raw(method, url, body, headers) {
    var init = { method: method, headers: {}, credentials: 'same-origin', cache: 'no-store', redirect: 'error' };
    Object.keys(headers || {}).forEach(function (k) { init.headers[k] = headers[k]; });
    init.headers.Accept = init.headers.Accept || 'application/json';
    // Said to the API: a script calls, not a person at a Basic login (no browser password dialog on 401).
    init.headers['X-Requested-With'] = 'XMLHttpRequest';
    if (body !== undefined && body !== null) {
      if (typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
        init.body = body;
      } else {
        init.body = JSON.stringify(body);
        init.headers['Content-Type'] = 'application/json';
      }
    }
    if (!/^(GET|HEAD|OPTIONS)$/.test(method) && csrf) { init.headers['X-CSRF-Token'] = csrf; }
    return fetch(url, init).then(function (r) {
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: r.status, json: json, headers: r.headers };
      });
    });
  }

  function api(method, path, body, headers) {
    method = String(method || 'GET').toUpperCase();
    var url = String(path).indexOf('/api/') === 0 ? String(path) : '/api/v1' + (String(path).charAt(0) === '/' ? '' : '/') + path;
    var unsafe = !/^(GET|HEAD|OPTIONS)$/.test(method);
    var ready = unsafe && !csrf && !isSessionPath(url) ? session() : Promise.resolve();
    return ready.then(function () {
      return raw(method, url, body, headers);
    }).then(function (res) {
      if (res.status === 401 && !isSessionPath(url)) { toLogin(); }
      return res;
    });
  }

  function session() {
    return raw('GET', '/api/v1/session').then(function (r) {
      if (r.status === 200 && r.json) {
        current = r.json;
        csrf = r.json.csrf || null;
        return current;
      }
      current = null;
      csrf = null;
      return null;
    });
  }

  function roleName(r) { r = String(r); return r.indexOf('nsoz-') === 0 ? r : 'nsoz-' + r; }

  function has(s, role) { return !!(s && s.roles && s.roles.indexOf(roleName(role)) >= 0); }

  var PAGES = [
    { file: 'operator.html', uk: 'Пульт оператора', en: 'Operator console', roles: ['nsoz-operator', 'nsoz-supervisor'] },
    { file: 'body.html', uk: 'Звернення органу', en: 'Body workspace', roles: ['nsoz-clerk', 'nsoz-head'] },
    { file: 'dashboard.html', uk: 'Показники', en: 'Dashboard', roles: ['nsoz-supervisor', 'nsoz-analyst', 'nsoz-head'] },
    { file: 'knowledge.html', uk: 'База знань', en: 'Knowledge base',
      roles: ['nsoz-operator', 'nsoz-supervisor', 'nsoz-clerk', 'nsoz-head', 'nsoz-analyst'] },
    { file: 'admin.html', uk: 'Адміністрування', en: 'Administration', roles: ['nsoz-admin'] },
    { file: 'audit.html', uk: 'Журнал аудиту', en: 'Audit log', roles: ['nsoz-auditor'] }
  ];

  /** @return the page where the person starts: the first of PAGES (in order of HOME) their roles may use */
  function home(s) {
    var order = ['nsoz-operator', 'nsoz-clerk', 'nsoz-head', 'nsoz-supervisor', 'nsoz-analyst', 'nsoz-admin', 'nsoz-auditor'];
    var homes = { 'nsoz-operator': 'operator.html', 'nsoz-clerk': 'body.html', 'nsoz-head': 'body.html',
      'nsoz-supervisor': 'dashboard.html', 'nsoz-analyst': 'dashboard.html', 'nsoz-admin': 'admin.html',
      'nsoz-auditor': 'audit.html' };
    for (var i = 0; i < order.length; i++) {
      if (has(s, order[i])) { return BASE + homes[order[i]]; }
    }
    return BASE;
  }

  function notAllowed(s) {
    var main = document.getElementById('main') || document.body;
    main.textContent = '';
    var wrap = document.createElement('div');
    wrap.className = 'wrap';
    wrap.id = 'not-allowed';
    var h = document.createElement('h1');
    h.textContent = t('Недостатньо прав', 'Not allowed');
    var p = document.createElement('p');
    p.textContent = t('Ця сторінка не для ваших ролей (' + ((s && s.roles) || []).join(', ') + ').',
      'This page is not for your roles (' + ((s && s.roles) || []).join(', ') + ').');
    var a = document.createElement('a');
    a.href = home(s);
    a.textContent = t('До вашої сторінки', 'To your page');
    wrap.appendChild(h);
    wrap.appendChild(p);
    wrap.appendChild(a);
    main.appendChild(wrap);
    document.title = t('Недостатньо прав — НСОЗ', 'Not allowed — NSOZ');
    announce(h.textContent);
  }

  function require() {
    var roles = Array.prototype.slice.call(arguments).map(roleName);
    return session().then(function (s) {
      if (!s) {
        toLogin();
        return new Promise(function () { /* the page is leaving */ });
      }
      if (roles.length && !roles.some(function (r) { return has(s, r); })) {
        nav(null);
        notAllowed(s);
        return new Promise(function () { /* not allowed: nothing more runs */ });
      }
      return s;
    });
  }

  function logout() {
    return api('DELETE', '/api/v1/session').then(function () {
      current = null;
      csrf = null;
      window.location.assign(BASE + '?lang=' + lang);
    }, function () {
      window.location.assign(BASE + '?lang=' + lang);
    });
  }

  function nav(currentFile) {
    var el = document.getElementById('staff-nav');
    if (!el) { return; }
    var fill = function (s) {
      el.textContent = '';
      el.setAttribute('aria-label', t('Розділи робочого місця', 'Sections of the workspace'));
      var ul = document.createElement('ul');
      PAGES.forEach(function (p) {
        if (!p.roles.some(function (r) { return has(s, r); })) { return; }
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = BASE + p.file;
        a.textContent = t(p.uk, p.en);
        if (p.file === currentFile) { a.setAttribute('aria-current', 'page'); }
        li.appendChild(a);
        ul.appendChild(li);
      });
      var who = document.createElement('li');
      who.className = 'who';
      who.id = 'staff-user';
      who.textContent = s ? s.user + ' · ' + (s.node || '') : '';
      ul.appendChild(who);
      var li = document.createElement('li');
      var b = document.createElement('button');
      b.type = 'button';
      b.id = 'logout';
      b.className = 'link-button';
      b.textContent = t('Вийти', 'Log out');
      b.addEventListener('click', logout);
      li.appendChild(b);
      ul.appendChild(li);
      el.appendChild(ul);
    };
    if (current) { fill(current); return Promise.resolve(current); }
    return session().then(function (s) { if (s) { fill(s); } return s; });
  }

  function announce(text) {
    var live = document.getElementById('staff-live');
    if (!live) {
      live = document.createElement('div');
      live.id = 'staff-live';
      live.className = 'visually-hidden';
      live.setAttribute('aria-live', 'polite');
      live.setAttribute('role', 'status');
      document.body.appendChild(live);
    }
    live.textContent = '';
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function dateTime(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return String(iso); }
    return d.toLocaleString(lang === 'en' ? 'en-GB' : 'uk-UA', { timeZone: 'Europe/Kyiv', dateStyle: 'short', timeStyle: 'short' });
  }

  var STATUS = {
    REGISTERED: ['Зареєстровано', 'Registered'],
    ANSWERED_AT_FIRST_CONTACT: ['Відповідь під час першого звернення', 'Answered at first contact'],
    FORWARDED: ['Направлено до органу', 'Forwarded to the body'],
    ACCEPTED: ['Прийнято до розгляду', 'Accepted for consideration'],
    IN_PROGRESS: ['Розглядається', 'In progress'],
    EXTENDED: ['Строк продовжено', 'Term extended'],
    ANSWERED: ['Надано відповідь', 'Answered'],
    CLOSED: ['Закрито', 'Closed'],
    REDIRECTED: ['Переадресовано', 'Redirected'],
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
  var ACTION = {
    CLASSIFY: ['Класифікувати', 'Classify'], NOTE: ['Примітка', 'Note'],
    NO_ADDITIONAL_STUDY: ['Не потребує додаткового вивчення', 'Needs no further study'],
    ANSWER_AT_FIRST_CONTACT: ['Відповісти під час першого звернення', 'Answer at first contact'],
    FORWARD: ['Направити до органу', 'Forward to a body'], NOT_CONSIDER: ['Не розглядати', 'Do not consider'],
    RATE: ['Оцінка', 'Rating'], SHORTEN: ['Скоротити строк', 'Shorten the term'], ACCEPT: ['Прийняти до розгляду', 'Accept'],
    REDIRECT: ['Переадресувати за належністю', 'Redirect'], ANSWER: ['Відповісти', 'Answer'],
    EXTEND: ['Продовжити строк', 'Extend the term'], RESTORE_TERM: ['Поновити строк', 'Restore the term'],
    REMIND: ['Нагадування', 'Reminder'], ESCALATE: ['Ескалація', 'Escalation'], REGISTER: ['Реєстрація', 'Registration']
  };

  window.Staff = {
    api: api, session: session, require: require, nav: nav, announce: announce, esc: esc, lang: lang,
    t: t, translate: translate, bilingual: bilingual, message: message, date: date, dateTime: dateTime,
    status: function (c) { return named(STATUS, c); },
    kind: function (c) { return named(KIND, c); },
    result: function (c) { return named(RESULT, c); },
    action: function (c) { return named(ACTION, c); },
    home: home, has: has, logout: logout, base: BASE
  };

  translate();
  L.languageSwitch();
}());
