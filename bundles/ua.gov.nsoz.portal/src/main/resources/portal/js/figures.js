/* NSOZ portal: the node's work in figures from its open data (GET /open-data, the last twelve closed months):
   totals, a table and an inline SVG bar chart per month and per section of the classifier. No chart library. */
(function () {
  'use strict';
  var N = window.NSOZ, t = N.t;
  var box = document.getElementById('figures');
  var SVG = 'http://www.w3.org/2000/svg';

  // The node's name is not asked for: GET /api/v1/node needs a login, and its 401 would make a browser ask the
  // citizen for a password. The page's generic sentence says whose figures these are.


  /** @return the twelve months up to this one (Kyiv time) as from/to query parameters; this month is still open */
  function period() {
    var ym = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit' })
      .format(new Date()).split('-');
    var y = Number(ym[0]), m = Number(ym[1]);
    var last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    var fy = m === 12 ? y : y - 1, fm = m === 12 ? 1 : m + 1;
    return 'from=' + fy + '-' + ('0' + fm).slice(-2) + '-01&to=' + y + '-' + ('0' + m).slice(-2) + '-' + last;
  }

  var sections = {};   // section code -> its name in the classifier, when known
  var topics = N.api('GET', '/public/topics').then(function (r) {
    (r.status === 200 && r.body && Array.isArray(r.body.items) ? r.body.items : []).forEach(function (i) {
      sections[i.code] = t(i.nameUk, i.nameEn || i.nameUk);
    });
  }).catch(function () { /* codes only */ });

  topics.then(function () { return N.api('GET', '/open-data?format=json&' + period()); }).then(function (r) {
    box.removeAttribute('aria-busy');
    box.textContent = '';
    if (r.status !== 200 || !r.body || !Array.isArray(r.body.rows)) {
      fail(N.message(r.body, 'Дані недоступні (' + r.status + ').', 'The data are not available (' + r.status + ').'));
      return;
    }
    render(r.body);
  }).catch(function () {
    box.removeAttribute('aria-busy');
    box.textContent = '';
    fail(t('Немає зв\u2019язку з сервером.', 'No connection to the server.'));
  });

  function fail(message) {
    var p = document.createElement('p');
    p.textContent = message;
    box.appendChild(p);
  }

  function add(map, key, row) {
    var a = map[key] || (map[key] = { received: 0, answered: 0, onTime: 0, suppressed: false });
    if (row.received === null || row.answered === null || row.answeredOnTime === null) { a.suppressed = true; }
    a.received += row.received || 0;
    a.answered += row.answered || 0;
    a.onTime += row.answeredOnTime || 0;
  }

  function render(data) {
    var byMonth = {}, bySection = {}, all = {};
    data.rows.forEach(function (row) {
      add(byMonth, row.month, row);
      add(bySection, row.section || '—', row);
      add(all, 'all', row);
    });
    var period = document.createElement('p');
    period.textContent = t('Період: ', 'Period: ') + N.date(data.from) + ' — ' + N.date(data.to) + '. '
      + t('Кількості менші за ' + data.minCell + ' не публікуються, щоб не можна було впізнати заявника; суми нижче їх не містять.',
        'Counts under ' + data.minCell + ' are not published so that no applicant can be recognised; the sums below leave them out.')
      + t(' Поточний місяць ще триває.', ' The current month is not over yet.');
    box.appendChild(period);

    var a = all.all || { received: 0, answered: 0, onTime: 0 };
    var totals = document.createElement('ul');
    totals.className = 'totals';
    [[t('Надійшло звернень', 'Appeals received'), a.received],
      [t('Надано відповідей', 'Answered'), a.answered],
      [t('Вчасно', 'On time'), a.answered ? Math.round(100 * a.onTime / a.answered) + ' %' : '—']].forEach(function (p) {
      var li = document.createElement('li');
      var s = document.createElement('strong');
      s.textContent = String(p[1]);
      li.appendChild(s);
      li.appendChild(document.createTextNode(p[0]));
      totals.appendChild(li);
    });
    box.appendChild(totals);

    if (!data.rows.length) {
      fail(t('За цей період даних ще немає.', 'There are no data for this period yet.'));
      return;
    }
    box.appendChild(legend());
    section('by-month', t('Звернення за місяцями', 'Appeals by month'), t('Місяць', 'Month'), byMonth,
      Object.keys(byMonth).sort());
    section('by-section', t('Звернення за розділами класифікатора', 'Appeals by section of the classifier'),
      t('Розділ', 'Section'), bySection, Object.keys(bySection).sort(function (x, y) {
        return bySection[y].received - bySection[x].received;
      }));
  }

  function legend() {
    var ul = document.createElement('ul');
    ul.className = 'legend';
    [['received', t('надійшло', 'received')], ['answered', t('з відповіддю', 'answered')],
      ['ontime', t('відповідь вчасно', 'answered on time')]].forEach(function (p) {
      var li = document.createElement('li');
      var sw = document.createElement('span');
      sw.className = p[0];
      sw.setAttribute('aria-hidden', 'true');
      li.appendChild(sw);
      li.appendChild(document.createTextNode(p[1]));
      ul.appendChild(li);
    });
    return ul;
  }

  function section(id, title, keyTitle, map, keys) {
    var h = document.createElement('h2');
    h.id = id + '-heading';
    h.textContent = title;
    box.appendChild(h);
    box.appendChild(chart(id, title, map, keys));
    var wrap = document.createElement('div');
    wrap.className = 'table-scroll';
    var table = document.createElement('table');
    table.id = id + '-table';
    var cap = document.createElement('caption');
    cap.textContent = title;
    table.appendChild(cap);
    var head = document.createElement('tr');
    [keyTitle, t('Надійшло', 'Received'), t('З відповіддю', 'Answered'), t('Вчасно', 'On time')].forEach(function (c, i) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = c;
      if (i) { th.className = 'num'; }
      head.appendChild(th);
    });
    var thead = document.createElement('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var body = document.createElement('tbody');
    keys.forEach(function (k) {
      var v = map[k], tr = document.createElement('tr');
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = k + (id === 'by-section' && sections[k] ? ' — ' + sections[k] : '') + (v.suppressed ? ' *' : '');
      tr.appendChild(th);
      [v.received, v.answered, v.onTime].forEach(function (n) {
        var td = document.createElement('td');
        td.className = 'num';
        td.textContent = String(n);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    box.appendChild(wrap);
    if (keys.some(function (k) { return map[k].suppressed; })) {
      var note = document.createElement('p');
      note.className = 'hint';
      note.textContent = t('* є приховані малі кількості', '* some small counts are suppressed');
      box.appendChild(note);
    }
  }

  function el(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  /** A horizontal bar chart: one group of three bars per key. The table after it carries the same numbers. */
  function chart(id, title, map, keys) {
    var labelW = 110, barH = 10, gap = 14, width = 640, plotW = width - labelW - 50;
    var groupH = barH * 3 + gap;
    var height = keys.length * groupH + 10;
    var max = 1;
    keys.forEach(function (k) { max = Math.max(max, map[k].received, map[k].answered, map[k].onTime); });
    var svg = el('svg', { viewBox: '0 0 ' + width + ' ' + height, 'class': 'chart', role: 'img',
      'aria-labelledby': id + '-title', id: id + '-chart' });
    svg.appendChild(el('title', { id: id + '-title' }, title + t(' (ті самі числа — у таблиці нижче)', ' (the same numbers are in the table below)')));
    svg.appendChild(el('line', { x1: labelW, y1: 0, x2: labelW, y2: height, 'class': 'axis' }));
    keys.forEach(function (k, i) {
      var y = i * groupH + 5, v = map[k];
      var label = k.length > 16 ? k.slice(0, 15) + '…' : k;
      svg.appendChild(el('text', { x: labelW - 6, y: y + barH * 1.5 + 4, 'text-anchor': 'end' }, label));
      [['bar-received', v.received], ['bar-answered', v.answered], ['bar-ontime', v.onTime]].forEach(function (b, j) {
        var w = Math.round(plotW * b[1] / max);
        svg.appendChild(el('rect', { x: labelW + 1, y: y + j * barH, width: Math.max(w, b[1] ? 1 : 0), height: barH - 1,
          'class': b[0] }));
        if (j === 0) {
          svg.appendChild(el('text', { x: labelW + 4 + w, y: y + barH - 1 }, String(b[1])));
        }
      });
    });
    return svg;
  }
}());
