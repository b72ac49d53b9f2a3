// The times typed into nearer's forms are this device's local time. On sending a form marked
// data-local-time, add the device's offset for that moment, so the server reads the time as meant.
// Without this script the server reads it in its own time zone. No network.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-local-time")) { return; }
    var typed = form.querySelector("input[type=datetime-local]");
    var offset = form.querySelector("input[name=tz_offset]");
    var moment = typed ? new Date(typed.value) : null;
    if (offset && moment && !isNaN(moment.getTime())) { offset.value = String(-moment.getTimezoneOffset()); }
  }, true);
})();
