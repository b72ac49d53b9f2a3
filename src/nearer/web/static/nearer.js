// nearer's own script: the quick exit, confirmations, and small comforts. No network, no tracking.
(function () {
  "use strict";

  // Quick exit: blank the page at once, then replace this history entry with a neutral page,
  // so Back does not return here.
  function quickExit(event) {
    if (event) { event.preventDefault(); }
    document.title = "Weeknight recipes";
    document.body.innerHTML = "";
    window.location.replace("/away");
  }

  document.addEventListener("click", function (event) {
    var exit = event.target.closest("[data-quick-exit]");
    if (exit) { quickExit(event); }
  });

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEscape < 800) { quickExit(event); }
    lastEscape = now;
  });

  // Forms that undo something ask first.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-select-on-focus")) { event.target.select(); }
  });
})();
