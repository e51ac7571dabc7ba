// The mail import page's progress bar: polls the import while it is waiting or running, reloads
// when it ends, to show the summary (served as a file: the pages' CSP allows no inline script).
(function () {
  'use strict';
  var page = document.getElementById('mail-import');
  if (!page) {
    return;
  }
  var status = page.getAttribute('data-status');
  if (status !== 'RUNNING' && status !== 'QUEUED') {
    return;
  }
  var bar = document.getElementById('progress');
  var text = document.getElementById('progress-text');
  var template = text ? text.textContent : '';
  function poll() {
    fetch(page.getAttribute('data-progress'), {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (p.status === 'DONE' || p.status === 'FAILED') {
          window.location.reload();
          return;
        }
        if (bar) {
          if (p.percent >= 0) {
            bar.value = p.percent;
          } else {
            bar.removeAttribute('value');
          }
        }
        if (text) {
          text.textContent = template.replace(/\d[\d,]*/, String(p.figures.messages));
        }
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 300);
})();
