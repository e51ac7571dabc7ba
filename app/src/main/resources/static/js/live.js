// Live badge and toast for new HIGH priority tasks (served as a file: the pages' CSP allows no inline script).
// The server renders the badge with the current count; this keeps it current while the page is open.
(function () {
  'use strict';
  var badge = document.getElementById('live-badge');
  if (!badge || !window.EventSource) {
    return;
  }
  var link = document.getElementById('nav-tasks');
  var source = new EventSource(badge.getAttribute('data-stream'));

  source.addEventListener('high-task', function (event) {
    var data;
    try {
      data = JSON.parse(event.data);
    } catch (ignored) {
      return;
    }
    var count = Number(data.count);
    if (isFinite(count)) {
      badge.textContent = String(count);
      badge.hidden = count < 1;
    }
    toast(data);
  });

  function toasts() {
    var box = document.getElementById('live-toasts');
    if (!box) {
      box = document.createElement('div');
      box.id = 'live-toasts';
      box.className = 'live-toasts';
      box.setAttribute('role', 'status');
      box.setAttribute('aria-live', 'polite');
      document.body.appendChild(box);
    }
    return box;
  }

  function toast(data) {
    var item = document.createElement('div');
    item.className = 'live-toast';
    var label = document.createElement('strong');
    label.textContent = badge.getAttribute('data-toast');
    var title = document.createElement('a');
    title.className = 'live-toast-title';
    // Text only, never markup: the title comes from data.
    title.textContent = String(data.title || '');
    title.href = link.getAttribute('href') + '#task-' + encodeURIComponent(String(data.taskId || ''));
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'button button-quiet live-toast-close';
    close.textContent = '\u00d7';
    close.setAttribute('aria-label', badge.getAttribute('data-close'));
    close.addEventListener('click', function () {
      item.remove();
    });
    item.appendChild(label);
    item.appendChild(title);
    item.appendChild(close);
    toasts().appendChild(item);
  }

  window.addEventListener('pagehide', function () {
    source.close();
  });
}());
