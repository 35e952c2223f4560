// Draws today's appointments by practitioner from the JSON the dashboard serves (the table beside it has the figures).
(function () {
  var canvas = document.getElementById('appointments-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }
  fetch(canvas.dataset.source, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data) {
        return;
      }
      new Chart(canvas, {
        type: 'bar',
        data: { labels: data.labels, datasets: [{ label: 'Appointments', data: data.counts, backgroundColor: '#0b57d0' }] },
        options: { animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
      canvas.dataset.drawn = 'true';
    });
})();
