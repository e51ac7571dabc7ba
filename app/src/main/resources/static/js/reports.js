// The report dashboards (/reports, /reports/reps/{id}): reads the period and filters from the URL,
// asks /api/reports/{activity,funnel,coverage,rfm} with them, writes every figure as a link to its
// drill-down (/reports/items?figure=...&<same parameters>) and draws the charts with Apache ECharts
// (served by the app, /js/vendor/echarts.min.js). Without ECharts the tables still show everything.
(function () {
  'use strict';
  const root = document.getElementById('reports');
  if (!root) return;
  const T = JSON.parse(document.getElementById('report-texts').textContent || '{}');
  const PARAMS = ['period', 'date', 'from', 'to', 'team', 'rep', 'grade', 'country', 'stage'];
  const api = root.dataset.api;
  const itemsPage = root.dataset.items;
  const status = document.getElementById('report-status');
  const lang = root.dataset.lang === 'zh' ? 'zh-CN' : 'en';
  const numbers = new Intl.NumberFormat(lang);
  const money = new Intl.NumberFormat(lang, {maximumFractionDigits: 2, minimumFractionDigits: 2});

  /** The page's own parameters (empty ones left out), plus the team or rep this dashboard is about. */
  function baseParams() {
    const here = new URLSearchParams(location.search);
    const out = new URLSearchParams();
    for (const name of PARAMS) {
      for (const value of here.getAll(name)) {
        if (value !== '') out.append(name, value);
      }
    }
    if (out.get('period') !== 'custom') { out.delete('from'); out.delete('to'); }
    if (root.dataset.kind === 'rep') { out.set('rep', root.dataset.rep); out.delete('team'); }
    else if (root.dataset.team && !out.has('team')) out.set('team', root.dataset.team);
    return out;
  }

  function withParams(extra) {
    const params = baseParams();
    for (const [name, value] of Object.entries(extra || {})) {
      if (value === null) params.delete(name); else params.set(name, value);
    }
    return params;
  }

  /** The drill-down behind a number: the figure first, then this dashboard's parameters and the extra ones. */
  function drillLink(figure, extra) {
    const params = new URLSearchParams({figure: figure});
    for (const [name, value] of withParams(extra)) params.append(name, value);
    return itemsPage + '?' + params.toString();
  }

  function link(text, href, id) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    a.className = 'figure-link';
    if (id) a.id = id;
    return a;
  }

  function get(obj, path) {
    return path.split('.').reduce((o, k) => (o == null ? null : o[k]), obj);
  }

  function formatted(value, format) {
    if (value === null || value === undefined) return '–';
    if (format === 'share') return Math.round(value * 100) + '%';
    if (format === 'minutes') return minutes(value);
    return numbers.format(value);
  }

  function minutes(value) {
    if (value === null || value === undefined) return '–';
    if (value >= 120) return numbers.format(Math.round(value / 6) / 10) + ' ' + T['reports.hours'];
    return numbers.format(Math.round(value)) + ' ' + T['reports.minutes'];
  }

  function cell(td, value, format, href) {
    td.textContent = '';
    td.appendChild(link(formatted(value, format), href));
  }

  async function fetchJson(path, params) {
    const response = await fetch(api + path + '?' + params.toString(), {
      headers: {Accept: 'application/json'}, credentials: 'same-origin'});
    if (!response.ok) {
      let detail = response.status + '';
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Error(detail);
    }
    return response.json();
  }

  const charts = [];
  function chart(id, option) {
    const element = document.getElementById(id);
    if (!window.echarts || !element) return;
    const existing = window.echarts.getInstanceByDom(element);
    const instance = existing || window.echarts.init(element, null, {renderer: 'svg'});
    instance.setOption(Object.assign({
      aria: {enabled: true},
      animation: false,
      tooltip: {trigger: 'axis', renderMode: 'richText'},
      grid: {left: 48, right: 24, top: 40, bottom: 40}
    }, option), true);
    if (!existing) charts.push(instance);
    return instance;
  }
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));

  // --- activity: figures, daily, leaderboard, first response per rep
  function showActivity(data) {
    const period = data.period;
    document.getElementById('report-period').textContent = period.from + ' – ' + period.to + ' (' + period.zone + ') · '
        + T['reports.previous'] + ' ' + data.previous.from + ' – ' + data.previous.to + ' · '
        + T['reports.asOf'] + ' ' + new Date(data.asOf).toLocaleString(lang);
    for (const row of document.querySelectorAll('#figures .figure-row')) {
      const {path, drill, format} = row.dataset;
      const now = get(data.total, path);
      const before = get(data.totalPrevious, path);
      cell(row.querySelector('.current'), now, format, drillLink(drill));
      cell(row.querySelector('.previous'), before, format, drillLink(drill, {side: 'previous'}));
      row.querySelector('.delta').replaceChildren(delta(now, before, path));
    }
    showDaily(data.daily);
    showLeaderboard(data.reps);
    const reps = data.reps || [];
    chart('chart-first-response', {
      legend: {top: 0},
      xAxis: {type: 'category', data: reps.map(r => r.name)},
      yAxis: {type: 'value', name: T['reports.minutes']},
      series: [
        {name: T['reports.series.median'], type: 'bar', data: reps.map(r => get(r.current, 'firstResponse.medianMinutes'))},
        {name: T['reports.series.p90'], type: 'bar', data: reps.map(r => get(r.current, 'firstResponse.p90Minutes'))}
      ]
    });
  }

  /** An arrow and the difference; for times a smaller number is better, which the words say. */
  function delta(now, before, path) {
    const span = document.createElement('span');
    if (now === null || now === undefined || before === null || before === undefined) {
      span.textContent = '';
      return span;
    }
    const diff = now - before;
    const lowerIsBetter = /Minutes$|unanswered|overdue|escalations|machineOpens/.test(path);
    const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '＝';
    span.className = 'delta-' + (diff === 0 ? 'same' : (diff > 0) !== lowerIsBetter ? 'good' : 'bad');
    const shown = /Rate$|within24h/.test(path) ? Math.round(Math.abs(diff) * 100) + ' pt'
        : /Minutes$/.test(path) ? minutes(Math.abs(diff)) : numbers.format(Math.abs(diff));
    span.textContent = arrow + ' ' + (diff === 0 ? '' : shown);
    span.title = T[diff > 0 ? 'reports.up' : diff < 0 ? 'reports.down' : 'reports.same'];
    span.setAttribute('aria-label', span.title + ' ' + (diff === 0 ? '' : shown));
    return span;
  }

  function showDaily(daily) {
    daily = daily || [];
    chart('chart-daily', {
      legend: {top: 0},
      xAxis: {type: 'category', data: daily.map(d => d.date)},
      yAxis: {type: 'value'},
      series: [
        {name: T['reports.series.sent'], type: 'bar', data: daily.map(d => d.sent)},
        {name: T['reports.series.received'], type: 'bar', data: daily.map(d => d.received)},
        {name: T['reports.series.quotations'], type: 'line', data: daily.map(d => d.quotationsSent)}
      ]
    });
    const body = document.querySelector('#daily-table tbody');
    body.replaceChildren();
    for (const d of daily) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = d.date;
      tr.appendChild(th);
      const day = {period: 'day', date: d.date, from: null, to: null};
      for (const [value, figure] of [[d.sent, 'sent.total'], [d.received, 'received.total'], [d.quotationsSent, 'quotationsSent']]) {
        const td = document.createElement('td');
        td.className = 'num';
        cell(td, value, 'count', drillLink(figure, day));
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  }

  // Leaderboard: sortable by sent, customers touched, first response (fastest first), quotations.
  let leaderboardReps = [];
  let sortKey = 'sent';
  const sortValue = {
    sent: r => get(r.current, 'sent.total') || 0,
    customersTouched: r => r.current.customersTouched || 0,
    firstResponse: r => { const m = get(r.current, 'firstResponse.medianMinutes'); return m === null ? -Infinity : -m; },
    quotationsSent: r => r.current.quotationsSent || 0
  };

  function showLeaderboard(reps) {
    leaderboardReps = reps || [];
    drawLeaderboard();
  }

  function drawLeaderboard() {
    const sorted = leaderboardReps.slice().sort((a, b) => sortValue[sortKey](b) - sortValue[sortKey](a)
        || a.name.localeCompare(b.name));
    const body = document.querySelector('#leaderboard-table tbody');
    body.replaceChildren();
    for (const rep of sorted) {
      const tr = document.createElement('tr');
      tr.dataset.rep = rep.userId;
      const th = document.createElement('th');
      th.scope = 'row';
      const page = new URLSearchParams(withParams({rep: null, team: null}));
      th.appendChild(link(rep.name, root.dataset.repPage + encodeURIComponent(rep.userId)
          + (page.toString() ? '?' + page.toString() : '')));
      tr.appendChild(th);
      const who = {rep: rep.userId};
      for (const [value, format, figure] of [
        [get(rep.current, 'sent.total'), 'count', 'sent.total'],
        [rep.current.customersTouched, 'count', 'customersTouched'],
        [get(rep.current, 'firstResponse.medianMinutes'), 'minutes', 'firstResponse.answered'],
        [rep.current.quotationsSent, 'count', 'quotationsSent']]) {
        const td = document.createElement('td');
        td.className = 'num';
        cell(td, value, format, drillLink(figure, who));
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    for (const header of document.querySelectorAll('#leaderboard-table th[data-sort]')) {
      if (header.dataset.sort === sortKey) header.setAttribute('aria-sort', 'descending');
      else header.removeAttribute('aria-sort');
    }
  }

  for (const header of document.querySelectorAll('#leaderboard-table th[data-sort]')) {
    header.querySelector('button').addEventListener('click', () => {
      sortKey = header.dataset.sort;
      drawLeaderboard();
    });
  }

  // --- funnel
  function showFunnel(data) {
    const stages = data.stages || [];
    for (const s of stages) {
      const row = document.querySelector('#funnel-table tr[data-stage="' + CSS.escape(s.stage) + '"]');
      if (!row) continue;
      cell(row.querySelector('.reached'), s.reached, 'count', drillLink('funnel.' + s.stage));
      row.querySelector('.conversion').textContent = formatted(s.conversion, 'share');
      row.querySelector('.days').textContent = s.medianDaysInStage === null ? '–'
          : numbers.format(s.medianDaysInStage) + ' ' + T['reports.days'];
    }
    chart('chart-funnel', {
      tooltip: {trigger: 'item', renderMode: 'richText'},
      grid: undefined,
      series: [{type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 10, bottom: 10,
        label: {show: true, position: 'inside'},
        data: stages.map(s => ({name: T['stage.' + s.stage.toUpperCase()] || s.stage, value: s.reached}))}]
    });
  }

  // --- coverage and silent customers
  function showCoverage(data) {
    const reps = data.reps || [];
    const body = document.querySelector('#coverage-table tbody');
    body.replaceChildren();
    for (const r of reps) {
      const tr = document.createElement('tr');
      tr.dataset.rep = r.userId;
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = r.name;
      tr.appendChild(th);
      for (const [value, format] of [[r.abCustomers, 'count'], [r.twoWay, 'count'], [r.coverage, 'share']]) {
        const td = document.createElement('td');
        td.className = 'num';
        td.textContent = formatted(value, format);
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    chart('chart-coverage', {
      xAxis: {type: 'category', data: reps.map(r => r.name)},
      yAxis: {type: 'value', max: 100, axisLabel: {formatter: '{value}%'}},
      series: [{name: T['reports.series.coverage'], type: 'bar',
        data: reps.map(r => r.coverage === null ? null : Math.round(r.coverage * 100))}]
    });
    for (const dd of document.querySelectorAll('#silent-bands dd[data-band]')) {
      const band = dd.dataset.band;
      cell(dd, data.silent ? data.silent[band] : null, 'count', drillLink('coverage.silent', {band: band.substring(1)}));
    }
    document.getElementById('public-pool').textContent = formatted(data.publicPool, 'count');
    const list = document.querySelector('#silent-table tbody');
    list.replaceChildren();
    for (const c of data.silentCustomers || []) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.appendChild(link(c.name, '/customers/' + encodeURIComponent(c.companyId)));
      tr.appendChild(th);
      const grade = document.createElement('td');
      grade.textContent = c.grade || '–';
      tr.appendChild(grade);
      const days = document.createElement('td');
      days.className = 'num';
      days.textContent = numbers.format(c.silentDays);
      tr.appendChild(days);
      list.appendChild(tr);
    }
    if (!(data.silentCustomers || []).length) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 3;
      td.className = 'empty';
      td.textContent = T['reports.none'];
      tr.appendChild(td);
      list.appendChild(tr);
    }
  }

  // --- RFM segments and markets
  function showRfm(data) {
    document.getElementById('rfm-window').textContent = data.date + ' · ' + data.windowDays + ' ' + T['reports.days']
        + ' · ' + data.currency;
    const segments = data.segments || [];
    for (const s of segments) {
      const row = document.querySelector('#rfm-table tr[data-segment="' + CSS.escape(s.segment) + '"]');
      if (!row) continue;
      row.querySelector('.segment-zh').textContent = s.label;
      row.querySelector('.segment-en').textContent = s.labelEn;
      cell(row.querySelector('.customers'), s.customers, 'count', drillLink('rfm.' + s.segment));
      row.querySelector('.amount').textContent = money.format(s.monetary || 0);
    }
    chart('chart-rfm', {
      tooltip: {trigger: 'item', renderMode: 'richText'},
      grid: undefined,
      series: [{type: 'pie', radius: ['35%', '70%'],
        data: segments.map(s => ({name: lang === 'zh-CN' ? s.label : s.labelEn, value: s.customers}))}]
    });
    const countries = data.countries || [];
    const body = document.querySelector('#country-table tbody');
    body.replaceChildren();
    for (const c of countries) {
      const tr = document.createElement('tr');
      tr.dataset.country = c.country;
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = c.country;
      tr.appendChild(th);
      for (const text of [numbers.format(c.customers), numbers.format(c.orders), money.format(c.amount || 0)]) {
        const td = document.createElement('td');
        td.className = 'num';
        td.textContent = text;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    chart('chart-countries', {
      xAxis: {type: 'category', data: countries.map(c => c.country)},
      yAxis: {type: 'value'},
      series: [{name: T['reports.series.amount'] + ' (' + data.currency + ')', type: 'bar', data: countries.map(c => c.amount)}]
    });
  }

  function rfmParams() {
    const all = baseParams();
    const params = new URLSearchParams();
    for (const name of ['date', 'team', 'rep']) {
      if (all.has(name)) params.set(name, all.get(name));
    }
    return params;
  }

  // Custom dates only matter for the custom period.
  const periodField = document.getElementById('f-period');
  function customShown() {
    const custom = periodField.value === 'custom';
    for (const id of ['f-from', 'f-to']) {
      const field = document.getElementById(id);
      field.disabled = !custom;
    }
    document.getElementById('f-date').disabled = custom;
  }
  periodField.addEventListener('change', customShown);
  customShown();

  // The download links ask the same report with the same parameters, in the page's language.
  for (const a of document.querySelectorAll('#report-export a[data-export]')) {
    const query = a.dataset.export === 'rfm' ? rfmParams() : baseParams();
    query.set('lang', lang);
    a.href = api + '/' + a.dataset.export + '.' + a.dataset.format + '?' + query.toString();
  }

  const params = baseParams();
  const work = [
    fetchJson('/activity', params).then(showActivity),
    fetchJson('/funnel', params).then(showFunnel),
    fetchJson('/coverage', params).then(showCoverage),
    fetchJson('/rfm', rfmParams()).then(showRfm)
  ];
  Promise.allSettled(work).then(results => {
    const failed = results.filter(r => r.status === 'rejected');
    status.textContent = failed.length ? T['reports.failed'] + ' ' + failed.map(f => f.reason.message).join('; ') : '';
    status.hidden = failed.length === 0;
    root.dataset.loaded = failed.length ? 'failed' : 'done';
  });
})();
