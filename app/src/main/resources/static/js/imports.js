// The import page's progress bar: polls the import's progress while it runs, reloads when it ends
// (served as a file: the pages' CSP allows no inline script).
(function () {
  'use strict';
  var page = document.getElementById('import');
  if (!page || page.getAttribute('data-status') !== 'RUNNING') {
    return;
  }
  var bar = document.getElementById('progress');
  var text = document.getElementById('progress-text');
  var template = text ? text.textContent : '';
  function poll() {
    fetch(page.getAttribute('data-progress'), {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .then(function (r) { return r.json(); })
      .then(function (p) {
        if (p.status !== 'RUNNING') {
          window.location.reload();
          return;
        }
        if (bar) {
          bar.max = Math.max(p.total, 1);
          bar.value = p.done;
        }
        if (text) {
          text.textContent = template.replace(/\d[\d,]*/, String(p.done)).replace(/(\d[\d,]*)(?!.*\d)/, String(p.total));
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
