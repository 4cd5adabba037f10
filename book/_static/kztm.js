// Offer the PDF edition from every page: a link in the article header, next to the theme's buttons.
// A book without a PDF edition (a `kztm run` page) sets window.kztmNoPdf first and gets no link.
document.addEventListener("DOMContentLoaded", function () {
  if (window.kztmNoPdf) return;
  var root = document.documentElement.dataset.content_root || "";
  var bar = document.querySelector(".article-header-buttons");
  if (!bar || document.getElementById("kztm-pdf-link")) return;
  var link = document.createElement("a");
  link.id = "kztm-pdf-link";
  link.className = "btn btn-sm kztm-pdf-link";
  link.href = root + "_static/report.pdf";
  link.title = "Download the PDF edition";
  link.textContent = "PDF";
  bar.insertBefore(link, bar.firstChild);
});
