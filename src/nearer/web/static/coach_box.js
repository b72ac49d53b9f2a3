// The coach box: copy a suggested reply with one press. No network, nothing kept.
(function () {
  "use strict";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (ignored) { done = false; }
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function say(button, words) {
    var section = button.closest("#coaching");
    var status = section && section.querySelector("[data-copied]");
    if (status) { status.textContent = words; }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (!button) { return; }
    copy(button.getAttribute("data-copy")).then(function () {
      document.querySelectorAll("button[data-copy]").forEach(function (other) { other.textContent = "Copy"; });
      button.textContent = "Copied";
      say(button, "Copied. Paste it wherever you're writing to them, and make it your own.");
    }, function () {
      say(button, "Your browser didn't allow copying. Select the words and copy them yourself.");
    });
  });
})();
