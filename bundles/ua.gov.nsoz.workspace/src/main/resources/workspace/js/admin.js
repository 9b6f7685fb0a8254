/* NSOZ staff workspace: the admin's page. Each link's state (GET /api/v1/sync), the dead letters with replay
   (GET /api/v1/sync/dead-letters, POST .../{messageId}/replay), the center's reference-data edits in effect
   (GET /api/v1/reference/edits) and editing them (PUT/DELETE /api/v1/reference/entries/{code},
   PUT /api/v1/reference/bodies/{code}, DELETE /api/v1/reference/rules/{id}; the API answers 409 at a region). */
(function () {
  'use strict';
  var S = window.Staff, F = window.StaffForms, t = S.t, esc = S.esc;
  var summary = document.getElementById('errors');

  function yes(b) { return b ? t('так', 'yes') : t('ні', 'no'); }

  function loadLinks() {
    var el = document.getElementById('links');
    el.setAttribute('aria-busy', 'true');
    return S.api('GET', '/sync').then(function (r) {
      el.setAttribute('aria-busy', 'false');
      if (r.status !== 200) { F.refused(el, r); return; }
      var s = r.json;
      var h = '<p id="broker-state">' + esc(t('Вузол ', 'Node ') + s.node + ' · ' + t('обмін працює: ', 'link running: ') + yes(s.linkRunning)
        + ' · ' + t('брокер: ', 'broker: ') + (s.broker && s.broker.up ? t('працює', 'up') : t('недоступний', 'down'))
        + ' · ' + t('відхилених повідомлень: ', 'dead letters: ') + (s.broker ? s.broker.deadLetters : '—')) + '</p>';
      h += '<div class="table-scroll" tabindex="0" role="region" aria-label="' + esc(t('Таблиця, її можна прокрутити', 'Table, scrollable')) + '"><table id="links-table"><caption>' + esc(t('Зв\u2019язок з кожним вузлом', 'Each link')) + '</caption><thead><tr>'
        + ['Вузол|Peer', 'Зʼєднано|Connected', 'Чекає відправлення|Backlog', 'Затримка, с|Lag, s', 'Відправлено|Shipped',
          'Отримано|Received', 'Останнє отримане|Last received'].map(function (c) {
          var p = c.split('|');
          return '<th scope="col">' + esc(t(p[0], p[1])) + '</th>';
        }).join('') + '</tr></thead><tbody>';
      (s.links || []).forEach(function (l) {
        var state = l.neverConnected ? t('ніколи не з\u2019єднувався', 'never connected') : (l.connected === undefined ? '—' : yes(l.connected));
        h += '<tr data-peer="' + esc(l.peer) + '"><th scope="row">' + esc(l.peer) + '</th><td>' + esc(state) + '</td><td class="num">'
          + esc(l.backlog) + '</td><td class="num">' + esc(l.lagSeconds === undefined ? '—' : l.lagSeconds) + '</td><td class="num">'
          + esc(l.shipped) + '</td><td class="num">' + esc(l.received) + '</td><td>' + esc(S.dateTime(l.lastReceivedAt) || '—') + '</td></tr>';
      });
      el.innerHTML = h + '</tbody></table></div>';
    });
  }

  function loadDeadLetters() {
    var el = document.getElementById('dead-letters');
    el.setAttribute('aria-busy', 'true');
    return S.api('GET', '/sync/dead-letters').then(function (r) {
      el.setAttribute('aria-busy', 'false');
      if (r.status !== 200) { F.refused(el, r); return; }
      el.textContent = '';
      var items = r.json.items || [];
      var count = document.createElement('p');
      count.id = 'dead-count';
      count.textContent = t('Усього: ', 'In all: ') + r.json.total;
      el.appendChild(count);
      if (!items.length) { return; }
      var ul = document.createElement('ul');
      ul.className = 'results';
      ul.id = 'dead-list';
      items.forEach(function (d, i) {
        var li = document.createElement('li');
        li.setAttribute('data-message', d.messageId);
        var hid = 'dead-' + i;
        li.innerHTML = '<h3 id="' + hid + '" class="code-like">' + esc(d.messageId) + '</h3><p>' + esc(t('Від: ', 'From: ') + (d.origin || '—')
          + ' · ' + t('черга: ', 'queue: ') + (d.fromQueue || '—') + ' · ' + S.dateTime(d.deadAt)) + '</p><p>'
          + esc(t('Причина: ', 'Reason: ') + (d.reason || '—')) + '</p>';
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'replay';
        b.textContent = t('Повернути в чергу', 'Replay');
        b.setAttribute('aria-describedby', hid);
        b.addEventListener('click', function () { replay(d, b); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      el.appendChild(ul);
    });
  }

  function replay(d, button) {
    button.disabled = true;
    return S.api('POST', '/sync/dead-letters/' + encodeURIComponent(d.messageId) + '/replay').then(function (r) {
      button.disabled = false;
      if (r.status === 200) {
        var msg = t('Повідомлення ' + d.messageId + ' повернуто в чергу ' + r.json.queue,
          'Message ' + d.messageId + ' replayed to queue ' + r.json.queue);
        var done = document.getElementById('replayed');
        if (!done) {
          done = document.createElement('p');
          done.id = 'replayed';
          done.setAttribute('role', 'status');
          document.getElementById('dead-letters').before(done);
        }
        done.setAttribute('data-message', d.messageId);
        done.textContent = msg;
        S.announce(msg);
        loadLinks();
        return loadDeadLetters();
      }
      F.errors(summary, r.json);
    });
  }

  function del(path, what) {
    return S.api('DELETE', path).then(function (r) {
      if (r.status === 200) { S.announce(t('Вилучено: ', 'Removed: ') + what); return showEdits(r.json); }
      F.errors(summary, r.json);
    });
  }

  function showEdits(e) {
    document.getElementById('edits-summary').textContent = e.revision
      ? t('Редакція ' + e.revision + ', ' + S.dateTime(e.editedAt) + ', ' + e.editedBy + '; довідники версії ' + e.version,
        'Revision ' + e.revision + ', ' + S.dateTime(e.editedAt) + ', by ' + e.editedBy + '; reference data version ' + e.version)
      : t('Змін центру немає; довідники версії ' + e.version, 'No edits by the center; reference data version ' + e.version);
    var el = document.getElementById('edits');
    el.textContent = '';
    function list(title, items, label, remove) {
      if (!items || !items.length) { return; }
      var h = document.createElement('h3');
      h.textContent = title;
      el.appendChild(h);
      var ul = document.createElement('ul');
      items.forEach(function (x) {
        var li = document.createElement('li');
        li.textContent = label(x) + ' ';
        if (remove) {
          var b = document.createElement('button');
          b.type = 'button';
          b.className = 'link-button';
          b.textContent = t('Вилучити', 'Remove');
          b.setAttribute('aria-label', t('Вилучити ', 'Remove ') + label(x));
          b.addEventListener('click', function () { remove(x); });
          li.appendChild(b);
        }
        ul.appendChild(li);
      });
      el.appendChild(ul);
    }
    list(t('Органи', 'Bodies'), e.bodies, function (b) { return b.code + ' — ' + (S.lang === 'en' && b.nameEn ? b.nameEn : b.nameUk); });
    list(t('Правила', 'Rules'), e.rules, function (x) { return x.id + ' → ' + x.bodyCode; }, function (x) {
      del('/reference/rules/' + encodeURIComponent(x.id), x.id);
    });
    list(t('Записи довідкової бази', 'Reference base entries'), e.entries, function (x) {
      return x.code + ' — ' + (S.lang === 'en' && x.nameEn ? x.nameEn : x.nameUk);
    }, function (x) { del('/reference/entries/' + encodeURIComponent(x.code), x.code); });
    list(t('Вилучені записи', 'Removed entries'), (e.removedEntries || []).concat(e.removedRules || []), function (c) { return c; });
    el.setAttribute('data-revision', String(e.revision));
  }

  function loadEdits() {
    return S.api('GET', '/reference/edits').then(function (r) {
      if (r.status !== 200) { F.refused(document.getElementById('edits'), r); return; }
      showEdits(r.json);
    });
  }

  function value(id) {
    var v = document.getElementById(id).value.trim();
    return v === '' ? null : v;
  }

  function save(form, path, body, prefix, what) {
    F.clear(summary, form);
    return S.api('PUT', path, body).then(function (r) {
      if (r.status === 200) {
        S.announce(t('Збережено: ', 'Saved: ') + what);
        return showEdits(r.json);
      }
      F.errors(summary, r.json, prefix);
    });
  }

  S.require('nsoz-admin').then(function () {
    S.nav('admin.html');
    document.getElementById('links-refresh').addEventListener('click', function () { loadLinks(); loadDeadLetters(); });
    var entry = document.getElementById('entry-form');
    entry.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var code = value('entry-code');
      if (!code) { F.errors(summary, { errors: [{ field: 'code', message: 'Вкажіть код / Give a code' }] }, 'entry-'); return; }
      save(entry, '/reference/entries/' + encodeURIComponent(code), {
        type: document.getElementById('entry-type').value, code: code, nameUk: value('entry-nameUk'),
        nameEn: value('entry-nameEn'), region: value('entry-region'), phone: value('entry-phone'),
        email: value('entry-email'), url: value('entry-url'), descriptionUk: value('entry-descriptionUk')
      }, 'entry-', code);
    });
    var body = document.getElementById('body-form');
    body.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var code = value('body-code');
      if (!code) { F.errors(summary, { errors: [{ field: 'code', message: 'Вкажіть код / Give a code' }] }, 'body-'); return; }
      save(body, '/reference/bodies/' + encodeURIComponent(code), {
        code: code, kind: document.getElementById('body-kind').value, nameUk: value('body-nameUk'),
        nameEn: value('body-nameEn'), region: value('body-region'), email: value('body-email')
      }, 'body-', code);
    });
    Promise.all([loadLinks(), loadDeadLetters(), loadEdits()]).then(function () {
      document.body.setAttribute('data-ready', 'yes');
    });
  });
}());
