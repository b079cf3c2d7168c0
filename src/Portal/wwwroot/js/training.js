// Live step/metric charts of a training run. The API reports the run's latest metrics on each poll (portal.js
// polls it and raises "medvid:run"); this keeps the points seen since the page opened as the series.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const root = document.querySelector("[data-training-run]");
  if (!root) return;
  const container = document.querySelector("[data-metric-charts]");
  const charts = new Map();

  root.addEventListener("medvid:run", event => {
    const run = event.detail;
    root.querySelector("[data-run-step]").textContent = String(run.step);
    root.querySelector("[data-run-eta]").textContent = eta(run);
    for (const [name, value] of Object.entries(run.metrics ?? {})) add(name, run.step, value);
  });

  function eta(run) {
    if (["Succeeded", "Failed", "Cancelled"].includes(run.status)) return "–";
    if (!run.startedAt || run.step <= 0) return "estimating…";
    // The average rate since the run started, so the estimate is usable from the first poll on.
    const rate = run.step / Math.max(1, Date.now() - Date.parse(run.startedAt));
    const remainingMs = (run.spec.totalSteps - run.step) / Math.max(rate, 1e-9);
    return formatDuration(remainingMs);
  }

  function formatDuration(ms) {
    const s = Math.round(ms / 1000);
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
    return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  }

  function add(name, step, value) {
    let chart = charts.get(name);
    if (!chart) {
      chart = create(name);
      charts.set(name, chart);
    }
    const data = chart.data.datasets[0].data;
    if (data.length > 0 && data[data.length - 1].x >= step) return; // same report seen again
    data.push({ x: step, y: value });
    chart.update("none");
  }

  function create(name) {
    const column = document.createElement("div");
    column.className = "col-md-6";
    const card = document.createElement("div");
    card.className = "card";
    const header = document.createElement("div");
    header.className = "card-header small";
    header.textContent = name; // a metric name is data: text only
    const body = document.createElement("div");
    body.className = "card-body";
    body.style.height = "220px";
    const canvas = document.createElement("canvas");
    canvas.dataset.metric = name;
    body.append(canvas);
    card.append(header, body);
    column.append(card);
    container.append(column);
    return new Chart(canvas, {
      type: "line",
      data: { datasets: [{ label: name, data: [], borderColor: "#0d6efd", pointRadius: 0, tension: 0.1 }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, parsing: false,
        scales: { x: { type: "linear", title: { display: true, text: "step" } } },
        plugins: { legend: { display: false } },
      },
    });
  }
});
