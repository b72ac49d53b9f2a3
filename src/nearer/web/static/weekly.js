// Our week: the running timer, the live balance of speaking time, local times, and following the
// other person's screen. The pages work without this; it only keeps them moving. No network beyond nearer.
(function () {
  "use strict";

  var MOST_SECONDS = 30 * 60;
  var root = document.querySelector("[data-talk]");

  function clock(seconds) {
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var secs = seconds % 60;
    var mm = hours ? String(minutes).padStart(2, "0") : String(minutes);
    return (hours ? hours + ":" : "") + mm + ":" + String(secs).padStart(2, "0");
  }

  function words(seconds) {
    var minutes = Math.floor(seconds / 60);
    var secs = seconds % 60;
    var parts = minutes ? [minutes + (minutes === 1 ? " minute" : " minutes")] : [];
    if (secs || !parts.length) { parts.push(secs + (secs === 1 ? " second" : " seconds")); }
    return parts.join(" ");
  }

  // Times on the page are the server's; the difference to this device's clock is taken once.
  var serverNow = root ? Date.parse(root.getAttribute("data-server-now")) : NaN;
  var skew = isNaN(serverNow) ? 0 : serverNow - Date.now();

  function runningFor(since) {
    var seconds = Math.floor((Date.now() + skew - since) / 1000);
    return Math.max(0, Math.min(MOST_SECONDS, seconds));
  }

  function tick() {
    document.querySelectorAll("[data-timer-since]").forEach(function (timer) {
      var since = Date.parse(timer.getAttribute("data-timer-since"));
      if (!isNaN(since)) { timer.textContent = clock(runningFor(since)); }
    });
    var balance = document.querySelector("[data-balance][data-running]");
    if (!balance) { return; }
    var running = balance.getAttribute("data-running");
    var since = Date.parse(balance.getAttribute("data-since"));
    var atLoad = isNaN(serverNow) || isNaN(since) ? 0 : Math.max(0, Math.min(MOST_SECONDS, Math.floor((serverNow - since) / 1000)));
    var totals = {};
    balance.querySelectorAll("[data-seconds-for]").forEach(function (shown) {
      var who = shown.getAttribute("data-seconds-for");
      var seconds = parseInt(shown.getAttribute("data-seconds"), 10) || 0;
      if (who === running && !isNaN(since)) { seconds = seconds - atLoad + runningFor(since); }
      totals[who] = seconds;
      shown.textContent = clock(seconds);
    });
    var bar = balance.querySelector("[data-balance-bar]");
    if (bar) {
      var first = totals[bar.getAttribute("data-first")] || 0;
      var second = totals[bar.getAttribute("data-second")] || 0;
      bar.max = first + second || 2;
      bar.value = first + second ? first : 1;
      var text = balance.querySelector("[data-balance-text]");
      var names = balance.querySelectorAll(".who .name");
      if (text && names.length === 2) {
        text.textContent = names[0].textContent + " has spoken for " + words(first) + ", " +
          names[1].textContent + " for " + words(second) + ".";
      }
    }
  }

  // Times to come back, in this device's own time zone and words.
  document.querySelectorAll("time[data-local]").forEach(function (shown) {
    var moment = new Date(shown.getAttribute("datetime"));
    if (isNaN(moment.getTime())) { return; }
    shown.textContent = moment.toLocaleString(undefined, {
      weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit"
    });
  });

  // The time typed to come back is this device's local time: send its offset with it.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-pause-form")) { return; }
    var typed = form.querySelector("[name=resume_at]");
    var offset = form.querySelector("[name=tz_offset]");
    var moment = typed ? new Date(typed.value) : null;
    if (offset && moment && !isNaN(moment.getTime())) { offset.value = String(-moment.getTimezoneOffset()); }
  }, true);

  if (!root) { return; }
  tick();
  window.setInterval(tick, 1000);

  // Follow the other screen: when the talk changes, show it, unless someone is in the middle of writing.
  function busy() {
    var open = root.querySelector("details[open]");
    var writing = Array.prototype.some.call(root.querySelectorAll("textarea"), function (box) {
      return box.value.trim() !== "";
    });
    return Boolean(open) || writing;
  }

  var url = root.getAttribute("data-version-url");
  var version = root.getAttribute("data-version");
  var checking = false;
  function check() {
    if (checking || document.hidden) { return; }
    checking = true;
    window.fetch(url, { credentials: "same-origin", cache: "no-store", redirect: "error" })
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (latest) {
        if (latest === null || latest.trim() === version) { return; }
        if (busy()) {
          var moved = root.querySelector("[data-talk-moved]");
          if (moved) { moved.hidden = false; }
        } else {
          window.location.reload();
        }
      })
      .catch(function () { /* offline for a moment: try again on the next round */ })
      .then(function () { checking = false; });
  }
  window.setInterval(check, 2000);
})();
