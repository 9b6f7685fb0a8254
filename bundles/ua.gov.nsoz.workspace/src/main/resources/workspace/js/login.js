/* NSOZ staff workspace: the login (POST /api/v1/session); after it, the page asked for (?next=/staff/...) or the
   home of the person's role. A person already logged in goes there at once. */
(function () {
  'use strict';
  var S = window.Staff, t = S.t;
  var form = document.getElementById('login-form');
  var summary = document.getElementById('errors');

  function next(s) {
    var n = new URLSearchParams(window.location.search).get('next');
    // only a page of the workspace itself: never another site or path
    if (n && /^\/staff\/[A-Za-z0-9._\-\/]*(\?[^#]*)?(#.*)?$/.test(n) && n.indexOf('//') < 0 && n.indexOf('..') < 0) {
      return n;
    }
    return S.home(s);
  }

  function go(s) {
    var target = next(s);
    if (target === S.base || target === S.base + 'index.html') {
      // a person with no page of their own: say who they are
      form.hidden = true;
      document.getElementById('logged-in').hidden = false;
      document.getElementById('logged-in-who').textContent = s.user + ' · ' + (s.roles || []).join(', ') + ' · ' + s.node;
      S.nav(null);
      document.getElementById('logged-in-heading').focus();
      return;
    }
    window.location.assign(target);
  }

  function error(field, text) {
    summary.textContent = '';
    var p = document.createElement('p');
    p.textContent = text;
    summary.appendChild(p);
    summary.hidden = false;
    if (field) {
      var f = document.getElementById(field);
      f.setAttribute('aria-invalid', 'true');
      var slot = document.getElementById(field + '-error');
      slot.textContent = text;
      slot.hidden = false;
    }
    summary.focus();
  }

  function clear() {
    summary.hidden = true;
    summary.textContent = '';
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    form.querySelectorAll('.field-error').forEach(function (el) { el.hidden = true; el.textContent = ''; });
  }

  S.session().then(function (s) {
    if (s) { go(s); } else { document.getElementById('user').focus(); }
  }, function () { /* the node does not answer: the form stays */ });

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    clear();
    var user = document.getElementById('user').value.trim();
    var password = document.getElementById('password').value;
    if (!user) { error('user', t('Вкажіть ім\u2019я користувача.', 'Give the user name.')); return; }
    if (!password) { error('password', t('Вкажіть пароль.', 'Give the password.')); return; }
    var button = document.getElementById('login');
    button.disabled = true;
    S.api('POST', '/session', { user: user, password: password }).then(function (r) {
      button.disabled = false;
      if (r.status === 201 || r.status === 200) {
        document.getElementById('password').value = '';
        S.announce(t('Вхід виконано', 'Logged in'));
        S.session().then(function (s) { go(s || r.json); });
        return;
      }
      if (r.status === 401) {
        error('password', t('Неправильне ім\u2019я користувача або пароль.', 'Wrong user name or password.'));
      } else if (r.status === 429) {
        var after = parseInt(r.headers.get('Retry-After'), 10);
        error(null, t('Забагато спроб. Спробуйте ще раз', 'Too many attempts. Try again')
          + (isNaN(after) ? '' : t(' через ' + after + ' с', ' in ' + after + ' s')) + '.');
      } else {
        error(null, S.message(r.json, 'Не вдалося увійти (' + r.status + ').', 'Could not log in (' + r.status + ').'));
      }
    }, function () {
      button.disabled = false;
      error(null, t('Немає зв\u2019язку з сервером.', 'No connection to the server.'));
    });
  });
}());
