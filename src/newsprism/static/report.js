/* newsprism report: small progressive enhancements; every page works without them. */
(function () {
  "use strict";
  var back = document.getElementById("back-to-cite");
  var origin = null;

  function targetOf(hash) {
    if (!hash || hash.length < 2) return null;
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch (e) {
      return null;
    }
  }

  var flashed = null;

  /* Sections collapse after their first items (#21): open whatever hides a target. */
  function reveal(el) {
    for (var node = el; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) node.open = true;
    }
  }

  function land(el) {
    if (!el) return;
    reveal(el);
    if (flashed && flashed !== el) flashed.classList.remove("flash");
    if (el.classList && el.classList.contains("hl")) {
      el.classList.remove("flash");
      void el.offsetWidth; /* restart the animation */
      el.classList.add("flash");
      flashed = el;
    }
    if (el.focus) el.focus({ preventScroll: true });
  }

  /* Citations: remember where the reader was, offer a way back. */
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest('a[href^="#"]') : null;
    if (!link || link.classList.contains("skip")) return;
    reveal(targetOf(link.getAttribute("href")));
    if (link.closest(".toc")) return;
    var here = link.closest("li, figure, tr, .variant, .event") || link;
    if (!here.id) here.id = "from-" + Math.random().toString(36).slice(2, 9);
    origin = here;
    if (back) back.hidden = false;
  });

  window.addEventListener("hashchange", function () {
    land(targetOf(location.hash));
  });
  if (location.hash) land(targetOf(location.hash));

  if (back) {
    back.addEventListener("click", function () {
      if (!origin) return;
      origin.scrollIntoView({ block: "center" });
      if (!origin.hasAttribute("tabindex")) origin.setAttribute("tabindex", "-1");
      origin.focus({ preventScroll: true });
      back.hidden = true;
      origin = null;
    });
  }

  /* Highlight layers: each checkbox shows or hides one kind of span in the text. */
  Array.prototype.forEach.call(document.querySelectorAll("input[data-layer]"), function (box) {
    var section = box.closest(".layered");
    if (!section) return;
    box.checked = section.classList.contains("show-" + box.getAttribute("data-layer"));
    box.addEventListener("change", function () {
      section.classList.toggle("show-" + box.getAttribute("data-layer"), box.checked);
    });
  });

  /* Timeline: arrow keys move between events, Enter/Space pins the sources open. */
  var events = Array.prototype.slice.call(document.querySelectorAll(".timeline .event"));
  events.forEach(function (item, i) {
    item.addEventListener("keydown", function (ev) {
      if (ev.target !== item) return;
      var next = null;
      if (ev.key === "ArrowDown" || ev.key === "ArrowRight") next = events[i + 1];
      else if (ev.key === "ArrowUp" || ev.key === "ArrowLeft") next = events[i - 1];
      else if (ev.key === "Home") next = events[0];
      else if (ev.key === "End") next = events[events.length - 1];
      else if (ev.key === "Enter" || ev.key === " ") {
        item.classList.toggle("open");
        ev.preventDefault();
        return;
      }
      if (next) {
        next.focus();
        ev.preventDefault();
      }
    });
  });
})();
