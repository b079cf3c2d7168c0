// Error bars for the rating results chart: a chart.js plugin that draws, for every bar of a series with errorBars
// ([lower, upper] per bar, null where there is no interval), a vertical whisker with caps. Registered before
// js/charts.js creates the charts.
"use strict";

Chart.register({
  id: "medvidErrorBars",
  afterDatasetsDraw(chart) {
    const { ctx, scales: { y } } = chart;
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i);
      if (!dataset.errorBars || meta.hidden) return;
      ctx.save();
      ctx.strokeStyle = "#212529";
      ctx.lineWidth = 1.5;
      meta.data.forEach((bar, j) => {
        const interval = dataset.errorBars[j];
        if (!interval) return;
        const [top, bottom] = [y.getPixelForValue(interval[1]), y.getPixelForValue(interval[0])];
        const cap = Math.min(8, bar.width / 3);
        ctx.beginPath();
        ctx.moveTo(bar.x, top);
        ctx.lineTo(bar.x, bottom);
        ctx.moveTo(bar.x - cap, top);
        ctx.lineTo(bar.x + cap, top);
        ctx.moveTo(bar.x - cap, bottom);
        ctx.lineTo(bar.x + cap, bottom);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
});
