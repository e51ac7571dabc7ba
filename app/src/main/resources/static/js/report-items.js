// The drill-down behind a number of the report dashboards: lists what /api/reports/items returns for
// the figure and parameters in this page's URL, a page at a time (the answer's "next" cursor), each
// item a link to its customer, message or task.
(function () {
  'use strict';
  const root = document.getElementById('report-items');
  if (!root) return;
  const T = JSON.parse(document.getElementById('report-texts').textContent || '{}');
  const lang = root.dataset.lang === 'zh' ? 'zh-CN' : 'en';
  const body = document.querySelector('#items-table tbody');
  const more = document.getElementById('items-more');
  const status = document.getElementById('items-status');
  const count = document.getElementById('items-count');
  const query = new URLSearchParams(location.search);
  query.delete('lang');
  query.delete('after');
  let after = null;

  // "Download all": every item behind the figure (the file is not paged), in the page's language.
  for (const a of document.querySelectorAll('#items-export a[data-format]')) {
    const all = new URLSearchParams(query);
    all.delete('limit');
    all.set('lang', lang);
    a.href = root.dataset.api + '.' + a.dataset.format + '?' + all.toString();
  }

  function text(tag, value, className) {
    const element = document.createElement(tag);
    element.textContent = value == null ? '' : value;
    if (className) element.className = className;
    return element;
  }

  function when(value) {
    if (!value) return '';
    const date = new Date(value);
    return isNaN(date) ? value : date.toLocaleString(lang);
  }

  function row(item) {
    const tr = document.createElement('tr');
    tr.className = 'item item-' + item.kind;
    tr.dataset.id = item.id;
    const what = document.createElement('th');
    what.scope = 'row';
    const a = document.createElement('a');
    a.href = item.url;
    a.textContent = item.kind === 'customer' ? item.name : item.kind === 'task' ? item.title : (item.subject || item.id);
    what.appendChild(text('span', T['reports.kind.' + item.kind] || item.kind, 'badge badge-muted'));
    what.append(' ');
    what.appendChild(a);
    tr.appendChild(what);
    const customer = document.createElement('td');
    if (item.kind === 'customer') {
      customer.textContent = [item.grade, item.country].filter(Boolean).join(' · ');
    } else if (item.companyId) {
      const c = document.createElement('a');
      c.href = '/customers/' + encodeURIComponent(item.companyId);
      c.textContent = item.companyName || item.companyId;
      customer.appendChild(c);
    }
    tr.appendChild(customer);
    tr.appendChild(text('td', when(item.at || item.dueAt), 'nowrap'));
    return tr;
  }

  async function load() {
    const params = new URLSearchParams(query);
    if (after) params.set('after', after);
    more.disabled = true;
    try {
      const response = await fetch(root.dataset.api + '?' + params.toString(),
          {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
      if (!response.ok) {
        let detail = response.status + '';
        try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
        throw new Error(detail);
      }
      const page = await response.json();
      count.textContent = T['reports.count'] + ' ' + new Intl.NumberFormat(lang).format(page.count);
      count.dataset.count = page.count;
      for (const item of page.items || []) body.appendChild(row(item));
      if (!body.children.length) {
        const tr = document.createElement('tr');
        const td = text('td', T['reports.none'], 'empty');
        td.colSpan = 3;
        tr.appendChild(td);
        body.appendChild(tr);
      }
      after = page.next || null;
      more.hidden = !after;
      status.hidden = true;
      root.dataset.loaded = 'done';
    } catch (e) {
      status.hidden = false;
      status.textContent = T['reports.failed'] + ' ' + e.message;
      root.dataset.loaded = 'failed';
    } finally {
      more.disabled = false;
    }
  }

  more.addEventListener('click', load);
  load();
})();
