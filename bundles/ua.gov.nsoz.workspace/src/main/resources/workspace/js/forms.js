/* NSOZ staff workspace: what the admin, audit and knowledge pages share on top of window.Staff (window.StaffForms):
   - errors(summary, json, prefix): shows an API error answer in the summary (role="alert"), each field error beside
     its field (id = prefix + field; aria-invalid; the slot id + "-error"), and moves the focus to the summary;
   - clear(summary, form): takes the marks away;
   - refused(el, r): puts in el what the API said when it refused (403) or failed, with data-status. */
(function () {
  'use strict';
  var S = window.Staff, t = S.t;

  function clear(summary, form) {
    summary.hidden = true;
    summary.textContent = '';
    (form || document).querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    (form || document).querySelectorAll('.field-error').forEach(function (el) { el.hidden = true; el.textContent = ''; });
  }

  function errors(summary, json, prefix) {
    summary.textContent = '';
    var list = (json && json.errors) || [];
    var h = document.createElement('p');
    h.className = 'errors-heading';
    h.textContent = list.length ? t('Перевірте, будь ласка:', 'Please check:') : S.message(json);
    summary.appendChild(h);
    var ul = document.createElement('ul');
    list.forEach(function (e) {
      var li = document.createElement('li');
      var field = document.getElementById((prefix || '') + e.field);
      li.textContent = S.bilingual(e.message);
      if (field) {
        field.setAttribute('aria-invalid', 'true');
        var slot = document.getElementById(field.id + '-error');
        if (slot) { slot.textContent = S.bilingual(e.message); slot.hidden = false; }
      }
      ul.appendChild(li);
    });
    if (list.length) { summary.appendChild(ul); }
    summary.hidden = false;
    summary.focus();
  }

  function refused(el, r) {
    var p = document.createElement('p');
    p.className = r.status === 403 ? 'refused' : 'bad';
    p.setAttribute('data-status', String(r.status));
    p.textContent = (r.status === 403 ? t('Недоступно для ваших ролей: ', 'Not available to your roles: ')
      : t('Не вдалося: ', 'Failed: ')) + S.message(r.json, 'помилка ' + r.status, 'error ' + r.status);
    el.textContent = '';
    el.appendChild(p);
  }

  window.StaffForms = { errors: errors, clear: clear, refused: refused };
}());
