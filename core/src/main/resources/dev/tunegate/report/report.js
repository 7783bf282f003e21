// tunegate report: draws the charts described in the page's JSON data block. Computes nothing.
(function () {
  "use strict";
  var lines = {
    id: "tgLines",
    afterDatasetsDraw: function (chart, args, opts) {
      var marks = (opts && opts.marks) || [];
      var ctx = chart.ctx, area = chart.chartArea;
      marks.forEach(function (m) {
        var scale = m.axis === "x" ? chart.scales.x : chart.scales.y;
        if (!scale || m.value === null || m.value === undefined) return;
        var p = scale.getPixelForValue(m.value);
        ctx.save();
        ctx.strokeStyle = m.color || "#b42318";
        ctx.fillStyle = m.color || "#b42318";
        ctx.setLineDash([6, 4]);
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        if (m.axis === "x") {
          if (p < area.left || p > area.right) { ctx.restore(); return; }
          ctx.moveTo(p, area.top); ctx.lineTo(p, area.bottom);
        } else {
          if (p < area.top || p > area.bottom) { ctx.restore(); return; }
          ctx.moveTo(area.left, p); ctx.lineTo(area.right, p);
        }
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.font = "12px system-ui, sans-serif";
        if (m.axis === "x") { ctx.textAlign = "left"; ctx.fillText(m.label || "", p + 4, area.top + 12); }
        else { ctx.textAlign = "right"; ctx.fillText(m.label || "", area.right - 4, p - 4); }
        ctx.restore();
      });
    }
  };
  function draw() {
    var node = document.getElementById("tg-data");
    var data = JSON.parse(node.textContent);
    Chart.register(lines);
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.plugins.legend.labels.filter = function (item, chartData) {
      var ds = chartData.datasets[item.datasetIndex];
      return !(ds && ds.tgHideInLegend);
    };
    Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
    var drawn = 0;
    (data.charts || []).forEach(function (c) {
      var canvas = document.getElementById(c.id);
      if (!canvas) { window.__tgErrors.push("no canvas " + c.id); return; }
      try {
        new Chart(canvas, { type: c.type, data: c.data, options: c.options });
        drawn++;
      } catch (e) {
        window.__tgErrors.push("chart " + c.id + ": " + e.message);
      }
    });
    document.body.setAttribute("data-charts-drawn", String(drawn));
    window.__tgChartsReady = true;
  }
  window.addEventListener("beforeprint", function () {
    Object.values(Chart.instances || {}).forEach(function (c) { c.resize(); });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
