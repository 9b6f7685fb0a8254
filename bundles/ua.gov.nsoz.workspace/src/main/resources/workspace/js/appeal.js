/* NSOZ staff workspace: one appeal (?id=): its data (GET /appeals/{id}), history, deadline with its explanation,
   documents, calls (GET /appeals/{id}/calls), and the actions the person's roles allow in its status
   (POST /appeals/{id}/actions; answer documents uploaded first with POST /documents). At a node that does not own
   the appeal an action is sent to the owner (202): the page says so and reloads when the owner's event comes back. */
(function () {
  'use strict';
  var S = window.Staff, t = S.t;
  var $ = function (id) { return document.getElementById(id); };
  var id = new URLSearchParams(window.location.search).get('id');
  var session = null, appeal = null, bodies = [], uploads = [];
  var OPEN = ['REGISTERED', 'FORWARDED', 'ACCEPTED', 'IN_PROGRESS', 'EXTENDED', 'REDIRECTED'];

  function bodyName(code) {
    for (var i = 0; i < bodies.length; i++) {
      if (bodies[i].code === code) { return t(bodies[i].nameUk, bodies[i].nameEn) + ' (' + code + ')'; }
    }
    return code || '—';
  }

  function text(el, v) { $(el).textContent = v === null || v === undefined || v === '' ? '—' : v; }

  function error(msg) {
    var box = $('errors');
    box.textContent = msg;
    box.hidden = false;
    box.focus();
  }

  function apiError(r, uk, en) {
    if (r.json && Array.isArray(r.json.errors) && r.json.errors.length) {
      return r.json.errors.map(function (e) { return (e.field ? e.field + ': ' : '') + S.bilingual(e.message); }).join(' ');
    }
    return S.message(r.json, uk + ' (' + r.status + ')', en + ' (' + r.status + ')');
  }

  function load() {
    return S.api('GET', '/appeals/' + encodeURIComponent(id)).then(function (r) {
      if (r.status !== 200) {
        error(apiError(r, 'Звернення недоступне', 'The appeal is not available'));
        return;
      }
      appeal = r.json;
      show(appeal);
      history();
      deadline();
      calls();
    });
  }

  function show(a) {
    var p = a.processing || {};
    document.title = a.registrationNumber + ' — ' + t('Звернення — НСОЗ', 'Appeal — NSOZ');
    text('appeal-number', a.registrationNumber);
    text('appeal-status', S.status(a.status));
    text('appeal-kind', S.kind(a.kind));
    text('appeal-registered', S.dateTime(a.registeredAt));
    text('appeal-node', a.node + (a.region ? ' · ' + a.region : ''));
    text('appeal-topic', a.topic);
    text('appeal-body', p.body ? bodyName(p.body) + (p.forwardedAt ? ' · ' + S.dateTime(p.forwardedAt) : '') : '');
    var ap = a.applicant || {};
    text('appeal-applicant', [ap.fullName, ap.address, ap.phone, ap.email].filter(Boolean).join(' · ')
      + (p.priority ? t(' · пріоритетний', ' · priority') : ''));
    text('appeal-classification', (p.classification || '') + (p.relatedTo ? ' — ' + p.relatedTo : ''));
    text('appeal-marks', (a.marks || []).map(function (m) { return m.code + ' (' + m.article + ')'; }).join(', '));
    text('appeal-text', a.text);
    var docs = $('appeal-documents');
    docs.textContent = '';
    (a.attachments || []).concat(p.answerDocuments || []).forEach(function (d) {
      var li = document.createElement('li');
      if (d.sha256) {
        var link = document.createElement('a');
        link.href = '/api/v1/appeals/' + encodeURIComponent(a.id) + '/documents/' + d.sha256;
        link.textContent = d.fileName;
        li.appendChild(link);
      } else {
        li.textContent = d.fileName;
      }
      li.appendChild(document.createTextNode(d.sizeBytes ? ' (' + Math.ceil(d.sizeBytes / 1024) + ' KiB)' : ''));
      docs.appendChild(li);
    });
    if (!docs.children.length) { docs.textContent = t('Немає.', 'None.'); }
    $('answer-box').hidden = !p.answer;
    if (p.answer) {
      text('answer-result', S.result(p.result) + (p.answeredAt ? ' · ' + S.dateTime(p.answeredAt) : ''));
      text('answer-text', p.answer);
    }
    actions(a);
  }

  function history() {
    S.api('GET', '/appeals/' + encodeURIComponent(id) + '/history').then(function (r) {
      var ol = $('appeal-history');
      ol.textContent = '';
      (r.status === 200 ? r.json : []).forEach(function (e) {
        var li = document.createElement('li');
        var strong = document.createElement('strong');
        strong.textContent = S.action(e.type);
        var when = document.createElement('span');
        when.className = 'when';
        when.textContent = ' ' + S.dateTime(e.occurredAt) + ' · ' + e.node + (e.actor ? ' · ' + e.actor : '');
        li.appendChild(strong);
        li.appendChild(when);
        if (e.comment) {
          var c = document.createElement('div');
          c.textContent = e.comment;
          li.appendChild(c);
        }
        ol.appendChild(li);
      });
    });
  }

  function deadline() {
    S.api('GET', '/appeals/' + encodeURIComponent(id) + '/deadline').then(function (r) {
      if (r.status !== 200) { text('deadline-due', '—'); return; }
      var d = r.json;
      text('deadline-due', S.date(d.dueDate));
      var left = $('deadline-left');
      left.className = d.overdue ? 'bad' : '';
      left.textContent = !d.running ? t('(розгляд завершено)', '(consideration ended)')
        : d.overdue ? t('прострочено', 'overdue') : d.daysLeft !== undefined && d.daysLeft !== null
          ? t('(залишилось днів: ' + d.daysLeft + ')', '(' + d.daysLeft + ' days left)') : '';
      var ul = $('deadline-explanation');
      ul.textContent = '';
      (d.explanation || []).forEach(function (s) {
        var li = document.createElement('li');
        li.textContent = S.bilingual(s);
        ul.appendChild(li);
      });
      $('extend-term').textContent = t('Строк: ' + d.termDays + ' дн., продовжено на ' + d.extensionDays
        + ' дн.; загалом не більше 45 днів.', 'Term: ' + d.termDays + ' days, extended by ' + d.extensionDays
        + ' days; 45 days in all at most.');
    });
  }

  function calls() {
    S.api('GET', '/appeals/' + encodeURIComponent(id) + '/calls').then(function (r) {
      var ul = $('appeal-calls');
      ul.textContent = '';
      var list = r.status === 200 ? (Array.isArray(r.json) ? r.json : (r.json && r.json.items) || []) : [];
      list.forEach(function (c) {
        var li = document.createElement('li');
        li.textContent = S.dateTime(c.ringingAt) + ' · ' + (c.callerNumber || '') + ' · ' + (c.operator || '')
          + (c.durationSeconds ? ' · ' + c.durationSeconds + ' s' : '');
        ul.appendChild(li);
      });
      if (!list.length) {
        ul.textContent = r.status === 200 || r.status === 404 ? t('Немає.', 'None.') : t('Недоступно для вашої ролі.', 'Not available to your role.');
      }
    });
  }

  /** @return the last day a body may redirect (5 days of reaching it, Kyiv dates, Art. 7), as yyyy-mm-dd */
  function redirectUntil(p) {
    if (!p.forwardedAt) { return null; }
    var kyiv = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date(p.forwardedAt));
    var d = new Date(kyiv + 'T12:00:00Z');
    d.setUTCDate(d.getUTCDate() + 5);
    return d.toISOString().slice(0, 10);
  }

  function actions(a) {
    var p = a.processing || {};
    var center = S.has(session, 'operator') || S.has(session, 'supervisor');
    var bodyStaff = (S.has(session, 'clerk') || S.has(session, 'head')) && p.body && (session.bodies || []).indexOf(p.body) >= 0;
    var head = S.has(session, 'head') && bodyStaff;
    var st = a.status;
    var show = {
      'do-accept': bodyStaff && ['REGISTERED', 'FORWARDED', 'REDIRECTED'].indexOf(st) >= 0,
      'forward-form': center && st === 'REGISTERED',
      'first-contact-form': center && st === 'REGISTERED',
      'redirect-form': bodyStaff && ['FORWARDED', 'REDIRECTED', 'ACCEPTED', 'IN_PROGRESS', 'EXTENDED'].indexOf(st) >= 0,
      'extend-form': head && ['FORWARDED', 'REDIRECTED', 'ACCEPTED', 'IN_PROGRESS', 'EXTENDED'].indexOf(st) >= 0,
      'answer-form': bodyStaff && ['ACCEPTED', 'IN_PROGRESS', 'EXTENDED'].indexOf(st) >= 0,
      'note-form': center || bodyStaff
    };
    var any = false;
    Object.keys(show).forEach(function (k) { $(k).hidden = !show[k]; any = any || show[k]; });
    $('actions').hidden = !any;
    var until = redirectUntil(p);
    $('redirect-term').textContent = until
      ? t('Переадресувати можна не пізніше ' + S.date(until) + ' (5 днів від надходження до органу, ст. 7).',
        'It may be redirected until ' + S.date(until) + ' (5 days of reaching the body, Art. 7).')
      : '';
  }

  function act(req, button, okUk, okEn) {
    button.disabled = true;
    $('errors').hidden = true;
    return S.api('POST', '/appeals/' + encodeURIComponent(appeal.id) + '/actions', req).then(function (r) {
      button.disabled = false;
      if (r.status !== 200 && r.status !== 202) {
        error(apiError(r, 'Дію відхилено', 'The action was refused'));
        return false;
      }
      var out = $('action-result');
      out.hidden = false;
      out.textContent = r.status === 202
        ? t(okUk + ': надіслано вузлу ' + r.json.owner + ', що веде звернення; стан зміниться, щойно він застосує.',
          okEn + ': sent to the node ' + r.json.owner + ' that owns the appeal; the status changes once it applies it.')
        : t(okUk + '.', okEn + '.');
      out.focus();
      S.announce(out.textContent);
      if (r.status === 200) { appeal = r.json.appeal; show(appeal); history(); deadline(); } else { waitForOwner(appeal.version); }
      return true;
    }, function () { button.disabled = false; error(t('Немає зв\u2019язку з сервером.', 'No connection to the server.')); return false; });
  }

  /** After a 202: reload while the owner's event has not come back (at most 2 minutes). */
  function waitForOwner(version) {
    var until = Date.now() + 120000;
    var tick = function () {
      S.api('GET', '/appeals/' + encodeURIComponent(id)).then(function (r) {
        if (r.status === 200 && r.json.version > version) {
          appeal = r.json;
          show(appeal);
          history();
          deadline();
          S.announce(t('Стан оновлено: ', 'Status updated: ') + S.status(appeal.status));
        } else if (Date.now() < until) {
          window.setTimeout(tick, 2000);
        }
      });
    };
    window.setTimeout(tick, 1500);
  }

  function required(el, uk, en) {
    if ($(el).value.trim()) { $(el).removeAttribute('aria-invalid'); return true; }
    $(el).setAttribute('aria-invalid', 'true');
    error(t(uk, en));
    $(el).focus();
    return false;
  }

  $('do-accept').addEventListener('click', function () {
    act({ action: 'ACCEPT' }, $('do-accept'), 'Прийнято до розгляду', 'Accepted for consideration');
  });
  $('forward-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    act({ action: 'FORWARD', body: $('forward-to').value }, $('do-forward'), 'Направлено', 'Forwarded');
  });
  $('first-contact-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!required('first-contact-text', 'Напишіть відповідь.', 'Write the answer.')) { return; }
    act({ action: 'ANSWER_AT_FIRST_CONTACT', text: $('first-contact-text').value.trim() }, $('do-first-contact'),
      'Відповідь надано', 'Answered');
  });
  $('redirect-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!required('redirect-comment', 'Вкажіть, чому переадресовуєте.', 'Say why it is redirected.')) { return; }
    act({ action: 'REDIRECT', body: $('redirect-to').value, comment: $('redirect-comment').value.trim() }, $('do-redirect'),
      'Переадресовано', 'Redirected');
  });
  $('extend-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!required('extend-comment', 'Вкажіть підставу продовження.', 'Give the reason for the extension.')) { return; }
    act({ action: 'EXTEND', days: parseInt($('extend-days').value, 10), comment: $('extend-comment').value.trim() },
      $('do-extend'), 'Строк продовжено', 'Term extended');
  });
  $('note-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!required('note-comment', 'Напишіть примітку.', 'Write the note.')) { return; }
    act({ action: 'NOTE', comment: $('note-comment').value.trim() }, $('do-note'), 'Примітку додано', 'Note added')
      .then(function (ok) { if (ok) { $('note-comment').value = ''; } });
  });

  // answer documents: each file uploaded as it is chosen (POST /documents?name=), named in the answer by sha256
  $('answer-files').addEventListener('change', function () {
    var files = Array.prototype.slice.call($('answer-files').files);
    files.reduce(function (chain, f) {
      return chain.then(function () {
        var li = document.createElement('li');
        li.textContent = f.name + ' — ' + t('завантаження…', 'uploading…');
        $('answer-uploads').appendChild(li);
        return S.api('POST', '/documents?name=' + encodeURIComponent(f.name), f, { 'Content-Type': 'application/octet-stream' })
          .then(function (r) {
            if (r.status === 201 || r.status === 200) {
              uploads.push(r.json);
              li.textContent = f.name + ' — ' + t('завантажено', 'uploaded');
              li.className = 'good';
            } else {
              li.textContent = f.name + ' — ' + apiError(r, 'не прийнято', 'not accepted');
              li.className = 'bad';
            }
            S.announce(li.textContent);
          });
      });
    }, Promise.resolve());
  });
  $('answer-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!required('answer-text-input', 'Напишіть текст відповіді.', 'Write the text of the answer.')) { return; }
    act({ action: 'ANSWER', result: $('answer-result-select').value, text: $('answer-text-input').value.trim(),
      documents: uploads.slice() }, $('do-answer'), 'Відповідь надіслано', 'Answer sent')
      .then(function (ok) { if (ok) { uploads = []; $('answer-uploads').textContent = ''; } });
  });

  S.require('nsoz-operator', 'nsoz-supervisor', 'nsoz-clerk', 'nsoz-head', 'nsoz-analyst').then(function (s) {
    session = s;
    S.nav(null);
    var back = $('back');
    back.href = S.home(s);
    if (!id) { error(t('Не вказано звернення (?id=).', 'No appeal given (?id=).')); return; }
    S.api('GET', '/reference/bodies').then(function (r) {
      bodies = r.status === 200 && r.json ? r.json.items || [] : [];
      ['forward-to', 'redirect-to'].forEach(function (sel) {
        bodies.forEach(function (b) {
          var o = document.createElement('option');
          o.value = b.code;
          o.textContent = t(b.nameUk, b.nameEn) + ' (' + b.code + ')';
          $(sel).appendChild(o);
        });
      });
      load().then(function () {
        if (appeal && appeal.status === 'REGISTERED' && !$('forward-form').hidden) {
          S.api('GET', '/reference/route/' + encodeURIComponent(appeal.id)).then(function (rr) {
            if (rr.status === 200 && rr.json.body) {
              $('forward-to').value = rr.json.body.code;
              $('forward-proposal').textContent = t('Пропозиція маршрутизатора: ', 'The router proposes: ')
                + bodyName(rr.json.body.code) + ' — ' + t(rr.json.reasonUk, rr.json.reasonEn);
            }
          });
        }
      });
    });
  });
}());
