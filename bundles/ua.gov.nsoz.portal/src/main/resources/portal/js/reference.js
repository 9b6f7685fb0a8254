/* NSOZ portal: the reference base (GET /public/reference?q=&type=&lang=). */
(function () {
  'use strict';
  var N = window.NSOZ, t = N.t;
  var form = document.getElementById('reference-form');
  var summary = document.getElementById('errors');
  var list = document.getElementById('reference-results');
  var total = document.getElementById('reference-total');
  var TYPES = {
    CONTACT_CENTER: ['Контактний центр', 'Contact center'], HOTLINE: ['Гаряча лінія', 'Hotline'],
    BODY: ['Орган влади', 'Body'], SERVICE: ['Послуга', 'Service']
  };

  var params = new URLSearchParams(window.location.search);
  if (params.get('q')) { document.getElementById('q').value = params.get('q'); }
  if (params.get('type') && TYPES[params.get('type')]) { document.getElementById('ref-type').value = params.get('type'); }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    search(true);
  });

  function search(loud) {
    N.clearErrors(form, summary);
    var q = document.getElementById('q').value.trim();
    var type = document.getElementById('ref-type').value;
    var path = '/public/reference?q=' + encodeURIComponent(q) + (type ? '&type=' + encodeURIComponent(type) : '')
      + '&lang=' + N.lang;
    total.textContent = t('Пошук…', 'Searching…');
    N.api('GET', path).then(function (r) {
      if (r.status === 200 && r.body && Array.isArray(r.body.items)) {
        render(r.body.items, r.body.total);
        return;
      }
      total.textContent = '';
      if (!loud) { return; }
      var errors = r.body && Array.isArray(r.body.errors) && r.body.errors.length
        ? r.body.errors.map(function (e) {
          return { field: e.field === 'type' ? 'ref-type' : (e.field === 'q' ? 'q' : null), message: N.bilingual(e.message) };
        })
        : [{ field: null, message: r.status === 429
          ? t('Забагато запитів. Спробуйте ще раз ', 'Too many requests. Try again ') + N.retryAfterWords(r.headers.get('Retry-After')) + '.'
          : N.message(r.body, 'Пошук не вдався (' + r.status + ').', 'The search failed (' + r.status + ').') }];
      N.showErrors(summary, errors);
      summary.focus();
    }).catch(function () {
      total.textContent = '';
      if (loud) {
        N.showErrors(summary, [{ field: null, message: t('Немає зв\u2019язку з сервером.', 'No connection to the server.') }]);
        summary.focus();
      }
    });
  }

  function pick(item, base) {
    var uk = item[base + 'Uk'], en = item[base + 'En'];
    return N.lang === 'en' ? (en || uk) : (uk || en);
  }

  function line(parent, labelUk, labelEn, value, href) {
    if (!value) { return; }
    var dt = document.createElement('dt');
    dt.textContent = t(labelUk, labelEn);
    var dd = document.createElement('dd');
    if (href) {
      var a = document.createElement('a');
      a.href = href;
      a.textContent = value;
      if (/^https?:/i.test(href)) { a.rel = 'noopener noreferrer'; a.target = '_blank'; }
      dd.appendChild(a);
    } else {
      dd.textContent = value;
    }
    parent.appendChild(dt);
    parent.appendChild(dd);
  }

  function render(items, count) {
    list.textContent = '';
    total.textContent = t('Знайдено: ', 'Found: ') + (typeof count === 'number' ? count : items.length);
    items.forEach(function (item) {
      var li = document.createElement('li');
      var h = document.createElement('h3');
      h.textContent = pick(item, 'name') || item.code || '';
      li.appendChild(h);
      var tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = TYPES[item.type] ? t(TYPES[item.type][0], TYPES[item.type][1]) : (item.type || '');
      li.appendChild(tag);
      var d = pick(item, 'description');
      if (d) { var p = document.createElement('p'); p.textContent = d; li.appendChild(p); }
      var dl = document.createElement('dl');
      dl.className = 'facts';
      line(dl, 'Регіон', 'Region', item.region);
      line(dl, 'Телефон', 'Phone', item.phone, item.phone ? 'tel:' + String(item.phone).replace(/[^0-9+]/g, '') : null);
      line(dl, 'Ел. пошта', 'E-mail', item.email, item.email ? 'mailto:' + item.email : null);
      line(dl, 'Адреса', 'Address', item.address);
      line(dl, 'Графік роботи', 'Hours', pick(item, 'schedule'));
      var url = item.url && /^https?:\/\//i.test(item.url) ? item.url : null;
      line(dl, 'Сайт', 'Website', url, url);
      li.appendChild(dl);
      list.appendChild(li);
    });
  }

  search(false);
}());
