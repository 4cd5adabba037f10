// Astana–Ashgabat: what every page of the book does in the browser.
// - Offer the PDF edition next to the theme's buttons (not in a book without one, such as a `kztm run` page,
//   whose kztm-no-pdf.js sets window.kztmNoPdf first).
// - Draw the charts: each figure carries its Vega-Lite spec as JSON; the Vega bundle (about 0.9 MB) is
//   loaded only on pages that have a chart, from the book's own _static folder (no network).
(function () {
  "use strict";

  function contentRoot() {
    return document.documentElement.dataset.content_root || "";
  }

  function addPdfLink() {
    if (window.kztmNoPdf) return;
    var bar = document.querySelector(".article-header-buttons");
    if (!bar || document.getElementById("kztm-pdf-link")) return;
    var link = document.createElement("a");
    link.id = "kztm-pdf-link";
    link.className = "btn btn-sm kztm-pdf-link";
    link.href = contentRoot() + "_static/report.pdf";
    link.title = "Download the PDF edition";
    link.textContent = "PDF";
    bar.insertBefore(link, bar.firstChild);
  }

  function loadVega(done) {
    if (typeof window.vegaEmbed === "function") return done();
    var script = document.createElement("script");
    script.src = contentRoot() + "_static/vega-bundle.js";
    script.onload = function () { done(); };
    script.onerror = function () { done(new Error("the Vega bundle could not be loaded")); };
    document.head.appendChild(script);
  }

  function drawCharts() {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".kztm-chart"));
    if (!charts.length) return;
    loadVega(function (error) {
      charts.forEach(function (chart) {
        var el = chart.querySelector(".kztm-vis");
        if (error || typeof window.vegaEmbed !== "function") {
          el.textContent = "This chart could not be drawn: " + (error ? error.message : "no Vega bundle") +
            ". Its values are in the data table below.";
          return;
        }
        var spec = JSON.parse(chart.querySelector("script.kztm-spec").textContent);
        window.vegaEmbed(el, spec, {
          renderer: "svg",
          downloadFileName: chart.dataset.name || "chart",
          actions: {export: true, source: false, compiled: false, editor: false}
        }).catch(function (err) {
          el.textContent = "This chart could not be drawn (" + err + "). Its values are in the data table below.";
          console.error(err);
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    addPdfLink();
    drawCharts();
  });
})();
