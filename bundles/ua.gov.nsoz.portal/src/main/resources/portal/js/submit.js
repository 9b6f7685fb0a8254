/* NSOZ portal: the appeal form. Files uploaded one by one (POST /public/documents, raw body), then the proof of work
   (GET /public/challenge, solved by sha256.js in a Web Worker), then POST /public/appeals with one Idempotency-Key per
   form fill, so that a double click or a retry registers the appeal once. The receipt is shown once, never stored. */
(function () {
  'use strict';
  var N = window.NSOZ, t = N.t;
  var form = document.getElementById('appeal-form');
  var summary = document.getElementById('errors');
  var progress = document.getElementById('progress');
  var button = document.getElementById('submit');
  var fileInput = document.getElementById('files');
  var fileList = document.getElementById('file-list');
  var collective = document.getElementById('collective');
  var coSigners = document.getElementById('coSigners');
  var busy = false;
  var uploaded = {};            // file key -> the node's attachment JSON, so a retry does not upload again
  var idempotencyKey = uuid();  // one per form fill

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function fileKey(f) { return f.name + '|' + f.size + '|' + f.lastModified; }

  function syncCollective() {
    coSigners.disabled = !collective.checked;
    if (!collective.checked) { coSigners.value = ''; }
  }
  collective.addEventListener('change', syncCollective);
  syncCollective();

  function listFiles() {
    fileList.textContent = '';
    Array.prototype.forEach.call(fileInput.files, function (f) { fileList.appendChild(fileRow(f)); });
  }
  fileInput.addEventListener('change', listFiles);

  function fileRow(f) {
    var li = document.createElement('li');
    var name = document.createElement('span');
    name.textContent = f.name + ' (' + size(f.size) + ')';
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = uploaded[fileKey(f)] ? 100 : 0;
    bar.setAttribute('aria-label', t('Завантаження файлу ', 'Upload of the file ') + f.name);
    var state = document.createElement('span');
    state.className = uploaded[fileKey(f)] ? 'good' : '';
    state.textContent = uploaded[fileKey(f)] ? t('завантажено', 'uploaded') : t('буде завантажено', 'to be uploaded');
    li.appendChild(name); li.appendChild(bar); li.appendChild(state);
    li.bar = bar; li.state = state;
    return li;
  }

  function size(n) {
    if (n < 1024) { return n + t(' Б', ' B'); }
    if (n < 1024 * 1024) { return Math.round(n / 1024) + t(' КБ', ' KB'); }
    return (n / 1024 / 1024).toFixed(1) + t(' МБ', ' MB');
  }

  /** Topics for the select, from the classifier (GET /public/topics); the form works without them. */
  N.api('GET', '/public/topics').then(function (r) {
    if (r.status !== 200 || !r.body || !Array.isArray(r.body.items)) { return; }
    var select = document.getElementById('topic');
    r.body.items.forEach(function (item) {
      var o = document.createElement('option');
      o.value = item.code;
      o.textContent = t(item.nameUk, item.nameEn || item.nameUk);
      select.appendChild(o);
    });
  }).catch(function () { /* the topic stays optional */ });

  function value(id) {
    var v = document.getElementById(id).value.trim();
    return v === '' ? null : v;
  }

  /** @return the problems found before anything is sent */
  function check() {
    var errors = [];
    if (!value('text')) {
      errors.push({ field: 'text', message: t('Опишіть суть звернення.', 'Describe the essence of the appeal.') });
    }
    var email = value('email');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      errors.push({ field: 'email', message: t('Електронна адреса має вигляд name@example.org.',
        'An e-mail address looks like name@example.org.') });
    }
    if (collective.checked) {
      var n = Number(coSigners.value);
      if (!coSigners.value || !Number.isInteger(n) || n < 2) {
        errors.push({ field: 'coSigners', message: t('Вкажіть кількість підписантів: ціле число, не менше 2.',
          'Give the number of signatories: a whole number, 2 or more.') });
      }
    }
    if (!document.getElementById('consent').checked) {
      errors.push({ field: 'consent', message: t('Без згоди на обробку персональних даних звернення не можна подати.',
        'Without consent to the processing of personal data the appeal cannot be submitted.') });
    }
    return errors;
  }

  function fail(errors) {
    N.showErrors(summary, errors);
    summary.focus();
  }

  function done() {
    busy = false;
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (busy) { return; }          // a double click sends once
    N.clearErrors(form, summary);
    var errors = check();
    if (errors.length) { fail(errors); return; }
    busy = true;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    uploadAll().then(function (documents) {
      progress.textContent = t('перевірка…', 'checking…');
      return challenge().then(function (solved) { return register(documents, solved); });
    }).catch(function (problem) {
      progress.textContent = '';
      fail(problem && problem.errors ? problem.errors : [{ field: null, message: t(
        'Немає зв\u2019язку з сервером. Перевірте з\u2019єднання і натисніть «Подати звернення» ще раз: звернення не буде зареєстровано двічі.',
        'No connection to the server. Check the connection and press “Submit the appeal” again: the appeal will not be registered twice.') }]);
      done();
    });
  });

  /** Uploads the chosen files in turn. @return a Promise of their attachment JSONs */
  function uploadAll() {
    var files = Array.prototype.slice.call(fileInput.files);
    var rows = fileList.children;
    if (rows.length !== files.length) { listFiles(); rows = fileList.children; }
    var out = [];
    return files.reduce(function (chain, f, i) {
      return chain.then(function () {
        var key = fileKey(f);
        if (uploaded[key]) { out.push(uploaded[key]); return null; }
        progress.textContent = t('Завантаження файлів: ', 'Uploading files: ') + (i + 1) + ' / ' + files.length;
        return upload(f, rows[i]).then(function (doc) { uploaded[key] = doc; out.push(doc); });
      });
    }, Promise.resolve()).then(function () { return out; });
  }

  /** One file as the raw body of POST /public/documents?name=… (XMLHttpRequest: fetch tells no upload progress). */
  function upload(f, row) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/v1/public/documents?name=' + encodeURIComponent(f.name));
      xhr.setRequestHeader('Content-Type', f.type || 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      row.state.className = '';
      row.state.textContent = t('завантажується…', 'uploading…');
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { row.bar.value = Math.round(100 * e.loaded / e.total); }
      };
      xhr.onload = function () {
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
        if (xhr.status === 201 || xhr.status === 200) {
          row.bar.value = 100;
          row.state.className = 'good';
          row.state.textContent = t('завантажено', 'uploaded');
          resolve(body);
          return;
        }
        var why;
        if (xhr.status === 413) {
          why = t('файл завеликий', 'the file is too large');
        } else if (xhr.status === 415) {
          why = t('такий тип файлу не приймається (PDF, JPEG, PNG, DOCX, ODT)', 'this type of file is not accepted (PDF, JPEG, PNG, DOCX, ODT)');
        } else if (xhr.status === 400) {
          why = t('файл порожній або хибний', 'the file is empty or invalid');
        } else if (xhr.status === 429) {
          why = t('забагато файлів з вашої адреси; спробуйте ', 'too many files from your address; try again ')
            + N.retryAfterWords(xhr.getResponseHeader('Retry-After'));
        } else {
          why = N.message(body, 'не вдалося завантажити (' + xhr.status + ')', 'could not be uploaded (' + xhr.status + ')');
        }
        row.bar.value = 0;
        row.state.className = 'bad';
        row.state.textContent = why;
        reject({ errors: [{ field: 'files', message: t('Файл «', 'File “') + f.name + t('»: ', '”: ') + why }] });
      };
      xhr.onerror = function () { reject(null); };
      xhr.send(f);
    });
  }

  /** @return a Promise of {token, nonce}: the node's challenge and its solution */
  function challenge() {
    return N.api('GET', '/public/challenge').then(function (r) {
      if (r.status === 429) { throw rateLimited(r); }
      if (r.status !== 200 || !r.body || !r.body.token) {
        throw { errors: [{ field: null, message: N.message(r.body, 'Сервер не видав перевірку (' + r.status
          + '). Спробуйте ще раз.', 'The server gave no check (' + r.status + '). Try again.') }] };
      }
      return solve(r.body.token, r.body.difficultyBits || 0).then(function (nonce) {
        return { token: r.body.token, nonce: nonce };
      });
    });
  }

  /** Solves the proof of work: in a Web Worker, else in slices on this page that keep it responsive. */
  function solve(token, bits) {
    return new Promise(function (resolve) {
      var worker = null;
      try { worker = new Worker('/js/pow-worker.js'); } catch (e) { worker = null; }
      if (worker) {
        worker.onmessage = function (e) {
          if (e.data.nonce !== undefined) { worker.terminate(); resolve(e.data.nonce); }
        };
        worker.onerror = function () { worker.terminate(); sliced(token, bits, resolve); };
        worker.postMessage({ token: token, bits: bits });
      } else {
        sliced(token, bits, resolve);
      }
    });
  }

  function sliced(token, bits, resolve) {
    var from = 0, chunk = 5000;
    (function step() {
      var nonce = window.NsozSha256 ? window.NsozSha256.search(token, bits, from, chunk) : null;
      if (!window.NsozSha256) { loadSha(step); return; }
      if (nonce !== null) { resolve(nonce); return; }
      from += chunk;
      window.setTimeout(step, 0);
    }());
  }

  function loadSha(then) {
    var s = document.createElement('script');
    s.src = '/js/sha256.js';
    s.onload = then;
    document.head.appendChild(s);
  }

  function rateLimited(r) {
    return { errors: [{ field: null, message: t('Забагато звернень з вашої адреси. Спробуйте ще раз ',
      'Too many appeals from your address. Try again ') + N.retryAfterWords(r.headers.get('Retry-After')) + '.' }] };
  }

  /** Which form field an API field name means. */
  function fieldOf(name) {
    var n = String(name || '').replace(/^applicant\./, '');
    if (/^documents|^attachments/.test(n)) { return 'files'; }
    return ['kind', 'fullName', 'address', 'email', 'phone', 'text', 'topic', 'collective', 'coSigners', 'consent']
      .indexOf(n) >= 0 ? n : null;
  }

  function register(documents, solved) {
    var body = {
      kind: document.getElementById('kind').value,
      fullName: value('fullName'), address: value('address'), email: value('email'), phone: value('phone'),
      text: document.getElementById('text').value.trim(), topic: value('topic'),
      collective: collective.checked, coSigners: collective.checked ? Number(coSigners.value) : null,
      consent: document.getElementById('consent').checked, documents: documents,
      challengeToken: solved.token, nonce: solved.nonce
    };
    progress.textContent = t('Реєстрація звернення…', 'Registering the appeal…');
    return N.api('POST', '/public/appeals', body, { 'Idempotency-Key': idempotencyKey }).then(function (r) {
      progress.textContent = '';
      if (r.status === 201 || r.status === 200) { receipt(r.body); return; }
      if (r.status === 429) { throw rateLimited(r); }
      if ((r.status === 422 || r.status === 400) && r.body && Array.isArray(r.body.errors) && r.body.errors.length) {
        throw { errors: r.body.errors.map(function (e) {
          return { field: fieldOf(e.field), message: N.bilingual(e.message) };
        }) };
      }
      throw { errors: [{ field: null, message: N.message(r.body, 'Звернення не зареєстровано (' + r.status
        + '). Спробуйте ще раз.', 'The appeal was not registered (' + r.status + '). Try again.') }] };
    });
  }

  function receipt(r) {
    form.hidden = true;
    summary.hidden = true;
    document.querySelector('section.panel').hidden = true;
    document.getElementById('receipt-number').textContent = r.registrationNumber;
    document.getElementById('receipt-code').textContent = r.accessCode || '';
    document.getElementById('receipt-registered').textContent = r.registeredAt
      ? new Date(r.registeredAt).toLocaleString(N.lang === 'en' ? 'en-GB' : 'uk-UA', { timeZone: 'Europe/Kyiv' }) : '';
    document.getElementById('receipt-due').textContent = N.date(r.dueDate);
    var marks = document.getElementById('receipt-marks');
    marks.textContent = '';
    (r.marks || []).forEach(function (m) {
      var li = document.createElement('li');
      li.textContent = N.bilingual(m.message) + (m.article ? ' (' + m.article + ')' : '');
      marks.appendChild(li);
    });
    document.getElementById('receipt-marks-box').hidden = !(r.marks && r.marks.length);
    document.getElementById('receipt-follow').href = '/follow.html?number=' + encodeURIComponent(r.registrationNumber);
    var box = document.getElementById('receipt');
    box.hidden = false;
    document.getElementById('receipt-heading').focus();
    form.reset();
    idempotencyKey = uuid();
    done();
  }
}());
