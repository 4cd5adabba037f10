// Astana–Ashgabat: what every page of the book does in the browser.
// - Offer the PDF edition next to the theme's buttons (not in a book without one, such as a `kztm run` page,
//   whose kztm-no-pdf.js sets window.kztmNoPdf first).
// - Draw the charts: each figure carries its Vega-Lite spec as JSON; the Vega bundle (about 0.9 MB) is
//   loaded only on pages that have a chart, from the book's own _static folder (no network).
// - Fit each chart to its column: the title is wrapped into lines, legends get fewer columns on narrow
//   screens, a chart drawn at a fixed width is scaled down as a picture; redrawn when the width changes.
// - Name each chart for screen readers (role img, its finding, described by its caption) and give the
//   data table under it a name with the figure's number.
// - Offer the chart's downloads: its data as CSV (the data table, with the source and licence as a
//   comment line) and the picture as SVG and PNG (with the source and licence line inside), each file
//   named after the figure (fig-trade-turnover.csv).
// Charts stay on a light card in dark mode too (a stated choice: their colours, grey ramps and white
// fills are chosen for contrast on white; see kztm.css).
(function () {
  "use strict";

  var EXPORT_WIDTH = 640;  // px, the width of a downloaded picture of a chart that follows its column
  var FOOTER_FONT_SIZE = 11, FOOTER_LINE = 15, FOOTER_MARGIN = 8;

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

  // --- text measured as the chart draws it --------------------------------------------------------
  var measure = null;

  function textWidth(text, font) {
    measure = measure || document.createElement("canvas").getContext("2d");
    measure.font = font;
    return measure.measureText(text).width;
  }

  /** Words of `text` in lines no wider than `width` px in `font` (a long word stays whole). */
  function wrap(text, width, font) {
    var lines = [], line = "";
    String(text || "").split(/\s+/).filter(Boolean).forEach(function (word) {
      var candidate = line ? line + " " + word : word;
      if (line && textWidth(candidate, font) > width) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    });
    if (line) lines.push(line);
    return lines;
  }

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function joined(text) { return Array.isArray(text) ? text.join(" ") : String(text || ""); }

  function titleText(spec) {
    var title = spec.title;
    return joined(title && typeof title === "object" && !Array.isArray(title) ? title.text : title);
  }

  function fonts(spec) {
    var config = spec.config || {}, title = config.title || {};
    var family = title.font || config.font || "sans-serif";
    return {
      title: (title.fontWeight || "bold") + " " + (title.fontSize || 13) + "px " + family,
      subtitle: (title.subtitleFontWeight || "normal") + " " + (title.subtitleFontSize || 10) + "px " +
        (title.subtitleFont || family)
    };
  }

  function setTitle(spec, lines, subtitle) {
    var title = spec.title && typeof spec.title === "object" && !Array.isArray(spec.title) ? spec.title : {};
    title = Object.assign({}, title, {text: lines});
    if (subtitle) title.subtitle = subtitle;
    spec.title = title;
  }

  function horizontalPadding(spec) {
    var padding = (spec.config || {}).padding;
    if (typeof padding === "number") return 2 * padding;
    if (padding && typeof padding === "object") return (padding.left || 0) + (padding.right || 0);
    return 10;
  }

  /** Every object under `key` in the spec (top level, layers, config), skipping the inline data:
   *  `pick(value)` says whether a value found under `key` is collected (else the walk goes on into it). */
  function collect(spec, key, pick, found) {
    found = found || [];
    if (Array.isArray(spec)) {
      spec.forEach(function (item) { collect(item, key, pick, found); });
    } else if (spec && typeof spec === "object") {
      Object.keys(spec).forEach(function (name) {
        if (name === key && pick(spec[name])) found.push(spec[name]);
        else if (name !== "datasets" && name !== "data") collect(spec[name], key, pick, found);
      });
    }
    return found;
  }

  /** Every legend definition in the spec (the config's and each encoding's). */
  function legends(spec) {
    return collect(spec, "legend", function (legend) { return legend && typeof legend === "object"; });
  }

  /** Every x-channel definition in the spec (top level and layers). */
  function xChannels(spec) {
    return collect(spec, "encoding", function (enc) {
      return enc && enc.x && typeof enc.x === "object";
    }).map(function (enc) { return enc.x; });
  }

  /** The spec to draw in a column `width` px wide, and a key that changes only when the drawing does.
   *  `fit` holds what earlier drawings at this width showed to be needed: `limit` (px) for legend labels,
   *  `pad` (px) more padding on the right, `widen` (px) more width, the picture then scaled down. */
  function layoutFor(base, width, fit) {
    var spec = clone(base);
    // In print a plot with a value (y) axis is drawn lower (0.55 of its height, not shorter than its axis title),
    // its width unchanged, so that a chart shares its page with text; rows (the timeline, bars by category) stay.
    var ys = collect(spec, "y", function (y) { return y && typeof y === "object" && y.type; });
    if (document.body.classList.contains("kztm-printing") && !spec.projection &&
        !ys.some(function (y) { return y.type === "nominal" || y.type === "ordinal" || y.axis === null; })) {
      var config = spec.config || {};
      var yFont = "500 " + ((config.axis || {}).titleFontSize || 11) + "px " + (config.font || "sans-serif");
      var least = Math.max.apply(null, ys.map(function (y) {
        var title = y.axis && "title" in y.axis ? y.axis.title : y.title;
        return typeof title === "string" ? Math.ceil(textWidth(title, yFont)) + 12 : 0;
      }).concat(0));
      var lower = function (height) { return Math.min(height, Math.max(least, Math.round(height * 0.55))); };
      spec.config = Object.assign({}, config, {view: Object.assign({continuousHeight: 300}, config.view)});
      spec.config.view.continuousHeight = lower(spec.config.view.continuousHeight);
      if (typeof spec.height === "number") spec.height = lower(spec.height);
    }
    var room = Math.max(200, width - horizontalPadding(spec) - 4);
    // A chart made at a fixed width wider than the column is drawn at that width and scaled down.
    var scaled = typeof spec.width === "number" && spec.width + horizontalPadding(spec) > width;
    if (!scaled && (fit.pad || fit.widen)) {
      var padding = (spec.config || {}).padding;
      padding = typeof padding === "number" ? {left: padding, right: padding, top: padding, bottom: padding}
        : Object.assign({left: 5, right: 5, top: 5, bottom: 5}, padding || {});
      padding.right += fit.pad || 0;
      spec.padding = padding;
      if (fit.widen) {
        spec.width = width + fit.widen;
        spec.autosize = {type: "fit-x", contains: "padding"};
        scaled = true;
      }
    }
    var titleRoom = typeof base.width === "number" ? base.width : room;
    var lines = wrap(titleText(spec), titleRoom, fonts(spec).title);
    if (lines.length) setTitle(spec, lines);
    var columns = scaled && !fit.widen ? 0 : room < 420 ? 1 : room < 640 ? 2 : 0;
    if (columns) {
      spec.config = spec.config || {};
      spec.config.legend = spec.config.legend || {};
      // Axis labels close together on a narrow plot: drop every other one rather than let them touch.
      spec.config.axis = Object.assign({labelSeparation: 6}, spec.config.axis || {});
      // A long x-axis title is wrapped to the plot's width (about the column less the y-axis labels).
      var axisFont = "500 " + ((spec.config.axis || {}).titleFontSize || 11) + "px " + (spec.config.font || "sans-serif");
      xChannels(spec).forEach(function (x) {
        var holder = x.axis && typeof x.axis.title === "string" ? x.axis : typeof x.title === "string" ? x : null;
        if (holder && textWidth(holder.title, axisFont) > room - 80) holder.title = wrap(holder.title, room - 80, axisFont);
      });
      legends(spec).forEach(function (legend) {
        if (legend.orient === "right" || legend.orient === "left") {
          legend.orient = "bottom";
          legend.direction = "horizontal";
        }
        legend.columns = Math.min(legend.columns || columns, columns);
        legend.labelLimit = Math.max(60, Math.min(legend.labelLimit || 1e9, Math.floor(room / columns) - 30,
                                                  fit.limit || 1e9));
      });
    }
    return {spec: spec, scaled: scaled,
            key: [lines.join("|"), columns, scaled, fit.limit || 0, fit.pad || 0, fit.widen || 0].join("/")};
  }

  // --- the figure around a chart ---------------------------------------------------------------------
  function figureOf(chart) { return chart.closest(".kztm-figure") || chart.parentElement; }

  function figureNumber(chart) {
    var number = figureOf(chart).querySelector(".caption-number");
    return number ? number.textContent.trim() : "";
  }

  function captionText(chart) {
    var caption = figureOf(chart).querySelector(".caption-text, p.kztm-caption");
    return caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
  }

  /** "Source: … Note: … Chart: Astana–Ashgabat report, CC BY 4.0." (the links to the data appendix left out). */
  function footerText(chart) {
    var source = figureOf(chart).querySelector(".kztm-source"), text = "";
    if (source) {
      source = source.cloneNode(true);
      Array.prototype.forEach.call(source.querySelectorAll(".kztm-data-link"), function (n) { n.remove(); });
      text = source.textContent.replace(/\s+/g, " ").trim();
    }
    return (text + " " + (chart.dataset.license || "")).trim();
  }

  /** Name and describe the figure and its data table (before the chart draws, so no-chart readers get it too). */
  function labelFigure(chart) {
    var figure = figureOf(chart), number = figureNumber(chart);
    var caption = figure.querySelector("figcaption > p, p.kztm-caption");
    if (caption && (figure.id || chart.dataset.name)) {
      caption.id = caption.id || (figure.id || chart.dataset.name) + "-caption";
      if (figure.id) figure.setAttribute("aria-labelledby", caption.id);
    }
    var summary = figure.querySelector("details.kztm-table > summary");
    if (summary && number) summary.textContent = "Data table of " + number + ": the values drawn in this chart";
  }

  /** The drawn chart is one image named by its finding and described by its caption; Vega's own roles
   *  on the container (which also holds the sliders) are removed. */
  function labelChart(chart, el) {
    var svg = el.querySelector("svg.marks");
    if (!svg) return;
    [el].concat(Array.prototype.slice.call(el.querySelectorAll("[role]"))).forEach(function (node) {
      if (node.getAttribute("role") !== "graphics-document") return;
      ["role", "aria-roledescription", "aria-label"].forEach(function (a) { node.removeAttribute(a); });
    });
    var spec = JSON.parse(chart.querySelector("script.kztm-spec").textContent);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", titleText(spec) || captionText(chart) || "Chart");
    var caption = figureOf(chart).querySelector("figcaption > p, p.kztm-caption");
    if (caption && caption.id) svg.setAttribute("aria-describedby", caption.id);
    // The groups, title and guides inside are not read one by one (the data table has the values).
    Array.prototype.forEach.call(svg.children, function (node) {
      if (node.tagName.toLowerCase() === "g") node.setAttribute("aria-hidden", "true");
    });
  }

  // --- downloads ---------------------------------------------------------------------------------------
  function save(name, blob) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 2000);
  }

  function csvCell(text) {
    return /[",\r\n]|^\s|\s$/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** The data table under the chart as CSV: the header (with units) and the rows the chart draws;
   *  numbers without thousands separators; the source and licence as a leading comment line. */
  function tableCsv(chart) {
    var table = figureOf(chart).querySelector("table.kztm-data-table");
    if (!table) return null;
    var lines = ["# " + footerText(chart)];
    Array.prototype.forEach.call(table.querySelectorAll("tr"), function (row) {
      var cells = Array.prototype.map.call(row.querySelectorAll("th, td"), function (cell) {
        var text = cell.textContent.trim();
        if (cell.classList.contains("kztm-num")) text = text.replace(/,/g, "");
        return csvCell(text);
      });
      lines.push(cells.join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  /** A view for the picture to download: the chart at EXPORT_WIDTH with its caption as subtitle and the
   *  sliders where the reader left them. */
  function exportView(chart) {
    var base = JSON.parse(chart.querySelector("script.kztm-spec").textContent);
    var spec = clone(base), f = fonts(spec);
    var width = typeof spec.width === "number" ? spec.width : EXPORT_WIDTH;
    if (spec.width === "container") spec.width = EXPORT_WIDTH;  // the whole picture, padding included (fit-x)
    var lines = wrap(titleText(spec), width - horizontalPadding(spec), f.title);
    if (lines.length) setTitle(spec, lines, wrap(captionText(chart), width - horizontalPadding(spec), f.subtitle));
    // Drawn off screen by vega-embed (the bundle exposes no other entry point), then removed.
    var holder = document.createElement("div");
    holder.setAttribute("aria-hidden", "true");
    holder.style.cssText = "position:absolute;left:-10000px;top:0;width:" + width + "px";
    document.body.appendChild(holder);
    return window.vegaEmbed(holder, spec, {renderer: "svg", actions: false}).then(function (result) {
      var view = result.view, live = chart._kztmResult && chart._kztmResult.view;
      (base.params || []).forEach(function (param) {
        if (param.bind && param.name && !param.select && live) {
          try { view.signal(param.name, live.signal(param.name)); } catch (e) { /* not a signal of this view */ }
        }
      });
      var finalize = view.finalize.bind(view);
      view.finalize = function () { finalize(); holder.remove(); };
      return view.runAsync();
    }, function (err) { holder.remove(); throw err; });
  }

  /** `svg` (text) with `text` wrapped below the drawing on a white band, the picture made taller. */
  function svgWithFooter(svg, text) {
    var doc = new DOMParser().parseFromString(svg, "image/svg+xml"), root = doc.documentElement;
    var ns = "http://www.w3.org/2000/svg";
    var width = parseFloat(root.getAttribute("width")), height = parseFloat(root.getAttribute("height"));
    var lines = wrap(text, width - 2 * FOOTER_MARGIN, FOOTER_FONT_SIZE + "px sans-serif");
    var extra = FOOTER_MARGIN + FOOTER_LINE * lines.length, total = height + extra;
    root.setAttribute("height", total);
    root.setAttribute("viewBox", "0 0 " + width + " " + total);
    var band = doc.createElementNS(ns, "rect");
    [["x", 0], ["y", height], ["width", width], ["height", extra], ["fill", "white"]].forEach(function (a) {
      band.setAttribute(a[0], a[1]);
    });
    root.appendChild(band);
    lines.forEach(function (line, i) {
      var node = doc.createElementNS(ns, "text");
      node.setAttribute("x", FOOTER_MARGIN);
      node.setAttribute("y", Math.round(height + FOOTER_MARGIN + FOOTER_LINE * (i + 1) - 4));
      node.setAttribute("font-size", FOOTER_FONT_SIZE);
      node.setAttribute("font-family", "sans-serif");
      node.setAttribute("fill", "#444444");
      node.textContent = line;
      root.appendChild(node);
    });
    return new XMLSerializer().serializeToString(doc);
  }

  /** The chart drawn on a canvas at `scale`, with `text` wrapped below it on a white band. */
  function canvasWithFooter(canvas, text, scale) {
    var font = FOOTER_FONT_SIZE + "px sans-serif";
    var lines = wrap(text, canvas.width / scale - 2 * FOOTER_MARGIN, font);
    var extra = (FOOTER_MARGIN + FOOTER_LINE * lines.length) * scale;
    var out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height + extra;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    ctx.scale(scale, scale);
    ctx.fillStyle = "#444444";
    ctx.font = font;
    lines.forEach(function (line, i) {
      ctx.fillText(line, FOOTER_MARGIN, canvas.height / scale + FOOTER_MARGIN + FOOTER_LINE * (i + 1) - 4);
    });
    return out;
  }

  function download(chart, format) {
    var name = chart.dataset.name || "chart";
    if (format === "csv") {
      return Promise.resolve(save(name + ".csv", new Blob([tableCsv(chart)], {type: "text/csv;charset=utf-8"})));
    }
    return exportView(chart).then(function (view) {
      var footer = footerText(chart);
      if (format === "svg") {
        return view.toSVG().then(function (svg) {
          view.finalize();
          save(name + ".svg", new Blob([svgWithFooter(svg, footer)], {type: "image/svg+xml"}));
        });
      }
      return view.toCanvas(2).then(function (canvas) {
        view.finalize();
        return new Promise(function (resolve) {
          canvasWithFooter(canvas, footer, 2).toBlob(function (blob) { save(name + ".png", blob); resolve(); },
                                                     "image/png");
        });
      });
    }).catch(function (err) { console.error(err); });
  }

  /** A row of buttons under the chart, "Download: CSV SVG PNG", in a group named "Download Fig. 8"
   *  (added once); each button's tooltip gives the file's name. */
  function addTools(chart) {
    if (chart.querySelector(".kztm-chart-tools")) return;
    var number = figureNumber(chart);
    var tools = document.createElement("div");
    tools.className = "kztm-chart-tools";
    tools.setAttribute("role", "group");
    tools.setAttribute("aria-label", "Download " + (number || "this chart"));
    var label = document.createElement("span");
    label.className = "kztm-tools-label";
    label.textContent = "Download:";
    label.setAttribute("aria-hidden", "true");
    tools.appendChild(label);
    var formats = [["svg", "SVG"], ["png", "PNG"]];
    if (figureOf(chart).querySelector("table.kztm-data-table")) formats.unshift(["csv", "CSV"]);
    formats.forEach(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kztm-download";
      button.dataset.format = item[0];
      button.textContent = item[1];
      button.title = (chart.dataset.name || "chart") + "." + item[0];
      button.addEventListener("click", function () { download(chart, item[0]); });
      tools.appendChild(button);
    });
    chart.appendChild(tools);
  }

  // --- drawing -------------------------------------------------------------------------------------------
  function fail(el, message) {
    el.textContent = "This chart could not be drawn (" + message + "). Its values are in the data table below.";
  }

  /** A label limit (px) that keeps the legends inside the drawing, or 0 when they fit. Legends start at
   *  the plot's left edge, right of the axis labels, so a long label can pass the edge of a narrow chart. */
  function legendLimit(el) {
    var svg = el.querySelector("svg.marks");
    if (!svg) return 0;
    var right = svg.getBoundingClientRect().right, over = 0, widest = 0;
    Array.prototype.forEach.call(svg.querySelectorAll(".role-legend"), function (legend) {
      over = Math.max(over, legend.getBoundingClientRect().right - right);
      Array.prototype.forEach.call(legend.querySelectorAll(".role-legend-label text"), function (label) {
        widest = Math.max(widest, label.getBoundingClientRect().width);
      });
    });
    return over > 1 ? Math.max(60, Math.floor(widest - over - 8)) : 0;
  }

  /** How many px (of the drawing, before any scaling) it passes the right edge of the picture (0 when it fits). */
  function drawingOverflow(el) {
    var svg = el.querySelector("svg.marks"), root = svg && svg.querySelector("g");
    if (!root) return 0;
    var box = svg.getBoundingClientRect(), scale = (parseFloat(svg.getAttribute("width")) || box.width) / box.width;
    return Math.max(0, Math.ceil((root.getBoundingClientRect().right - box.right) * scale));
  }

  function draw(chart, fit) {
    var el = chart.querySelector(".kztm-vis");
    var base = JSON.parse(chart.querySelector("script.kztm-spec").textContent);
    var width = el.clientWidth || chart.clientWidth || EXPORT_WIDTH;
    if (!fit) fit = chart._kztmWidth === width && chart._kztmFit ? chart._kztmFit : {tries: 0};
    var layout = layoutFor(base, width, fit);
    if (chart._kztmKey === layout.key) return;
    chart._kztmKey = layout.key;
    chart.dataset.state = "drawing";
    chart._kztmWidth = width;
    chart._kztmFit = fit;
    if (chart._kztmResult) chart._kztmResult.finalize();
    el.classList.toggle("kztm-scaled", layout.scaled);
    window.vegaEmbed(el, layout.spec, {renderer: "svg", actions: false}).then(function (result) {
      chart._kztmResult = result;
      // What passes the right edge is fixed in up to four more drawings: shorter legend labels, then
      // more padding on the right (labels right of the plot), then a wider drawing scaled down.
      var limit = layout.scaled || fit.limit ? 0 : legendLimit(el), over = drawingOverflow(el);
      if (fit.tries < 4 && (limit || over > 1)) {
        var next = Object.assign({}, fit, {tries: fit.tries + 1});
        if (limit) next.limit = limit;
        else if (!fit.pad) next.pad = over + 4;
        else next.widen = (fit.widen || 0) + over + 12;
        return draw(chart, next);
      }
      labelChart(chart, el);
      addTools(chart);
      chart.dataset.state = "drawn";  // final for this width (tests wait for it)
    }).catch(function (err) {
      chart.dataset.state = "failed";
      fail(el, err);
      console.error(err);
    });
  }

  function drawCharts() {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".kztm-chart"));
    charts.forEach(labelFigure);
    // The print page brings the charts drawn in an earlier print ready-drawn (kztm/pipeline/pdf.py).
    charts = charts.filter(function (chart) { return chart.dataset.state !== "drawn"; });
    if (!charts.length) return;
    loadVega(function (error) {
      if (error || typeof window.vegaEmbed !== "function") {
        charts.forEach(function (chart) {
          chart.dataset.state = "failed";
          fail(chart.querySelector(".kztm-vis"), error ? error.message : "no Vega bundle");
        });
        return;
      }
      charts.forEach(function (chart) { draw(chart); });
      var timer = null;
      window.addEventListener("resize", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { charts.forEach(function (chart) { draw(chart); }); }, 200);
      });
    });
  }

  /** The bibliography is a list (role="list", as Sphinx writes it) whose entries carry the deprecated
   *  role doc-biblioentry, which is not a list item: they become list items. */
  function fixBibliographyRoles() {
    Array.prototype.forEach.call(document.querySelectorAll("[role='list'] > [role='doc-biblioentry']"),
      function (entry) { entry.setAttribute("role", "listitem"); });
  }

  /** The theme's search buttons show "Search Ctrl+K" but are named "Search": a speech-input user who says
   *  what they see must be understood, so the name becomes the visible text. */
  function nameSearchButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("button.search-button__button[aria-label]"),
      function (button) {
        var text = button.textContent.replace(/\s+/g, " ").trim();
        if (text) button.setAttribute("aria-label", text);
      });
  }

  /** A wide table scrolls sideways inside its own box on a phone: the box is a named region that
   *  takes keyboard focus, so that keyboard users can scroll it too. */
  function focusableTableBoxes() {
    Array.prototype.forEach.call(document.querySelectorAll(".kztm-table-wrap"), function (box) {
      var caption = box.querySelector("caption");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", caption ? caption.textContent.replace(/\s+/g, " ").trim() : "Table");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusableTableBoxes();
    fixBibliographyRoles();
    nameSearchButtons();
    addPdfLink();
    drawCharts();
  });
})();
