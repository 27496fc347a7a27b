// Quick exit, as in GOV.UK's "Exit this page": the button, or Shift pressed three times within
// five seconds. The page is hidden at once, the session is ended in the background, and the
// current history entry is replaced by a neutral site, so "Back" does not return here.
(function () {
  "use strict";
  var button = document.querySelector("[data-quick-exit]");
  if (!button) return;
  var target = button.getAttribute("data-exit-url");
  var endpoint = button.getAttribute("href");
  var leaving = false;

  function exitNow(event) {
    if (event) event.preventDefault();
    if (leaving) return;
    leaving = true;
    document.documentElement.classList.add("is-exiting");
    if (document.body) document.body.hidden = true;
    document.title = "";
    try {
      navigator.sendBeacon(endpoint);
    } catch (err) {
      // Ending the session is best effort here; the page itself is already gone.
    }
    window.location.replace(target);
  }

  button.addEventListener("click", exitNow);

  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    if (presses.length >= 3) {
      presses = [];
      exitNow();
    }
  });
})();

// Idle timeout: after the session's idle time without any interaction, end the session and
// leave the page, so private notes are not left open on a shared screen.
(function () {
  "use strict";
  var body = document.body;
  var seconds = body && parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  if (!seconds) return;
  var target = body.getAttribute("data-idle-url");
  var exitButton = document.querySelector("[data-quick-exit]");
  var last = Date.now();
  ["keydown", "pointerdown", "scroll", "input"].forEach(function (name) {
    document.addEventListener(name, function () { last = Date.now(); }, { passive: true });
  });
  window.setInterval(function () {
    if (Date.now() - last < seconds * 1000) return;
    try {
      if (exitButton) navigator.sendBeacon(exitButton.getAttribute("href"));
    } catch (err) {
      // The server ends idle sessions by itself too.
    }
    window.location.replace(target);
  }, 15000);
})();
