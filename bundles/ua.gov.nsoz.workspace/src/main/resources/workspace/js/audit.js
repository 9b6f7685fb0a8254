/* NSOZ staff workspace: the auditor's page. The audit log of personal data with its filters (GET /api/v1/audit:
   user, appeal, action, from, to, offset, limit; newest first, paged) and the check of its hash chain
   (GET /api/v1/audit/chain). The filters are kept in the address (?user=...&appeal=...), so a search can be linked. */
(function () {
  'use strict';
  var S = window.Staff, F = window.StaffForms, t = S.t, esc = S.esc;
  var form = document.getElementById('audit-form');
  var summary = document.getElementById('errors');
  var FIELDS = ['user', 'appeal', 'action', 'from', 'to', 'limit'];
  var ACTIONS = { READ: ['Читання', 'Read'], SEARCH: ['Пошук', 'Search'], CREATE: ['Створення', 'Create'],
    CHANGE: ['Зміна', 'Change'], EXPORT: ['Вивантаження', 'Export'], ANONYMIZE: ['Знеособлення', 'Anonymize'],
    DENIED: ['Відмова в доступі', 'Refused'] };
  var offset = 0;

  function params() {
    var p = new URLSearchParams();
    FIELDS.forEach(function (k) {
      var v = document.getElementById(k).value.trim();
      if (v) { p.set(k, v); }
    });
    return p;
  }

  function search() {
    F.clear(summary, form);
    var p = params();
    if (offset) { p.set('offset', String(offset)); }
    var el = document.getElementById('audit-entries');
    el.setAttribute('aria-busy', 'true');
    return S.api('GET', '/audit?' + p.toString()).then(function (r) {
      el.setAttribute('aria-busy', 'false');
      if (r.status === 400) { F.errors(summary, r.json); return; }
      if (r.status !== 200) { F.refused(el, r); return; }
      var keep = new URLSearchParams(window.location.search);
      FIELDS.forEach(function (k) { if (p.has(k)) { keep.set(k, p.get(k)); } else { keep.delete(k); } });
      window.history.replaceState(null, '', window.location.pathname + '?' + keep.toString());
      var page = r.json;
      var last = Math.min(page.offset + page.items.length, page.total);
      var count = page.total ? t('Записи ' + (page.offset + 1) + '–' + last + ' з ' + page.total,
        'Entries ' + (page.offset + 1) + '–' + last + ' of ' + page.total) : t('Записів не знайдено', 'No entries found');
      var c = document.getElementById('audit-count');
      c.textContent = count;
      c.setAttribute('data-total', String(page.total));
      if (!page.items.length) { el.textContent = ''; } else {
        var h = '<div class="table-scroll" tabindex="0" role="region" aria-label="' + esc(t('Таблиця, її можна прокрутити', 'Table, scrollable')) + '"><table id="audit-table"><caption>' + esc(t('Журнал аудиту (час — київський)', 'Audit log (Kyiv time)'))
          + '</caption><thead><tr>' + ['№|Seq', 'Коли|When', 'Хто|Who', 'Ролі|Roles', 'Дія|Action', 'Звернення|Appeal', 'Що|What', 'Звідки|From where', 'Вузол|Node']
          .map(function (x) { var q = x.split('|'); return '<th scope="col">' + esc(t(q[0], q[1])) + '</th>'; }).join('') + '</tr></thead><tbody>';
        page.items.forEach(function (e) {
          h += '<tr data-action="' + esc(e.action) + '" data-actor="' + esc(e.actor) + '"><td class="num">' + esc(e.seq) + '</td><td>'
            + esc(S.dateTime(e.at)) + '</td><td>' + esc(e.actor) + '</td><td>' + esc(e.roles || '') + '</td><td>'
            + esc(ACTIONS[e.action] ? t(ACTIONS[e.action][0], ACTIONS[e.action][1]) : e.action) + '</td><td>'
            + (e.appealId ? '<a class="appeal-filter" href="?appeal=' + encodeURIComponent(e.appealId) + '" data-appeal="' + esc(e.appealId) + '">' + esc(e.appealId) + '</a>' : '—')
            + '</td><td>' + esc(e.what || '') + '</td><td>' + esc(e.origin || '') + '</td><td>' + esc(e.node || '') + '</td></tr>';
        });
        el.innerHTML = h + '</tbody></table></div>';
        el.querySelectorAll('a.appeal-filter').forEach(function (a) {
          a.addEventListener('click', function (ev) {
            ev.preventDefault();
            document.getElementById('appeal').value = a.getAttribute('data-appeal');
            offset = 0;
            search().then(function () { document.getElementById('entries-heading').scrollIntoView(); });
          });
        });
      }
      document.getElementById('audit-prev').hidden = page.offset === 0;
      document.getElementById('audit-next').hidden = last >= page.total;
      S.announce(count);
    });
  }

  function checkChain() {
    var out = document.getElementById('chain-result');
    var b = document.getElementById('chain-check');
    b.disabled = true;
    out.textContent = t('Перевіряємо…', 'Checking…');
    out.removeAttribute('data-intact');
    return S.api('GET', '/audit/chain').then(function (r) {
      b.disabled = false;
      if (r.status !== 200) { F.refused(out, r); return; }
      var c = r.json;
      out.setAttribute('data-intact', String(c.intact));
      out.className = c.intact ? 'good' : 'bad';
      out.textContent = c.intact
        ? t('Ланцюжок цілий: ' + c.entries + ' записів, найновіший № ' + (c.lastSeq || '—') + ' (перевірено ' + S.dateTime(c.checkedAt) + ').',
          'The chain holds: ' + c.entries + ' entries, the newest No. ' + (c.lastSeq || '—') + ' (checked ' + S.dateTime(c.checkedAt) + ').')
        : t('Ланцюжок порушено з запису № ' + c.brokenAt + '. Повідомте відповідального за захист інформації.',
          'The chain is broken at entry No. ' + c.brokenAt + '. Tell the person responsible for information security.');
    });
  }

  S.require('nsoz-auditor').then(function () {
    S.nav('audit.html');
    var q = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (k) { if (q.get(k)) { document.getElementById(k).value = q.get(k); } });
    form.addEventListener('submit', function (ev) { ev.preventDefault(); offset = 0; search(); });
    document.getElementById('chain-check').addEventListener('click', checkChain);
    document.getElementById('audit-next').addEventListener('click', function () {
      offset += parseInt(document.getElementById('limit').value, 10) || 50;
      search();
    });
    document.getElementById('audit-prev').addEventListener('click', function () {
      offset = Math.max(0, offset - (parseInt(document.getElementById('limit').value, 10) || 50));
      search();
    });
    search().then(function () { document.body.setAttribute('data-ready', 'yes'); });
  });
}());
