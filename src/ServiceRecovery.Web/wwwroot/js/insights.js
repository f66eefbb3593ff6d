// The dashboard's charts (Features/Insights): each chart is drawn from the data table beside it (the numbers live in
// the page once, readable without script); the table stays available under "Data table".
(function () {
    'use strict';
    if (typeof Chart === 'undefined') { return; }
    var palette = ['#1f6f43', '#be123c', '#b45309', '#6b7280', '#1d4ed8', '#6b21a8'];

    function rows(table) { return Array.prototype.slice.call(table.querySelectorAll('tbody tr[data-chart-row="true"]')); }
    function label(tr) { return tr.querySelector('th').textContent.trim(); }
    function num(cell) { var v = cell.getAttribute('data-value'); return v === null || v === '' ? null : Number(v); }

    document.querySelectorAll('[data-chart-for]').forEach(function (box) {
        var table = document.getElementById(box.getAttribute('data-chart-for'));
        if (!table) { return; }
        var data = rows(table);
        if (data.length === 0) { return; }
        var type = box.getAttribute('data-chart-type');
        var canvas = document.createElement('canvas');
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', box.getAttribute('data-chart-label') + ' (the numbers are in the data table below)');
        box.appendChild(canvas);
        var config;
        if (type === 'doughnut') {
            config = { type: 'doughnut', data: { labels: data.map(label), datasets: [{ data: data.map(function (tr) { return Number(tr.getAttribute('data-value')); }), backgroundColor: palette }] },
                options: { plugins: { legend: { position: 'right' } }, maintainAspectRatio: false } };
        } else if (type === 'bar') {
            config = { type: 'bar', data: { labels: data.map(label), datasets: [
                { label: 'Opened', data: data.map(function (tr) { return num(tr.cells[1]); }), backgroundColor: palette[4] },
                { label: 'Closed', data: data.map(function (tr) { return num(tr.cells[2]); }), backgroundColor: palette[0] }] },
                options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } };
        } else if (type === 'distribution') {
            config = { type: 'bar', data: { labels: data.map(label), datasets: [
                { label: box.getAttribute('data-chart-series'), data: data.map(function (tr) { return num(tr.cells[1]); }), backgroundColor: palette[0] }] },
                options: { maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } };
        } else {
            config = { type: 'bar', data: { labels: data.map(label), datasets: [
                { label: 'First response within SLA (%)', data: data.map(function (tr) { return num(tr.cells[1]); }), backgroundColor: palette[4] },
                { label: 'Resolution within SLA (%)', data: data.map(function (tr) { return num(tr.cells[2]); }), backgroundColor: palette[0] }] },
                options: { indexAxis: 'y', maintainAspectRatio: false, scales: { x: { min: 0, max: 100 } } } };
            box.style.height = Math.max(160, 40 + data.length * 36) + 'px';
        }

        new Chart(canvas, config);
        var details = box.nextElementSibling;
        if (details && details.tagName === 'DETAILS') { details.removeAttribute('open'); }
    });
}());
