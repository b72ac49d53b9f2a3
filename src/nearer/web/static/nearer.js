// nearer's own script: the quick exit, confirmations, and small comforts. No network, no tracking.
(function () {
  "use strict";

  // Quick exit: blank the page at once, sign this browser out, and replace this history
  // entry with a neutral page. Back then finds only the sign-in page, never a private one.
  function quickExit(event) {
    if (event) { event.preventDefault(); }
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token && navigator.sendBeacon) {
      var form = new FormData();
      form.append("csrf_token", token.getAttribute("content"));
      navigator.sendBeacon("/quick-exit", form);
    }
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

  // htmx leaves error answers unshown. Where the answer holds the part being replaced
  // (a form with its message), show it; otherwise reload, so the whole page tells what happened.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (detail.xhr.status < 400) { return; }
    var target = detail.target && detail.target.id;
    if (target && detail.xhr.responseText.indexOf('id="' + target + '"') !== -1) {
      detail.shouldSwap = true;
      detail.isError = false;
    } else {
      window.location.reload();
    }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-select-on-focus")) { event.target.select(); }
  });
})();
