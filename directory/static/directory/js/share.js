// The "Copy the link" and "Print" buttons of guides and maisons, shown only with JavaScript:
// without it the address stays selectable in its field, and the browser prints.
(function () {
  "use strict";
  document.querySelectorAll("[data-share-buttons]").forEach(function (group) {
    group.hidden = false;
  });
  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copyLink);
    var status = document.getElementById(button.dataset.copyLink + "-status");
    if (!field || !status || !navigator.clipboard) {
      button.parentElement.hidden = true;
      return;
    }
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { status.textContent = button.dataset.copied; },
        function () { field.select(); }
      );
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
