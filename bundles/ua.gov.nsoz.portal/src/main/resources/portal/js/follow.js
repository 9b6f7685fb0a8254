/* NSOZ portal: where an appeal stands (GET /public/status), its answer and documents, and the rating
   (POST /public/rating) when the citizen may rate. */
(function () {
  'use strict';
  var N = window.NSOZ, t = N.t;
  var form = document.getElementById('follow-form');
  var summary = document.getElementById('errors');
  var ratingForm = document.getElementById('rating-form');
  var asked = null;   // {number, code} of the status shown

  var params = new URLSearchParams(window.location.search);
  if (params.get('number')) { document.getElementById('number').value = params.get('number'); }

  function fields(r, fallback) {
    if (r.body && Array.isArray(r.body.errors) && r.body.errors.length) {
      return r.body.errors.map(function (e) {
        var f = e.field === 'rating' ? 'rating-1' : e.field;
        return { field: document.getElementById(f) ? f : null, message: N.bilingual(e.message) };
      });
    }
    return [{ field: null, message: fallback }];
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    N.clearErrors(form, summary);
    var number = document.getElementById('number').value.trim().toUpperCase();
    var code = document.getElementById('code').value.trim().toUpperCase();
    var errors = [];
    if (!number) { errors.push({ field: 'number', message: t('Вкажіть реєстраційний номер.', 'Give the registration number.') }); }
    if (!code) { errors.push({ field: 'code', message: t('Вкажіть код доступу.', 'Give the access code.') }); }
    if (errors.length) { N.showErrors(summary, errors); summary.focus(); return; }
    load(number, code, true);
  });

  function load(number, code, focus) {
    var button = document.getElementById('follow');
    button.disabled = true;
    N.api('GET', '/public/status?number=' + encodeURIComponent(number) + '&code=' + encodeURIComponent(code))
      .then(function (r) {
        button.disabled = false;
        if (r.status === 200 && r.body) {
          asked = { number: number, code: code };
          show(r.body, focus);
          return;
        }
        document.getElementById('status').hidden = true;
        var errors;
        if (r.status === 404) {
          errors = [{ field: 'number', message: t('Звернення з таким номером і кодом не знайдено. Перевірте обидва.',
            'No appeal with this number and code. Check both.') }];
        } else if (r.status === 429) {
          errors = [{ field: null, message: t('Забагато спроб. Спробуйте ще раз ', 'Too many attempts. Try again ')
            + N.retryAfterWords(r.headers.get('Retry-After')) + '.' }];
        } else {
          errors = fields(r, N.message(r.body, 'Не вдалося отримати стан (' + r.status + ').',
            'Could not get the status (' + r.status + ').'));
        }
        N.showErrors(summary, errors);
        summary.focus();
      }).catch(function () {
        button.disabled = false;
        N.showErrors(summary, [{ field: null, message: t('Немає зв\u2019язку з сервером. Спробуйте ще раз.',
          'No connection to the server. Try again.') }]);
        summary.focus();
      });
  }

  function text(id, value) { document.getElementById(id).textContent = value || '—'; }

  function show(s, focus) {
    text('status-number', s.registrationNumber);
    text('status-kind', N.kind(s.kind));
    text('status-text', N.status(s.status));
    text('status-registered', s.registeredAt ? new Date(s.registeredAt).toLocaleString(N.lang === 'en' ? 'en-GB' : 'uk-UA', { timeZone: 'Europe/Kyiv' }) : '');
    text('status-body', N.bilingual(s.bodyName));
    text('due-date', N.date(s.dueDate));
    var why = document.getElementById('due-explanation');
    why.textContent = '';
    explanation(s.dueDateExplanation).forEach(function (line, i) {
      if (i) { why.appendChild(document.createElement('br')); }
      why.appendChild(document.createTextNode(line));
    });

    var answered = !!(s.answer || s.result || (s.answerDocuments && s.answerDocuments.length));
    document.getElementById('answer-box').hidden = !answered;
    text('answer-result', s.result ? t('Результат: ', 'Result: ') + N.result(s.result)
      + (s.answeredAt ? ' (' + N.date(s.answeredAt) + ')' : '') : '');
    text('answer-text', s.answer);
    var docs = document.getElementById('answer-documents');
    docs.textContent = '';
    (s.answerDocuments || []).forEach(function (d) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '/api/v1/public/documents/' + encodeURIComponent(d.sha256) + '?number=' + encodeURIComponent(asked.number)
        + '&code=' + encodeURIComponent(asked.code);
      a.setAttribute('download', d.fileName || '');
      a.textContent = d.fileName + (d.sizeBytes ? ' (' + Math.max(1, Math.round(d.sizeBytes / 1024)) + t(' КБ', ' KB') + ')' : '');
      li.appendChild(a);
      docs.appendChild(li);
    });
    if (!(s.answerDocuments && s.answerDocuments.length)) {
      var none = document.createElement('li');
      none.textContent = t('Немає', 'None');
      docs.appendChild(none);
    }

    var current = document.getElementById('rating-current');
    current.hidden = !s.rating;
    current.textContent = s.rating ? t('Ваша оцінка: ', 'Your rating: ') + s.rating + ' / 5' : '';
    ratingForm.hidden = !s.canRate;
    document.getElementById('rating-done').hidden = true;
    document.getElementById('status').hidden = false;
    if (focus) { document.getElementById('status-heading').focus(); }
  }

  /** @return the lines of the due date's explanation in the page's language (each line is "uk / en") */
  function explanation(e) {
    if (!e) { return []; }
    if (typeof e === 'object') { return [t(e.uk || '', e.en || e.uk || '')]; }
    return String(e).split('\n').filter(Boolean).map(N.bilingual);
  }

  ratingForm.addEventListener('submit', function (ev) {
    ev.preventDefault();
    N.clearErrors(ratingForm, summary);
    var chosen = ratingForm.querySelector('input[name="rating"]:checked');
    if (!chosen) {
      N.showErrors(summary, [{ field: 'rating-1', message: t('Виберіть оцінку від 1 до 5.', 'Choose a rating from 1 to 5.') }]);
      summary.focus();
      return;
    }
    var button = document.getElementById('rate');
    button.disabled = true;
    var comment = document.getElementById('comment').value.trim();
    N.api('POST', '/public/rating', { number: asked.number, code: asked.code, rating: Number(chosen.value),
      comment: comment || null }).then(function (r) {
      button.disabled = false;
      if (r.status === 200 || r.status === 202) {
        ratingForm.hidden = true;
        var doneBox = document.getElementById('rating-done');
        doneBox.hidden = false;
        doneBox.focus();
        return;
      }
      N.showErrors(summary, r.status === 429
        ? [{ field: null, message: t('Забагато спроб. Спробуйте ще раз ', 'Too many attempts. Try again ')
          + N.retryAfterWords(r.headers.get('Retry-After')) + '.' }]
        : fields(r, N.message(r.body, 'Оцінку не прийнято (' + r.status + ').', 'The rating was not accepted (' + r.status + ').')));
      summary.focus();
    }).catch(function () {
      button.disabled = false;
      N.showErrors(summary, [{ field: null, message: t('Немає зв\u2019язку з сервером. Спробуйте ще раз.',
        'No connection to the server. Try again.') }]);
      summary.focus();
    });
  });
}());
