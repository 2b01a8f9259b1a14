// The time left before a quiz's deadline, read aloud once a minute (the page works without).
(function () {
  "use strict";
  var timer = document.getElementById("quiz-timer");
  if (!timer) { return; }
  var deadline = new Date(timer.getAttribute("data-deadline")).getTime();
  var output = timer.querySelector(".training-timer");
  var lastMinutes = null;
  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 60000));
    if (left !== lastMinutes) {
      lastMinutes = left;
      output.textContent = left > 1 ? "(" + left + " min)" : "(< 1 min)";
    }
  }
  tick();
  window.setInterval(tick, 5000);
})();
