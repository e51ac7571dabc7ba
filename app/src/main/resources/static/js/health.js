// The customer page's health trend: the daily scores of the last 90 days (a JSON block the page
// writes) drawn with Apache ECharts (served by the app). Without ECharts the score and table still show.
(function () {
  'use strict';
  const box = document.getElementById('health-trend-chart');
  const data = document.getElementById('health-trend');
  if (!box || !data) return;
  let days;
  try {
    days = JSON.parse(data.textContent || '[]');
  } catch (e) {
    return;
  }
  function draw() {
    if (!window.echarts || days.length === 0) return;
    const chart = window.echarts.init(box, null, {renderer: 'svg'});
    chart.setOption({
      animation: false,
      grid: {left: 32, right: 8, top: 8, bottom: 24},
      tooltip: {trigger: 'axis'},
      xAxis: {type: 'category', data: days.map(d => d.day)},
      yAxis: {type: 'value', min: 0, max: 100},
      series: [{type: 'line', data: days.map(d => d.score), showSymbol: days.length < 30}]
    });
    box.dataset.points = String(days.length);
    window.addEventListener('resize', () => chart.resize());
  }
  if (document.readyState === 'complete') draw(); else window.addEventListener('load', draw);
})();
