// Draws chart.js charts from <canvas data-chart="{json config}"> rendered by the server (Razor encodes the
// attribute; the browser decodes it, so labels from user data arrive as plain strings chart.js draws as text).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("canvas[data-chart]").forEach(canvas => {
    const config = JSON.parse(canvas.dataset.chart);
    config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...(config.options ?? {}) };
    canvas.chart = new Chart(canvas, config);
  });
});
