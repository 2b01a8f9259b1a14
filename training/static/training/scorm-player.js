/*
 * SCORM 1.2 player: gives the package in the iframe the run-time API (scorm-again's
 * Scorm12API, loaded before this script) as window.API, loaded with the learner's state,
 * and sends every commit to the server.
 *
 * Markup (no inline script: the CSP allows scripts from our origin only):
 *
 *   <div id="scorm-player" data-launch-url="…" data-commit-url="…" data-csrf-token="…">
 *     <iframe title="…"></iframe>                      (created if absent, see data-title)
 *     <p id="scorm-player-error" role="alert" hidden>…</p>       (optional, shown on a
 *                                                                  failed commit)
 *   </div>
 *   {{ launch_values|json_script:"scorm-state" }}
 *
 * Commits are POSTed as JSON with the X-CSRFToken header by fetch (keepalive, so the last
 * one survives the page closing); the one LMSFinish sends carries "finish": true. The
 * body is documented in training/scorm/runtime.py.
 */
(function () {
  "use strict";

  var container = document.getElementById("scorm-player");
  var stateElement = document.getElementById("scorm-state");
  if (!container || !stateElement || typeof window.Scorm12API !== "function") {
    return;
  }

  var api = new window.Scorm12API({
    lmsCommitUrl: container.dataset.commitUrl,
    dataCommitFormat: "json",
    autocommit: true,
    autocommitSeconds: 30,
    useAsynchronousCommits: true,
    asyncModeBeaconBehavior: "never",
    fetchMode: "same-origin",
    xhrHeaders: { "X-CSRFToken": container.dataset.csrfToken },
    terminateCommitPayloadField: "finish",
    logLevel: 4,
  });
  api.loadFromJSON(JSON.parse(stateElement.textContent));

  var error = document.getElementById("scorm-player-error");
  if (error) {
    api.on("CommitError", function () {
      error.hidden = false;
    });
    api.on("CommitSuccess", function () {
      error.hidden = true;
    });
  }

  window.API = api;

  var frame = container.querySelector("iframe");
  if (!frame) {
    frame = document.createElement("iframe");
    frame.title = container.dataset.title || document.title;
    container.insertBefore(frame, container.firstChild);
  }
  frame.src = container.dataset.launchUrl;
})();
