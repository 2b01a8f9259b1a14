/*
 * "La MSA : accueillir les assurés agricoles", a SCORM 1.2 SCO: pages, a four-question
 * quiz, and the run-time calls (LMSInitialize, resume, status, score, session time,
 * LMSFinish on "Terminer" and on pagehide).
 */
(function () {
  "use strict";

  var PAGES = ["page-1", "page-2", "page-3", "page-quiz"];
  var ANSWERS = { q1: "b", q2: "c", q3: "a", q4: "b" };
  var EXPECTED = {
    q1: "de la MSA",
    q2: "de la santé, de la famille et de la retraite",
    q3: "l’espace en ligne et l’application mobile des assurés de la MSA",
    q4: "l’accompagner pour qu’il saisisse lui-même ses identifiants",
  };
  var DEFAULT_MASTERY = 80;

  var api = null;
  var started = new Date();
  var current = 0;
  var finished = false;

  // The standard SCORM 1.2 API discovery: up the parents, then the opener's.
  function findAPI(win) {
    var tries = 0;
    try {
      while (!win.API && win.parent && win.parent !== win) {
        tries += 1;
        if (tries > 7) {
          return null;
        }
        win = win.parent;
      }
      return win.API || null;
    } catch (error) {
      return null; // a parent on another origin
    }
  }

  function getAPI() {
    var found = findAPI(window);
    if (!found && window.opener) {
      found = findAPI(window.opener);
    }
    return found;
  }

  function get(element) {
    return api ? String(api.LMSGetValue(element)) : "";
  }

  function set(element, value) {
    if (api) {
      api.LMSSetValue(element, String(value));
    }
  }

  function commit() {
    if (api) {
      api.LMSCommit("");
    }
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) {
      text = "0" + text;
    }
    return text;
  }

  // Milliseconds as a CMITimespan, HHHH:MM:SS.SS.
  function timespan(milliseconds) {
    var hundredths = Math.floor(milliseconds / 10);
    var hours = Math.floor(hundredths / 360000);
    var minutes = Math.floor((hundredths % 360000) / 6000);
    var seconds = Math.floor((hundredths % 6000) / 100);
    var fraction = hundredths % 100;
    return (
      pad(Math.min(hours, 9999), 4) + ":" + pad(minutes, 2) + ":" + pad(seconds, 2) + "." +
      pad(fraction, 2)
    );
  }

  function answers() {
    var chosen = {};
    Object.keys(ANSWERS).forEach(function (name) {
      var checked = document.querySelector("input[name='" + name + "']:checked");
      if (checked) {
        chosen[name] = checked.value;
      }
    });
    return chosen;
  }

  function saveProgress() {
    set("cmi.core.lesson_location", PAGES[current]);
    set("cmi.suspend_data", JSON.stringify({ answers: answers() }));
  }

  function show(index, moveFocus) {
    current = Math.max(0, Math.min(index, PAGES.length - 1));
    PAGES.forEach(function (id, position) {
      document.getElementById(id).hidden = position !== current;
    });
    document.getElementById("previous").disabled = current === 0;
    document.getElementById("next").disabled = current === PAGES.length - 1;
    document.getElementById("progress").textContent =
      "Étape " + (current + 1) + " sur " + PAGES.length;
    if (moveFocus) {
      var heading = document.querySelector("#" + PAGES[current] + " h2");
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    saveProgress();
  }

  function restore() {
    if (get("cmi.core.entry") !== "resume") {
      return 0;
    }
    try {
      var saved = JSON.parse(get("cmi.suspend_data") || "{}").answers || {};
      Object.keys(saved).forEach(function (name) {
        var input = document.getElementById(name + "-" + saved[name]);
        if (input && ANSWERS[name]) {
          input.checked = true;
        }
      });
    } catch (error) {
      // suspend_data written by another version of the module: start the quiz afresh.
    }
    return Math.max(0, PAGES.indexOf(get("cmi.core.lesson_location")));
  }

  function masteryScore() {
    var mastery = parseFloat(get("cmi.student_data.mastery_score"));
    return isNaN(mastery) ? DEFAULT_MASTERY : mastery;
  }

  function submitQuiz(event) {
    event.preventDefault();
    var chosen = answers();
    var result = document.getElementById("quiz-result");
    var missing = Object.keys(ANSWERS).filter(function (name) {
      return !chosen[name];
    });
    if (missing.length) {
      result.textContent = "Répondez à toutes les questions avant de valider.";
      document.getElementById(missing[0] + "-a").focus();
      return;
    }
    var right = 0;
    Object.keys(ANSWERS).forEach(function (name) {
      var correct = chosen[name] === ANSWERS[name];
      right += correct ? 1 : 0;
      document.getElementById(name + "-feedback").textContent = correct
        ? "Bonne réponse."
        : "Réponse attendue : " + EXPECTED[name] + ".";
    });
    var score = Math.round((right * 100) / Object.keys(ANSWERS).length);
    var passed = score >= masteryScore();
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.score.raw", score);
    set("cmi.core.lesson_status", passed ? "passed" : "failed");
    saveProgress();
    commit();
    result.textContent =
      "Votre score : " + score + " %. " +
      (passed
        ? "Module validé : vous pouvez cliquer sur « Terminer »."
        : "Il faut " + masteryScore() + " % pour valider : corrigez vos réponses et validez à nouveau.");
  }

  // Leaving before the quiz is answered suspends the attempt, to resume it next time.
  function finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (!api) {
      return;
    }
    var status = get("cmi.core.lesson_status");
    saveProgress();
    set("cmi.core.exit", status === "passed" || status === "failed" ? "" : "suspend");
    set("cmi.core.session_time", timespan(new Date() - started));
    api.LMSFinish("");
  }

  function finishButton() {
    finish();
    Array.prototype.forEach.call(document.querySelectorAll("button, input"), function (control) {
      control.disabled = true;
    });
    var message = document.getElementById("finished");
    message.hidden = false;
    message.setAttribute("tabindex", "-1");
    message.focus();
  }

  function start() {
    api = getAPI();
    if (api && String(api.LMSInitialize("")) !== "true") {
      api = null;
    }
    document.getElementById("no-lms").hidden = Boolean(api);
    if (api && get("cmi.core.lesson_status") === "not attempted") {
      set("cmi.core.lesson_status", "incomplete");
    }
    show(restore(), false);
    commit();

    document.getElementById("previous").addEventListener("click", function () {
      show(current - 1, true);
    });
    document.getElementById("next").addEventListener("click", function () {
      show(current + 1, true);
    });
    document.getElementById("quiz").addEventListener("submit", submitQuiz);
    document.getElementById("quiz").addEventListener("change", saveProgress);
    document.getElementById("finish").addEventListener("click", finishButton);
    window.addEventListener("pagehide", finish);
  }

  start();
})();
