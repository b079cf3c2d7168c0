// A training run's curves and ETA. On open the page draws the whole history (GET …/metrics); afterwards each poll of
// the run (portal.js raises "medvid:run" with it) appends the run's latest metrics when its step moved on, so a
// long run's page never re-downloads its history.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const root = document.querySelector("[data-training-run]");
  if (!root) return;
  const { series, toPoint, lineChart, dataset, formatDuration } = window.medvidTraining;
  const charts = new Map(); // metric name → chart with two datasets: [0] VAE stage, [1] diffusion
  let lastStep = -1;
  let loaded = false;

  root.addEventListener("medvid:run", event => {
    const run = event.detail;
    // portal.js writes run.stage into [data-run-stage]; the step counts within that stage.
    root.querySelector("[data-run-step]").textContent = String(run.step);
    root.querySelector("[data-run-stage-steps]").textContent = String(run.stageSteps);
    root.querySelector("[data-run-eta]").textContent = eta(run);
    // The history's steps are the metrics' own "step" (the grain stores what was reported), so appending by it keeps
    // the page's curve equal to what a reload would draw.
    const step = typeof run.metrics?.step === "number" ? run.metrics.step : run.step;
    if (loaded && run.metrics && step > lastStep) append(step, run.metrics);
  });

  load();

  async function load() {
    try {
      const history = await medvid.api(`/api/v1/training-runs/${root.dataset.trainingRun}/metrics`);
      document.querySelectorAll("canvas[data-metric]").forEach(canvas => {
        const points = series(history, canvas.dataset.metric);
        const chart = lineChart(canvas, [
          dataset("VAE stage", points.filter(p => p.vae), 3),
          dataset("diffusion", points.filter(p => !p.vae), 0),
        ], { logarithmic: canvas.dataset.scale === "log", shadeVae: true });
        charts.set(canvas.dataset.metric, chart);
        markCount(canvas, chart);
      });
      lastStep = history.length > 0 ? history[history.length - 1].step : -1;
      loaded = true;
    } catch (e) {
      medvid.showError(document.querySelector("[data-metrics-error]"), `The curves could not be loaded: ${e.message}`);
    }
  }

  function append(step, values) {
    lastStep = step;
    for (const [metric, chart] of charts) {
      if (typeof values[metric] !== "number") continue;
      const point = toPoint(step, values, metric);
      chart.data.datasets[point.vae ? 0 : 1].data.push(point);
      chart.update("none");
      markCount(chart.canvas, chart);
    }
  }

  /** The number of points drawn, for people reading the markup and for the browser tests. */
  function markCount(canvas, chart) {
    canvas.dataset.points = String(chart.data.datasets.reduce((n, d) => n + d.data.length, 0));
  }

  function eta(run) {
    if (["Succeeded", "Failed", "Cancelled"].includes(run.status)) return "–";
    // The trainer reports eta_s for its current stage only, hence the label during the VAE stage.
    if (typeof run.metrics?.eta_s === "number") {
      return formatDuration(run.metrics.eta_s * 1000) + (run.metrics.stage_vae === 1 ? " (VAE stage)" : "");
    }
    // Without it, the average rate of the whole run (both stages) since it started.
    if (!run.startedAt || run.progress <= 0) return "estimating…";
    const elapsed = Math.max(1, Date.now() - Date.parse(run.startedAt));
    return formatDuration(elapsed * (1 - run.progress) / run.progress);
  }
});
