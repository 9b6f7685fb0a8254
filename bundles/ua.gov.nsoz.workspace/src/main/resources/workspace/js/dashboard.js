/* NSOZ staff workspace: the dashboard of supervisors, analysts and heads. Statistics of a period with a grouping
   (GET /api/v1/stats) and the server's chart of it (the same query as SVG), the executive bodies' scorecards
   (GET /api/v1/stats/scorecards), and for analysts the monitoring alerts (GET /api/v1/alerts, acknowledge, close)
   and the quarterly reports (GET /api/v1/reports). Each part shows what the API answers: a part the API refuses to
   the person's roles (403) says so instead of its data. */
(function () {
  'use strict';
  var S = window.Staff, t = S.t, esc = S.esc;
  var form = document.getElementById('stats-form');
  var summary = document.getElementById('errors');

  function iso(d) {
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }

  function query() {
    var p = new URLSearchParams();
    ['from', 'to', 'granularity', 'groupBy'].forEach(function (k) {
      var v = document.getElementById(k).value;
      if (v) { p.set(k, v); }
    });
    return p;
  }

  /** A part of the page that the API refused or failed: the API's own words. */
  function refused(el, r) {
    var p = document.createElement('p');
    p.className = r.status === 403 ? 'refused' : 'bad';
    p.setAttribute('data-status', String(r.status));
    p.textContent = (r.status === 403 ? t('Недоступно для ваших ролей: ', 'Not available to your roles: ')
      : t('Не вдалося: ', 'Failed: ')) + S.message(r.json, 'помилка ' + r.status, 'error ' + r.status);
    el.textContent = '';
    el.appendChild(p);
  }

  function showErrors(json) {
    summary.textContent = '';
    var list = (json && json.errors) || [];
    var h = document.createElement('p');
    h.className = 'errors-heading';
    h.textContent = list.length ? t('Перевірте, будь ласка:', 'Please check:') : S.message(json);
    summary.appendChild(h);
    var ul = document.createElement('ul');
    list.forEach(function (e) {
      var li = document.createElement('li');
      li.textContent = S.bilingual(e.message);
      ul.appendChild(li);
      var field = document.getElementById(e.field);
      if (field) {
        field.setAttribute('aria-invalid', 'true');
        var slot = document.getElementById(e.field + '-error');
        if (slot) { slot.textContent = S.bilingual(e.message); slot.hidden = false; }
      }
    });
    summary.appendChild(ul);
    summary.hidden = false;
    summary.focus();
  }

  function clearErrors() {
    summary.hidden = true;
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    form.querySelectorAll('.field-error').forEach(function (el) { el.hidden = true; el.textContent = ''; });
  }

  function num(v) {
    if (v === undefined || v === null) { return '—'; }
    return typeof v === 'number' ? v.toLocaleString(S.lang === 'en' ? 'en-GB' : 'uk-UA') : String(v);
  }

  function measureName(m) { return S.lang === 'en' ? m.en : m.uk; }

  function statsTable(json) {
    var shown = json.measures.filter(function (m) {
      return json.rows.some(function (r) { return r.values && r.values[m.code] !== undefined; });
    });
    var grouped = !!json.groupBy;
    var stepped = json.granularity && json.granularity !== 'ALL';
    var h = '<div class="table-scroll" tabindex="0" role="region" aria-label="' + esc(t('Таблиця, її можна прокрутити', 'Table, scrollable')) + '"><table id="stats-table"><caption>' + esc(t('Звернення з ', 'Appeals from ')
      + S.date(json.from) + t(' по ', ' to ') + S.date(json.to) + t(' (попередній період: ', ' (previous period: ')
      + S.date(json.previousFrom) + '–' + S.date(json.previousTo) + t(', його числа — у дужках)', ', its figures in brackets)')) + '</caption><thead><tr>';
    if (stepped) { h += '<th scope="col">' + esc(t('Період', 'Period')) + '</th>'; }
    if (grouped) { h += '<th scope="col">' + esc(t('Група', 'Group')) + '</th>'; }
    shown.forEach(function (m) { h += '<th scope="col" class="num">' + esc(measureName(m)) + '</th>'; });
    h += '</tr></thead><tbody>';
    json.rows.forEach(function (r) {
      h += '<tr>';
      if (stepped) { h += '<th scope="row">' + esc(S.date(r.periodStart)) + '</th>'; }
      if (grouped) { h += (stepped ? '<td>' : '<th scope="row">') + esc(r.label || r.key || '—') + (stepped ? '</td>' : '</th>'); }
      shown.forEach(function (m) {
        var prev = r.previous && r.previous[m.code] !== undefined
          ? ' <span class="previous">(' + esc(num(r.previous[m.code])) + ')</span>' : '';
        h += '<td class="num">' + esc(num(r.values[m.code])) + prev + '</td>';
      });
      h += '</tr>';
    });
    h += '</tbody></table></div>';
    if (!json.rows.length) { h = '<p id="stats-empty">' + esc(t('За цей період звернень немає.', 'No appeals in this period.')) + '</p>'; }
    return h;
  }

  function loadStats() {
    var el = document.getElementById('stats');
    el.setAttribute('aria-busy', 'true');
    var q = query();
    return S.api('GET', '/stats?' + q.toString()).then(function (r) {
      el.setAttribute('aria-busy', 'false');
      if (r.status === 400) { showErrors(r.json); return; }
      if (r.status !== 200) { refused(el, r); document.getElementById('chart-figure').hidden = true; return; }
      el.innerHTML = statsTable(r.json);
      if (r.json.scope) {
        document.getElementById('scope').textContent = t('Межі: ', 'Scope: ') + (r.json.scope.body
          ? t('орган ', 'body ') + r.json.scope.body : (r.json.scope.node ? t('центр ', 'contact center ') + r.json.scope.node
          : t('усі звернення', 'all appeals'))) + t('. Дані станом на ', '. Data as of ') + S.dateTime(r.json.asOf) + '.';
      }
      var csv = new URLSearchParams(q);
      csv.set('format', 'csv');
      document.getElementById('stats-csv').href = '/api/v1/stats?' + csv.toString();
      var chartQ = new URLSearchParams(q);
      var measure = document.getElementById('measure');
      chartQ.set('format', 'svg');
      chartQ.set('measure', measure.value);
      var img = document.getElementById('chart');
      var label = measure.options[measure.selectedIndex].textContent;
      img.alt = t('Діаграма: ', 'Chart: ') + label + t(' — ті самі числа, що в таблиці вище', ' — the same figures as the table above');
      img.src = '/api/v1/stats?' + chartQ.toString();
      document.getElementById('chart-caption').textContent = label + ', ' + S.date(r.json.from) + '–' + S.date(r.json.to);
      document.getElementById('chart-figure').hidden = false;
      S.announce(t('Статистику оновлено', 'Statistics updated'));
    });
  }

  function loadScorecards() {
    var el = document.getElementById('scorecards');
    var q = new URLSearchParams();
    q.set('from', document.getElementById('from').value);
    q.set('to', document.getElementById('to').value);
    return S.api('GET', '/stats/scorecards?' + q.toString()).then(function (r) {
      if (r.status !== 200) { refused(el, r); return; }
      var items = r.json.items || [];
      if (!items.length) { el.innerHTML = '<p>' + esc(t('Немає органів із зверненнями за цей період.', 'No bodies with appeals in this period.')) + '</p>'; return; }
      var h = '<div class="table-scroll" tabindex="0" role="region" aria-label="' + esc(t('Таблиця, її можна прокрутити', 'Table, scrollable')) + '"><table id="scorecards-table"><caption>' + esc(t('Найкращі першими; у дужках — місце в попередньому періоді', 'Best first; the previous period\u2019s rank in brackets')) + '</caption><thead><tr>'
        + '<th scope="col" class="num">' + esc(t('Місце', 'Rank')) + '</th><th scope="col">' + esc(t('Орган', 'Body')) + '</th>'
        + '<th scope="col" class="num">' + esc(t('Надійшло', 'Received')) + '</th><th scope="col" class="num">' + esc(t('Відповідь у строк', 'Answered on time')) + '</th>'
        + '<th scope="col" class="num">' + esc(t('Прострочено зараз', 'Overdue now')) + '</th><th scope="col" class="num">' + esc(t('Середня оцінка', 'Mean rating')) + '</th></tr></thead><tbody>';
      items.forEach(function (c) {
        h += '<tr><td class="num">' + esc(c.rank) + (c.previousRank ? ' (' + esc(c.previousRank) + ')' : '') + '</td><th scope="row">'
          + esc(c.name || c.body) + '</th><td class="num">' + esc(num(c.values.RECEIVED)) + '</td><td class="num">'
          + esc(num(c.values.ANSWERED_ON_TIME)) + '</td><td class="num">' + esc(num(c.overdueNow)) + '</td><td class="num">'
          + esc(num(c.values.MEAN_RATING)) + '</td></tr>';
      });
      el.innerHTML = h + '</tbody></table></div>';
    });
  }

  var STATUS = { OPEN: ['Нове', 'Open'], ACKNOWLEDGED: ['Прийнято до уваги', 'Acknowledged'], CLOSED: ['Закрито', 'Closed'] };
  var KIND = { SPIKE: ['Сплеск звернень', 'Spike of appeals'], NEW_ISSUE: ['Нова проблема', 'Newly emerging issue'] };
  var SEVERITY = { LOW: ['Низька', 'Low'], MEDIUM: ['Середня', 'Medium'], HIGH: ['Висока', 'High'] };
  function named(d, c) { return d[c] ? t(d[c][0], d[c][1]) : (c || ''); }

  function loadAlerts() {
    var el = document.getElementById('alerts');
    var status = document.getElementById('alert-status').value;
    el.setAttribute('aria-busy', 'true');
    return S.api('GET', '/alerts' + (status ? '?status=' + encodeURIComponent(status) : '')).then(function (r) {
      el.setAttribute('aria-busy', 'false');
      if (r.status !== 200) { refused(el, r); return; }
      var items = r.json.items || [];
      el.textContent = '';
      if (!items.length) {
        el.innerHTML = '<p id="alerts-empty">' + esc(t('Сповіщень немає.', 'No alerts.')) + '</p>';
        return;
      }
      var ul = document.createElement('ul');
      ul.className = 'results';
      ul.id = 'alerts-list';
      items.forEach(function (a) {
        var li = document.createElement('li');
        li.setAttribute('data-alert', a.id);
        var hid = 'alert-' + a.id + '-h';
        li.innerHTML = '<h3 id="' + esc(hid) + '">' + esc(named(KIND, a.kind)) + ': ' + esc(a.section || '') + (a.region ? ' · ' + esc(a.region) : '')
          + '</h3><p>' + esc(t('Важливість: ', 'Severity: ') + named(SEVERITY, a.severity) + ' · ' + t('стан: ', 'status: ')
          + named(STATUS, a.status) + ' · ' + t('з ', 'since ') + S.date(a.since) + ' · ' + t('спостережено ', 'observed ')
          + a.observed + t(', очікувано ', ', expected ') + (Math.round(a.expected * 10) / 10) + t(', поріг ', ', threshold ') + a.threshold)
          + '</p>' + (a.note ? '<p>' + esc(t('Примітка: ', 'Note: ') + a.note) + '</p>' : '');
        if (a.status === 'OPEN') {
          var ack = document.createElement('button');
          ack.type = 'button';
          ack.className = 'alert-ack';
          ack.textContent = t('Прийняти до уваги', 'Acknowledge');
          ack.setAttribute('aria-describedby', hid);
          ack.addEventListener('click', function () { act(a, 'acknowledge', null); });
          li.appendChild(ack);
        }
        if (a.status !== 'CLOSED') {
          var f = document.createElement('form');
          f.className = 'row alert-close';
          f.noValidate = true;
          var nid = 'alert-' + a.id + '-note';
          f.innerHTML = '<div class="field"><label for="' + esc(nid) + '">' + esc(t('Примітка до закриття', 'Closing note')) + '</label><input type="text" id="'
            + esc(nid) + '" maxlength="2000" required></div><button type="submit">' + esc(t('Закрити', 'Close')) + '</button>';
          f.addEventListener('submit', function (ev) {
            ev.preventDefault();
            act(a, 'close', { note: document.getElementById(nid).value });
          });
          li.appendChild(f);
        }
        ul.appendChild(li);
      });
      el.appendChild(ul);
    });
  }

  function act(alert, what, body) {
    return S.api('POST', '/alerts/' + encodeURIComponent(alert.id) + '/' + what, body || undefined).then(function (r) {
      if (r.status === 200) {
        S.announce(what === 'close' ? t('Сповіщення закрито', 'Alert closed') : t('Сповіщення прийнято до уваги', 'Alert acknowledged'));
        return loadAlerts();
      }
      if (r.status === 400) { showErrors(r.json); return; }
      refused(document.getElementById('alerts'), r);
    });
  }

  function loadReports() {
    var el = document.getElementById('reports');
    return S.api('GET', '/reports').then(function (r) {
      if (r.status !== 200) { refused(el, r); return; }
      var items = r.json.items || [];
      if (!items.length) { el.innerHTML = '<p>' + esc(t('Звітів ще немає.', 'No reports yet.')) + '</p>'; return; }
      var h = '<ul id="reports-list">';
      items.forEach(function (x) {
        h += '<li><a href="' + esc(x.pdf) + '">' + esc(x.year + ' ' + t('квартал ', 'quarter ') + x.quarter + ' (' + x.node + ')') + '</a> '
          + esc(t('PDF, сформовано ', 'PDF, made ') + S.dateTime(x.generatedAt)) + '</li>';
      });
      el.innerHTML = h + '</ul>';
    });
  }

  S.require('nsoz-supervisor', 'nsoz-analyst', 'nsoz-head').then(function (s) {
    S.nav('dashboard.html');
    var today = new Date();
    document.getElementById('from').value = iso(new Date(today.getFullYear(), today.getMonth(), 1));
    document.getElementById('to').value = iso(today);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      clearErrors();
      loadStats();
      loadScorecards();
    });
    document.getElementById('alert-status').addEventListener('change', loadAlerts);
    // Alerts and reports are the analysts' (the API answers 403 to the others): asked all the same, so that the page
    // says what the API says rather than guessing; a person without the role sees the refusal in place.
    Promise.all([loadStats(), loadScorecards(), loadAlerts(), loadReports()]).then(function () {
      document.body.setAttribute('data-ready', 'yes');
    });
  });
}());
