// /training/compare: both runs' curves overlaid on one chart per metric (the canvases the server rendered).
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const root = document.querySelector("[data-compare-runs]");
  if (!root) return;
  const { series, lineChart, dataset, dashVaeSegments } = window.medvidTraining;
  const runs = [
    { id: root.dataset.runA, label: root.dataset.labelA },
    { id: root.dataset.runB, label: root.dataset.labelB },
  ];
  try {
    const histories = await Promise.all(runs.map(run => medvid.api(`/api/v1/training-runs/${run.id}/metrics`)));
    root.querySelectorAll("canvas[data-metric]").forEach(canvas => {
      const metric = canvas.dataset.metric;
      // Labels come from data attributes (decoded text); chart.js draws them on the canvas, never as markup.
      const chart = lineChart(canvas, runs.map((run, i) => dataset(run.label, series(histories[i], metric), i, dashVaeSegments)),
        { logarithmic: canvas.dataset.scale === "log" });
      canvas.dataset.points = chart.data.datasets.map(d => d.data.length).join(",");
    });
  } catch (e) {
    medvid.showError(document.querySelector("[data-metrics-error]"), `The curves could not be loaded: ${e.message}`);
  }
});
