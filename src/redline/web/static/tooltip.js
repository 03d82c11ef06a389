// Hover and focus tooltips for chart marks. Without this script the SVG <title>
// of each mark still shows as the browser's own tooltip.
(function () {
  "use strict";
  function tip() { return document.getElementById("tooltip"); }

  function show(mark, x, y) {
    var box = tip();
    if (!box) { return; }
    box.textContent = mark.getAttribute("data-tip");
    box.hidden = false;
    var left = Math.min(x + 14, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8);
    box.style.left = Math.max(8, left) + "px";
    box.style.top = (y + 14) + "px";
  }

  function hide() { var box = tip(); if (box) { box.hidden = true; } }

  function init(root) {
    root.querySelectorAll("svg.timeline .pt[data-tip]:not([data-tip-ready])").forEach(function (mark) {
      mark.setAttribute("data-tip-ready", "");
      // The script's tooltip replaces the native one so that only one shows.
      var title = mark.querySelector("title");
      if (title) { title.remove(); }
      mark.addEventListener("mousemove", function (e) { show(mark, e.pageX, e.pageY); });
      mark.addEventListener("mouseleave", hide);
      mark.addEventListener("focus", function () {
        var r = mark.getBoundingClientRect();
        show(mark, r.right + window.scrollX, r.top + window.scrollY);
      });
      mark.addEventListener("blur", hide);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (e) { init(e.target); });
})();
