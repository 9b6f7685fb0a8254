/* NSOZ staff workspace: an executive body's inbox (GET /appeals?body=CODE): priority applicants first, then by the
   last day of the term; overdue ones marked; accept in the list; the other actions (redirect, extend, answer) on the
   appeal's page. */
(function () {
  'use strict';
  var S = window.Staff, t = S.t;
  var $ = function (id) { return document.getElementById(id); };
  var OPEN = ['REGISTERED', 'FORWARDED', 'ACCEPTED', 'IN_PROGRESS', 'EXTENDED', 'REDIRECTED'];

  function today() {
    // the date in Kyiv as yyyy-mm-dd
    var parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
    return parts;
  }

  function order(a, b) {
    if (!!a.priority !== !!b.priority) { return a.priority ? -1 : 1; }
    var da = a.dueDate || '9999-12-31', db = b.dueDate || '9999-12-31';
    if (da !== db) { return da < db ? -1 : 1; }
    return String(a.registeredAt).localeCompare(String(b.registeredAt));
  }

  function cell(tr, label, content) {
    var td = document.createElement('td');
    td.setAttribute('data-label', label);
    if (typeof content === 'string') { td.textContent = content; } else if (content) { td.appendChild(content); }
    tr.appendChild(td);
    return td;
  }

  function load() {
    var code = $('body-code').value;
    if (!code) { return; }
    S.api('GET', '/appeals?limit=500&body=' + encodeURIComponent(code)).then(function (r) {
      var tbody = $('inbox-rows');
      tbody.textContent = '';
      if (r.status !== 200) {
        $('inbox-summary').textContent = S.message(r.json, 'Не вдалося отримати звернення (' + r.status + ').',
          'Could not get the appeals (' + r.status + ').');
        return;
      }
      var all = (r.json.items || []).slice();
      var list = $('inbox-filter').value === 'open' ? all.filter(function (a) { return OPEN.indexOf(a.status) >= 0; }) : all;
      list.sort(order);
      var now = today(), overdue = 0;
      list.forEach(function (a) {
        var tr = document.createElement('tr');
        tr.id = 'row-' + a.registrationNumber;
        var late = OPEN.indexOf(a.status) >= 0 && a.dueDate && a.dueDate < now;
        if (late) { tr.className = 'overdue'; overdue++; }
        if (a.priority) { tr.className += ' priority'; }
        var link = document.createElement('a');
        link.href = S.base + 'appeal.html?id=' + encodeURIComponent(a.id);
        link.textContent = a.registrationNumber;
        var first = cell(tr, t('Номер', 'Number'), link);
        if (a.priority) {
          var p = document.createElement('span');
          p.className = 'badge priority';
          p.textContent = t('пріоритетний', 'priority');
          first.appendChild(document.createTextNode(' '));
          first.appendChild(p);
        }
        var due = cell(tr, t('Строк', 'Due'), S.date(a.dueDate));
        if (late) {
          var o = document.createElement('span');
          o.className = 'badge overdue';
          o.textContent = t('прострочено', 'overdue');
          due.appendChild(document.createTextNode(' '));
          due.appendChild(o);
        }
        cell(tr, t('Стан', 'Status'), S.status(a.status));
        cell(tr, t('Тема', 'Topic'), a.topic || '');
        cell(tr, t('Суть', 'Essence'), a.textPreview || '');
        var actions = document.createElement('div');
        actions.className = 'actions';
        if (['REGISTERED', 'FORWARDED', 'REDIRECTED'].indexOf(a.status) >= 0) {
          var b = document.createElement('button');
          b.type = 'button';
          b.className = 'accept';
          b.textContent = t('Прийняти', 'Accept');
          b.setAttribute('aria-label', t('Прийняти ', 'Accept ') + a.registrationNumber);
          b.addEventListener('click', function () { accept(a, b, tr); });
          actions.appendChild(b);
        }
        var open = document.createElement('a');
        open.href = link.href;
        open.className = 'button secondary';
        open.textContent = t('Відкрити', 'Open');
        open.setAttribute('aria-label', t('Відкрити ', 'Open ') + a.registrationNumber);
        actions.appendChild(open);
        cell(tr, t('Дії', 'Actions'), actions);
        tbody.appendChild(tr);
      });
      $('inbox-summary').textContent = t('Звернень: ', 'Appeals: ') + list.length
        + (overdue ? t(', прострочених: ', ', overdue: ') + overdue : '');
    });
  }

  function accept(a, button, tr) {
    button.disabled = true;
    S.api('POST', '/appeals/' + encodeURIComponent(a.id) + '/actions', { action: 'ACCEPT' }).then(function (r) {
      if (r.status === 200 || r.status === 202) {
        var msg = r.status === 202
          ? t('Прийняття надіслано вузлу ', 'Acceptance sent to the node ') + r.json.owner
          : t('Прийнято до розгляду', 'Accepted for consideration');
        button.replaceWith(document.createTextNode(msg));
        tr.querySelector('td:nth-child(3)').textContent = r.status === 200 ? S.status(r.json.appeal.status)
          : S.status(a.status) + ' → ' + S.status('ACCEPTED');
        S.announce(a.registrationNumber + ': ' + msg);
      } else {
        button.disabled = false;
        var box = $('errors');
        box.textContent = a.registrationNumber + ': '
          + S.message(r.json, 'Не вдалося прийняти (' + r.status + ')', 'Could not accept (' + r.status + ')');
        box.hidden = false;
        box.focus();
      }
    });
  }

  S.require('nsoz-clerk', 'nsoz-head').then(function (s) {
    S.nav('body.html');
    var select = $('body-code');
    (s.bodies || []).forEach(function (code) {
      var o = document.createElement('option');
      o.value = code;
      o.textContent = code;
      select.appendChild(o);
    });
    S.api('GET', '/reference/bodies').then(function (r) {
      var items = r.status === 200 && r.json ? r.json.items || [] : [];
      Array.prototype.forEach.call(select.options, function (o) {
        items.forEach(function (b) { if (b.code === o.value) { o.textContent = t(b.nameUk, b.nameEn) + ' (' + b.code + ')'; } });
      });
    });
    if (!select.options.length) {
      $('inbox-summary').textContent = t('Вашому обліковому запису не призначено жодного органу.', 'Your account is not assigned to any body.');
      return;
    }
    select.addEventListener('change', load);
    $('inbox-filter').addEventListener('change', load);
    load();
  });
}());
