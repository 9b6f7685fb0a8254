/* NSOZ staff workspace: the knowledge base. Everyone with KNOWLEDGE_READ searches (GET /api/v1/knowledge/articles?q=
   &topic=&limit=, hits with a highlighted snippet) and reads an article (GET /api/v1/knowledge/articles/{code});
   a supervisor at the center writes (PUT) and withdraws (DELETE) articles. At a region the editor is not offered:
   the API refuses there too (the center edits and sends each change to the regions). */
(function () {
  'use strict';
  var S = window.Staff, F = window.StaffForms, t = S.t, esc = S.esc;
  var summary = document.getElementById('errors');
  var editorForm = document.getElementById('editor-form');
  var current = null;

  /** A snippet's text with the search's marks kept (<b>, <em>, <mark>, <strong>) and everything else escaped. */
  function snippet(s) {
    return esc(s).replace(/&lt;(\/?)(b|em|mark|strong)&gt;/gi, function (m, slash) { return '<' + slash + 'mark>'; });
  }

  function hitsOf(json) {
    if (Array.isArray(json)) { return json; }
    return (json && (json.items || json.hits)) || [];
  }

  function search() {
    F.clear(summary, document.getElementById('search-form'));
    var p = new URLSearchParams();
    var q = document.getElementById('q').value.trim();
    var topic = document.getElementById('topic').value.trim();
    if (q) { p.set('q', q); }
    if (topic) { p.set('topic', topic); }
    p.set('limit', '20');
    var ul = document.getElementById('hits');
    return S.api('GET', '/knowledge/articles?' + p.toString()).then(function (r) {
      var count = document.getElementById('hits-count');
      if (r.status === 400) { F.errors(summary, r.json); return; }
      if (r.status !== 200) { F.refused(count, r); ul.textContent = ''; return; }
      var hits = hitsOf(r.json);
      count.textContent = hits.length ? t('Знайдено статей: ' + hits.length, 'Articles found: ' + hits.length)
        : t('Нічого не знайдено', 'Nothing found');
      count.setAttribute('data-count', String(hits.length));
      ul.textContent = '';
      hits.forEach(function (hit) {
        // a hit is {article, snippet, score} (or the article's fields beside the snippet)
        var h = hit.article ? Object.assign({ snippet: hit.snippet }, hit.article) : hit;
        if (h.withdrawn) { return; }
        var li = document.createElement('li');
        li.setAttribute('data-code', h.code);
        li.innerHTML = '<h3><a href="#' + esc(encodeURIComponent(h.code)) + '" class="article-link">' + esc(h.title || h.code) + '</a></h3>'
          + (h.snippet ? '<p class="snippet">' + snippet(h.snippet) + '</p>' : '')
          + '<p class="hint">' + esc(h.code + ((h.topics && h.topics.length) ? ' · ' + h.topics.join(', ') : '')) + '</p>';
        li.querySelector('a').addEventListener('click', function (ev) {
          ev.preventDefault();
          open(h.code);
        });
        ul.appendChild(li);
      });
      S.announce(count.textContent);
    });
  }

  function open(code) {
    return S.api('GET', '/knowledge/articles/' + encodeURIComponent(code)).then(function (r) {
      var section = document.getElementById('article-section');
      if (r.status !== 200) { F.errors(summary, r.json); return; }
      var a = r.json;
      current = a;
      section.hidden = false;
      section.setAttribute('data-code', a.code);
      document.getElementById('article-title').textContent = a.title + (a.withdrawn ? t(' (вилучено)', ' (withdrawn)') : '');
      document.getElementById('article-meta').textContent = a.code + ' · ' + t('версія ', 'version ') + a.version + ' · '
        + S.dateTime(a.updatedAt) + (a.updatedBy ? ' · ' + a.updatedBy : '') + ((a.topics && a.topics.length) ? ' · ' + a.topics.join(', ') : '');
      var body = document.getElementById('article-body');
      body.textContent = '';
      String(a.body || '').split(/\n{2,}/).forEach(function (para) {
        var p = document.createElement('p');
        p.textContent = para;
        body.appendChild(p);
      });
      if (!editorForm.closest('section').hidden) {
        document.getElementById('code').value = a.code;
        document.getElementById('title').value = a.title;
        document.getElementById('body').value = a.body || '';
        document.getElementById('topics').value = (a.topics || []).join(', ');
      }
      window.history.replaceState(null, '', window.location.pathname + window.location.search + '#' + encodeURIComponent(a.code));
      document.getElementById('article-title').focus();
    });
  }

  function save() {
    F.clear(summary, editorForm);
    var code = document.getElementById('code').value.trim();
    if (!/^[A-Z][A-Z0-9-]{0,39}$/.test(code)) {
      F.errors(summary, { errors: [{ field: 'code', message: 'Код: латинські великі літери, цифри, дефіси, до 40, з літери / '
        + 'Code: Latin capitals, digits and dashes, up to 40, starting with a letter' }] });
      return Promise.resolve();
    }
    var topics = document.getElementById('topics').value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    return S.api('PUT', '/knowledge/articles/' + encodeURIComponent(code), {
      title: document.getElementById('title').value, body: document.getElementById('body').value, topics: topics
    }).then(function (r) {
      if (r.status === 200 || r.status === 201) {
        var msg = t('Статтю ' + code + ' збережено', 'Article ' + code + ' saved');
        setResult(msg, 'saved');
        return open(code);
      }
      F.errors(summary, r.json);
    });
  }

  function withdraw() {
    var code = document.getElementById('code').value.trim();
    if (!code) { return; }
    if (!window.confirm(t('Вилучити статтю ' + code + '?', 'Withdraw article ' + code + '?'))) { return; }
    S.api('DELETE', '/knowledge/articles/' + encodeURIComponent(code)).then(function (r) {
      if (r.status === 200 || r.status === 204) {
        setResult(t('Статтю ' + code + ' вилучено', 'Article ' + code + ' withdrawn'), 'withdrawn');
        return open(code);
      }
      F.errors(summary, r.json);
    });
  }

  function setResult(msg, what) {
    var p = document.getElementById('editor-result');
    if (!p) {
      p = document.createElement('p');
      p.id = 'editor-result';
      p.setAttribute('role', 'status');
      editorForm.after(p);
    }
    p.setAttribute('data-result', what);
    p.textContent = msg;
    S.announce(msg);
  }

  S.require('nsoz-operator', 'nsoz-supervisor', 'nsoz-clerk', 'nsoz-head', 'nsoz-analyst').then(function (s) {
    S.nav('knowledge.html');
    document.getElementById('search-form').addEventListener('submit', function (ev) { ev.preventDefault(); search(); });
    var editor = document.getElementById('editor-section');
    if (S.has(s, 'nsoz-supervisor')) {
      editor.hidden = false;
      if (s.nodeRole !== 'CENTRAL') {
        // the API would refuse (the center edits); say so rather than offer a form that cannot work here
        editorForm.hidden = true;
        document.getElementById('editor-note').textContent = t('Статті редагують у центрі (' + 'вузол ' + s.node
          + ' — регіональний); сюди вони надходять через обмін.', 'Articles are edited at the center (node ' + s.node
          + ' is a region); they arrive here over the link.');
      }
      editorForm.addEventListener('submit', function (ev) { ev.preventDefault(); save(); });
      document.getElementById('withdraw').addEventListener('click', withdraw);
      document.getElementById('new-article').addEventListener('click', function () {
        editorForm.reset();
        current = null;
        document.getElementById('code').focus();
      });
    }
    var q = new URLSearchParams(window.location.search).get('q');
    if (q) { document.getElementById('q').value = q; }
    var code = decodeURIComponent(window.location.hash.replace(/^#/, ''));
    var first = code ? open(code) : Promise.resolve();
    first.then(search).then(function () { document.body.setAttribute('data-ready', 'yes'); });
  });
}());
