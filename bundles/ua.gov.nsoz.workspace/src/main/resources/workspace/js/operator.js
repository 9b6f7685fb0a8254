/* NSOZ staff workspace: the operator console. Waits for a ringing call (GET /calls/ringing long poll), opens the
   registration form with the caller's number and their earlier appeals (GET /calls/{id}); topic search as you type
   (GET /reference/topics, held in the page); similar appeals while typing (GET /appeals?q=); register, link the call
   (PUT /calls/{id}/appeal), take the router's proposal (GET /reference/route/{id}) and forward (POST .../actions
   FORWARD) in one step; or answer at first contact from a knowledge article (GET /knowledge/articles?q=). */
(function () {
  'use strict';
  var S = window.Staff, t = S.t;
  var $ = function (id) { return document.getElementById(id); };
  var topics = [], bodies = [], categories = [];
  var call = null;          // the call the form was opened for
  var registered = null;    // the appeal registered from the form (answer of POST /appeals)
  var route = null;
  var polling = false, stopped = false;
  var handled = {};        // ids of the calls registered from this page

  function bodyName(code) {
    for (var i = 0; i < bodies.length; i++) {
      if (bodies[i].code === code) { return t(bodies[i].nameUk, bodies[i].nameEn) + ' (' + code + ')'; }
    }
    return code || '';
  }

  function items(json) {
    if (Array.isArray(json)) { return json; }
    if (!json) { return []; }
    return json.items || json.hits || json.calls || [];
  }

  // ---- calls ----
  function poll() {
    if (polling || stopped) { return; }
    polling = true;
    var started = Date.now();
    S.api('GET', '/calls/ringing?wait=25').then(function (r) {
      polling = false;
      if (r.status === 200) {
        // a call already registered (linked to an appeal, here or before) is not offered again
        var live = items(r.json);
        var list = live.filter(function (c) { return !c.appealId && !handled[c.id]; });
        showRinging(list.length ? list[0] : null);
        // the server answers at once while a call is live: ask again in a while, not in a loop
        window.setTimeout(poll, live.length ? 3000 : Date.now() - started < 1000 ? 2000 : 0);
      } else if (r.status === 404 || r.status === 403) {
        $('call-state').textContent = t('Телефонія на цьому вузлі недоступна: реєструйте звернення вручну.',
          'Telephony is not available on this node: register appeals by hand.');
      } else {
        window.setTimeout(poll, 5000);
      }
    }, function () { polling = false; window.setTimeout(poll, 5000); });
  }

  var shown = null;
  function showRinging(c) {
    if (!c) {
      if (!call) { $('call-state').hidden = false; $('call-banner').hidden = true; }
      return;
    }
    if (call && call.id === c.id) { return; }
    if (!shown || shown.id !== c.id || shown.state !== c.state) {
      shown = c;
      $('call-state').hidden = true;
      $('call-banner').hidden = false;
      $('call-number').textContent = c.callerNumber || t('номер приховано', 'number withheld');
      $('call-status').textContent = c.state === 'RINGING' ? t('дзвонить', 'ringing') : t('розмова', 'in conversation');
      $('call-since').textContent = S.dateTime(c.ringingAt);
      S.announce(t('Вхідний дзвінок ', 'Incoming call ') + (c.callerNumber || ''));
    }
  }

  function openCall(c) {
    S.api('GET', '/calls/' + encodeURIComponent(c.id)).then(function (r) {
      var rec = r.status === 200 && r.json ? (r.json.call || r.json) : c;
      var earlier = r.status === 200 && r.json ? (r.json.earlierAppeals || []) : [];
      call = rec;
      resetForm();
      $('phone').value = rec.callerNumber || '';
      $('channel').value = 'PHONE';
      $('call-banner').hidden = true;
      $('call-state').hidden = false;
      $('call-state').textContent = t('Дзвінок з ', 'Call from ') + (rec.callerNumber || '') + t(': форму відкрито.', ': the form is open.');
      showEarlier(earlier);
      $('fullName').focus();
    });
  }

  function showEarlier(list) {
    var ul = $('earlier-appeals');
    ul.textContent = '';
    if (!list.length) {
      var li = document.createElement('li');
      li.textContent = t('Раніше звернень з цього номера не було.', 'No earlier appeals from this number.');
      ul.appendChild(li);
      return;
    }
    list.forEach(function (a) {
      var li = document.createElement('li');
      var link = document.createElement('a');
      link.href = S.base + 'appeal.html?id=' + encodeURIComponent(a.id || a.registrationNumber);
      link.textContent = a.registrationNumber;
      li.appendChild(link);
      li.appendChild(document.createTextNode(' · ' + S.date(a.registeredAt || a.date) + ' · ' + S.status(a.status)));
      ul.appendChild(li);
    });
  }

  // ---- topics: search as you type over the classifier held in the page ----
  var topicInput = $('topic-q'), suggest = $('topic-suggest');
  var chosenTopic = null;

  function norm(s) { return String(s || '').toLowerCase(); }

  function suggestTopics() {
    var q = norm(topicInput.value.trim());
    suggest.textContent = '';
    if (q.length < 2) { suggest.hidden = true; topicInput.setAttribute('aria-expanded', 'false'); return; }
    var hits = topics.filter(function (tp) {
      return norm(tp.nameUk).indexOf(q) >= 0 || norm(tp.nameEn).indexOf(q) >= 0 || norm(tp.code).indexOf(q) === 0;
    }).slice(0, 12);
    hits.forEach(function (tp) {
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = tp.code + ' — ' + t(tp.nameUk, tp.nameEn);
      b.addEventListener('click', function () { chooseTopic(tp); });
      li.appendChild(b);
      suggest.appendChild(li);
    });
    suggest.hidden = hits.length === 0;
    topicInput.setAttribute('aria-expanded', hits.length ? 'true' : 'false');
    S.announce(hits.length + t(' тем знайдено', ' topics found'));
  }

  function chooseTopic(tp) {
    chosenTopic = tp;
    topicInput.value = t(tp.nameUk, tp.nameEn);
    $('topic-chosen').textContent = t('Обрано: ', 'Chosen: ') + tp.code + ' — ' + t(tp.nameUk, tp.nameEn);
    $('topic-chosen').className = 'hint chosen';
    suggest.hidden = true;
    topicInput.setAttribute('aria-expanded', 'false');
    topicInput.focus();
  }

  topicInput.addEventListener('input', function () { chosenTopic = null; $('topic-chosen').textContent = ''; suggestTopics(); });
  topicInput.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown' && !suggest.hidden) {
      ev.preventDefault();
      var first = suggest.querySelector('button');
      if (first) { first.focus(); }
    } else if (ev.key === 'Escape') {
      suggest.hidden = true;
      topicInput.setAttribute('aria-expanded', 'false');
    }
  });
  suggest.addEventListener('keydown', function (ev) {
    var buttons = Array.prototype.slice.call(suggest.querySelectorAll('button'));
    var i = buttons.indexOf(document.activeElement);
    if (ev.key === 'ArrowDown' && i < buttons.length - 1) { ev.preventDefault(); buttons[i + 1].focus(); }
    if (ev.key === 'ArrowUp') { ev.preventDefault(); if (i > 0) { buttons[i - 1].focus(); } else { topicInput.focus(); } }
    if (ev.key === 'Escape') { suggest.hidden = true; topicInput.focus(); }
  });

  // ---- similar appeals while typing (what the API can say before registration) ----
  var similarTimer = null;
  function checkSimilar() {
    window.clearTimeout(similarTimer);
    similarTimer = window.setTimeout(function () {
      var words = $('text').value.toLowerCase().split(/[^0-9a-zа-яіїєґ']+/i).filter(function (w) { return w.length > 4; });
      var box = $('similar');
      if (words.length < 2) { box.textContent = ''; return; }
      var q = words.slice(0, 3).join(' ');
      S.api('GET', '/appeals?limit=5&q=' + encodeURIComponent(q)).then(function (r) {
        box.textContent = '';
        var list = r.status === 200 ? items(r.json) : [];
        if (!list.length) { return; }
        var div = document.createElement('div');
        div.className = 'warn';
        div.id = 'similar-warning';
        div.appendChild(document.createTextNode(t('Схожі звернення вже є — можливо, повторне чи дублікат: ',
          'Similar appeals exist — possibly a repeated one or a duplicate: ')));
        list.forEach(function (a, i) {
          var link = document.createElement('a');
          link.href = S.base + 'appeal.html?id=' + encodeURIComponent(a.id);
          link.textContent = a.registrationNumber + ' (' + S.status(a.status) + ')';
          if (i) { div.appendChild(document.createTextNode(', ')); }
          div.appendChild(link);
        });
        box.appendChild(div);
      });
    }, 600);
  }
  $('text').addEventListener('input', checkSimilar);

  // ---- registration ----
  function resetForm() {
    $('register-form').reset();
    chosenTopic = null;
    registered = null;
    route = null;
    $('topic-chosen').textContent = '';
    $('similar').textContent = '';
    $('result').hidden = true;
    $('errors').hidden = true;
  }

  function showErrors(list) {
    var box = $('errors');
    box.textContent = '';
    var ul = document.createElement('ul');
    list.forEach(function (m) { var li = document.createElement('li'); li.textContent = m; ul.appendChild(li); });
    box.appendChild(ul);
    box.hidden = false;
    box.focus();
  }

  function apiErrors(r, uk, en) {
    if (r.json && Array.isArray(r.json.errors) && r.json.errors.length) {
      return r.json.errors.map(function (e) { return (e.field ? e.field + ': ' : '') + S.bilingual(e.message); });
    }
    return [S.message(r.json, uk + ' (' + r.status + ')', en + ' (' + r.status + ')')];
  }

  function request() {
    var applicant = { type: 'CITIZEN' };
    ['fullName', 'address', 'email', 'phone'].forEach(function (f) {
      var v = $(f).value.trim();
      if (v) { applicant[f] = v; }
    });
    if ($('category').value) { applicant.category = $('category').value; }
    var req = { kind: $('kind').value, channel: $('channel').value, text: $('text').value.trim(), applicant: applicant,
      confidential: $('confidential').checked };
    if (chosenTopic) { req.topic = chosenTopic.code; }
    if (req.channel === 'POST' || req.channel === 'IN_PERSON') { req.signed = true; }
    return req;
  }

  function register() {
    if (registered) { return Promise.resolve(registered); }
    $('text-error').hidden = true;
    $('text').removeAttribute('aria-invalid');
    var req = request();
    if (!req.text) {
      $('text').setAttribute('aria-invalid', 'true');
      $('text-error').textContent = t('Опишіть суть звернення.', 'Describe the essence of the appeal.');
      $('text-error').hidden = false;
      showErrors([$('text-error').textContent]);
      return Promise.reject(new Error('invalid'));
    }
    return S.api('POST', '/appeals', req).then(function (r) {
      if (r.status !== 201) {
        showErrors(apiErrors(r, 'Не вдалося зареєструвати', 'Could not register'));
        throw new Error('refused');
      }
      registered = r.json;
      var link = call ? S.api('PUT', '/calls/' + encodeURIComponent(call.id) + '/appeal', { appealId: registered.id })
        : Promise.resolve(null);
      return link.then(function (lr) {
        $('result-call').textContent = !call ? t('без дзвінка', 'no call')
          : lr && (lr.status === 200 || lr.status === 204) ? t('пов\u2019язано: ', 'linked: ') + (call.callerNumber || call.id)
            : t('не вдалося пов\u2019язати', 'could not link') + (lr ? ' (' + lr.status + ')' : '');
        return S.api('GET', '/reference/route/' + encodeURIComponent(registered.id));
      }).then(function (rr) {
        route = rr.status === 200 ? rr.json : null;
        showResult(registered);
        return registered;
      });
    });
  }

  function showResult(a) {
    $('result').hidden = false;
    $('result-number').textContent = a.registrationNumber;
    $('result-number').href = S.base + 'appeal.html?id=' + encodeURIComponent(a.id);
    $('result-code').textContent = a.accessCode || '—';
    $('result-status').textContent = S.status(a.status);
    var p = a.processing || {};
    var cls = p.classification || 'PRIMARY';
    $('result-classification').textContent = cls + (p.relatedTo ? ' — ' + t('до ', 'of ') + p.relatedTo : '');
    $('result-classification').className = cls === 'PRIMARY' ? '' : 'bad';
    var reasons = $('route-reasons');
    reasons.textContent = '';
    if (route) {
      $('route-body').textContent = route.body ? bodyName(route.body.code) : t('немає пропозиції', 'no proposal');
      var li = document.createElement('li');
      li.textContent = t(route.reasonUk, route.reasonEn);
      reasons.appendChild(li);
      (route.trace || []).forEach(function (s) {
        var l = document.createElement('li');
        l.textContent = S.bilingual(s);
        reasons.appendChild(l);
      });
    } else {
      $('route-body').textContent = t('маршрутизатор не відповів', 'the router did not answer');
    }
    $('forward-now').hidden = !(a.status === 'REGISTERED' && (route && route.body || $('forward-body').value));
  }

  function forward() {
    var body = $('forward-body').value || (route && route.body ? route.body.code : null);
    if (!body) {
      showErrors([t('Оберіть орган: маршрутизатор не запропонував жодного.', 'Choose a body: the router proposed none.')]);
      $('forward-body').focus();
      return Promise.resolve(null);
    }
    return S.api('POST', '/appeals/' + encodeURIComponent(registered.id) + '/actions', { action: 'FORWARD', body: body })
      .then(function (r) {
        if (r.status !== 200 && r.status !== 202) {
          showErrors(apiErrors(r, 'Не вдалося направити', 'Could not forward'));
          return null;
        }
        var a = r.json.appeal || registered;
        registered.status = a.status;
        $('result-status').textContent = S.status(a.status) + ' — ' + bodyName(body);
        $('forward-now').hidden = true;
        return a;
      });
  }

  function done(a) {
    if (call) { handled[call.id] = true; }
    $('result').focus();
    S.announce(t('Звернення зареєстровано: ', 'Appeal registered: ') + a.registrationNumber);
    call = null;
    poll();
  }

  $('register-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var button = $('register-forward');
    button.disabled = true;
    register().then(function (a) {
      return a.status === 'REGISTERED' ? forward().then(function () { return a; }) : a;
    }).then(function (a) { button.disabled = false; done(a); }, function () { button.disabled = false; });
  });
  $('register-only').addEventListener('click', function () {
    var button = $('register-only');
    button.disabled = true;
    register().then(function (a) { button.disabled = false; done(a); }, function () { button.disabled = false; });
  });
  $('forward-now').addEventListener('click', function () { forward(); });
  $('take-call').addEventListener('click', function () { if (shown) { openCall(shown); } });
  $('new-appeal').addEventListener('click', function () {
    call = null;
    resetForm();
    showEarlier([]);
    $('fullName').focus();
  });

  // ---- knowledge base: answer at first contact ----
  function snippet(el, text) {
    // the highlighted parts come as <b>/<mark>/<em>; everything else stays text
    String(text || '').split(/(<\/?(?:b|mark|em|strong)>)/i).reduce(function (mark, part) {
      if (/^<(b|mark|em|strong)>$/i.test(part)) { return true; }
      if (/^<\/(b|mark|em|strong)>$/i.test(part)) { return false; }
      var node = mark ? document.createElement('mark') : null;
      var tn = document.createTextNode(part.replace(/<[^>]*>/g, ''));
      if (node) { node.appendChild(tn); el.appendChild(node); } else { el.appendChild(tn); }
      return mark;
    }, false);
  }

  $('kb-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var q = $('kb-q').value.trim();
    var ul = $('kb-results');
    ul.textContent = '';
    if (!q) { return; }
    S.api('GET', '/knowledge/articles?limit=5&q=' + encodeURIComponent(q)).then(function (r) {
      var hits = r.status === 200 ? items(r.json) : [];
      if (!hits.length) {
        var li = document.createElement('li');
        li.textContent = r.status === 200 ? t('Нічого не знайдено.', 'Nothing found.')
          : t('База знань недоступна (' + r.status + ').', 'The knowledge base is not available (' + r.status + ').');
        ul.appendChild(li);
        S.announce(li.textContent);
        return;
      }
      hits.forEach(function (h) {
        var a = h.article || h;
        var li = document.createElement('li');
        var h3 = document.createElement('h3');
        h3.textContent = a.title + ' (' + a.code + ')';
        var p = document.createElement('p');
        p.className = 'snippet';
        snippet(p, h.snippet || h.highlight || String(a.body || '').slice(0, 200));
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'secondary kb-answer';
        b.setAttribute('data-code', a.code);
        b.textContent = t('Відповісти цією статтею', 'Answer with this article');
        b.addEventListener('click', function () { answerWith(a, b); });
        li.appendChild(h3);
        li.appendChild(p);
        li.appendChild(b);
        ul.appendChild(li);
      });
      S.announce(hits.length + t(' статей знайдено', ' articles found'));
    });
  });

  function answerWith(article, button) {
    button.disabled = true;
    var full = article.body ? Promise.resolve(article)
      : S.api('GET', '/knowledge/articles/' + encodeURIComponent(article.code)).then(function (r) { return r.json || article; });
    full.then(function (a) {
      return register().then(function (appeal) {
        return S.api('POST', '/appeals/' + encodeURIComponent(appeal.id) + '/actions',
          { action: 'ANSWER_AT_FIRST_CONTACT', text: a.title + '\n\n' + (a.body || ''), article: a.code });
      });
    }).then(function (r) {
      button.disabled = false;
      if (r.status !== 200 && r.status !== 202) {
        showErrors(apiErrors(r, 'Не вдалося відповісти', 'Could not answer'));
        return;
      }
      registered.status = r.json.appeal ? r.json.appeal.status : 'ANSWERED_AT_FIRST_CONTACT';
      $('result-status').textContent = S.status(registered.status) + ' — ' + article.code;
      $('forward-now').hidden = true;
      done(registered);
    }, function () { button.disabled = false; });
  }

  // ---- start ----
  S.require('nsoz-operator', 'nsoz-supervisor').then(function () {
    S.nav('operator.html');
    S.api('GET', '/reference/topics').then(function (r) { topics = r.status === 200 ? items(r.json) : []; });
    S.api('GET', '/reference/categories').then(function (r) {
      categories = r.status === 200 ? items(r.json) : [];
      categories.forEach(function (c) {
        var o = document.createElement('option');
        o.value = c.code;
        o.textContent = c.code + ' — ' + t(c.nameUk, c.nameEn) + (c.priority ? t(' (пріоритетно)', ' (priority)') : '');
        $('category').appendChild(o);
      });
    });
    S.api('GET', '/reference/bodies').then(function (r) {
      bodies = r.status === 200 ? items(r.json) : [];
      bodies.forEach(function (b) {
        var o = document.createElement('option');
        o.value = b.code;
        o.textContent = t(b.nameUk, b.nameEn) + ' (' + b.code + ')';
        $('forward-body').appendChild(o);
      });
    });
    poll();
  });
  window.addEventListener('pagehide', function () { stopped = true; });
}());
