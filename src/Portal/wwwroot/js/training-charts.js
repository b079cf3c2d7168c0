// Training curves drawn with chart.js, shared by the run page (training.js) and the comparison page
// (training-compare.js). Points come from GET /api/v1/training-runs/{id}/metrics: [{ step, values: { loss, lr, stage_vae, … } }].
"use strict";

window.medvidTraining = (() => {
  const palette = ["#0d6efd", "#d63384", "#198754", "#fd7e14"];

  /** One metric's points of a history; each remembers whether it belongs to the VAE stage (stage_vae = 1). */
  function series(history, metric) {
    return history
      .filter(point => typeof point.values?.[metric] === "number")
      .map(point => toPoint(point.step, point.values, metric));
  }

  function toPoint(step, values, metric) {
    return { x: step, y: values[metric], vae: values.stage_vae === 1 };
  }

  /**
   * Shades the steps of the VAE stage and labels them, so its (differently scaled) losses are not read as part of the
   * diffusion curve. Draws nothing for runs without a VAE stage.
   */
  const vaeStage = {
    id: "medvidVaeStage",
    beforeDatasetsDraw(chart) {
      const steps = chart.data.datasets.flatMap(d => d.data).filter(p => p.vae).map(p => p.x);
      if (steps.length === 0) return;
      const { ctx, chartArea: area, scales: { x } } = chart;
      const left = Math.max(area.left, x.getPixelForValue(Math.min(...steps)));
      const right = Math.min(area.right, x.getPixelForValue(Math.max(...steps)));
      ctx.save();
      ctx.fillStyle = "rgba(255, 193, 7, 0.15)";
      ctx.fillRect(left, area.top, Math.max(1, right - left), area.bottom - area.top);
      ctx.fillStyle = "#997404";
      ctx.font = "11px system-ui, sans-serif";
      ctx.fillText("VAE stage", left + 4, area.top + 12);
      ctx.restore();
    },
  };

  /** A line chart over steps; a logarithmic y axis for losses, whose early values dwarf the rest of the curve. */
  function lineChart(canvas, datasets, { logarithmic = false, shadeVae = false } = {}) {
    return new Chart(canvas, {
      type: "line",
      data: { datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, parsing: false, normalized: true,
        scales: {
          x: { type: "linear", title: { display: true, text: "step" } },
          y: { type: logarithmic ? "logarithmic" : "linear" },
        },
        plugins: { legend: { display: datasets.length > 1, labels: { boxHeight: 2 } } },
      },
      plugins: shadeVae ? [vaeStage] : [],
    });
  }

  function dataset(label, data, colorIndex, extra = {}) {
    const color = palette[colorIndex % palette.length];
    return { label, data, borderColor: color, backgroundColor: color, borderWidth: 1.5, pointRadius: 0, tension: 0.1, ...extra };
  }

  /** Dashes the segments inside the VAE stage (for overlays, where one shaded span cannot fit two runs). */
  const dashVaeSegments = { segment: { borderDash: ctx => (ctx.p1.raw.vae ? [4, 3] : undefined) } };

  function formatDuration(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
    return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  }

  return { series, toPoint, lineChart, dataset, dashVaeSegments, formatDuration };
})();
