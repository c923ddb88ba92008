/**
 * The report page's own script (runs after Chart.js): draws the charts from the embedded JSON and
 * wires the id filters. It never turns report data into markup: chart labels are drawn on canvas,
 * and filtering only reads `textContent`.
 */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var COLORS = { ok: '#10b981', bad: '#ef4444', warn: '#f59e0b', info: '#3b82f6', extra: '#8b5cf6', muted: '#9ca3af', accent: '#6366f1' };
  var SEVERITY = { info: COLORS.info, warning: COLORS.warn, blocking: COLORS.bad };
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  Chart.defaults.maintainAspectRatio = false;

  function canvas(id) { return document.getElementById(id); }
  function stacked(id, labels, sets) {
    var el = canvas(id);
    if (!el) return;
    new Chart(el, {
      type: 'bar',
      data: { labels: labels, datasets: sets },
      options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } }, plugins: { legend: { position: 'bottom' } } }
    });
  }
  function bars(id, labels, values, colors, label) {
    var el = canvas(id);
    if (!el) return;
    new Chart(el, {
      type: 'bar',
      data: { labels: labels, datasets: [{ label: label, data: values, backgroundColor: colors }] },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false } } }, plugins: { legend: { display: false } } }
    });
  }

  var entities = Object.keys(data.entities || {});
  if (data.kind === 'validation') {
    stacked('chart-entities', entities, [
      { label: 'would migrate', data: entities.map(function (e) { return data.entities[e].wouldMigrate; }), backgroundColor: COLORS.ok },
      { label: 'would reject', data: entities.map(function (e) { return data.entities[e].wouldReject; }), backgroundColor: COLORS.bad }
    ]);
    var reasons = data.rejectReasons || [];
    bars('chart-rejects', reasons.map(function (r) { return r.reason; }), reasons.map(function (r) { return r.count; }), COLORS.bad, 'documents');
    var findings = (data.findings || []).slice(0, 15);
    bars('chart-findings', findings.map(function (f) { return f.code; }), findings.map(function (f) { return f.count; }), findings.map(function (f) { return SEVERITY[f.severity] || COLORS.info; }), 'occurrences');
  } else {
    stacked('chart-entities', entities, [
      { label: 'matched', data: entities.map(function (e) { return data.entities[e].matched; }), backgroundColor: COLORS.ok },
      { label: 'different', data: entities.map(function (e) { return data.entities[e].different; }), backgroundColor: COLORS.warn },
      { label: 'missing', data: entities.map(function (e) { return data.entities[e].missing; }), backgroundColor: COLORS.bad },
      { label: 'extra', data: entities.map(function (e) { return data.entities[e].extra; }), backgroundColor: COLORS.extra },
      { label: 'known rejects', data: entities.map(function (e) { return data.entities[e].knownRejects; }), backgroundColor: COLORS.muted }
    ]);
    var known = Object.keys(data.knownRejectReasons || {});
    bars('chart-rejects', known, known.map(function (k) { return data.knownRejectReasons[k]; }), COLORS.muted, 'documents');
  }

  Array.prototype.forEach.call(document.querySelectorAll('input[data-filter]'), function (input) {
    var table = document.getElementById(input.getAttribute('data-filter'));
    if (!table) return;
    input.addEventListener('input', function () {
      var needle = input.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = needle !== '' && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  });
  document.documentElement.setAttribute('data-charts', 'ready');
})();
`;
