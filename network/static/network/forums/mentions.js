/*
 * Mention suggestions in a topic's reply form: typing "@Mar" in the message offers, as
 * buttons right under it, the members who read the topic and whose name starts so
 * (forums:mention_suggestions, names only); taking one writes "@Prénom Nom " in the text.
 * Without JavaScript, typing the whole name mentions the member just the same.
 *
 * The <script> element carries data-endpoint, data-topic and data-label-suggestions
 * ("{n}": how many, announced to screen readers).
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const textarea = document.querySelector("#reponse + form textarea[name='body']");
  if (!script || !textarea || !window.fetch) {
    return;
  }
  const endpoint = new URL(script.dataset.endpoint, window.location.href);
  if (endpoint.origin !== window.location.origin) {
    return;
  }
  // "@" at the start of a word, then up to three words of a name, up to the caret.
  const typed = /(?:^|[\s(])@([^\s@][^\s@]*(?: [^\s@]+){0,2})$/u;

  const live = document.createElement("p");
  live.className = "fr-sr-only";
  live.setAttribute("role", "status");
  const list = document.createElement("ul");
  list.className = "fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mt-1w";
  list.hidden = true;
  textarea.insertAdjacentElement("afterend", list);
  list.insertAdjacentElement("afterend", live);

  let timer = null;
  let controller = null;

  function pending() {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const match = typed.exec(before);
    return match ? { text: match[1], start: before.length - match[1].length - 1 } : null;
  }

  function hide() {
    list.hidden = true;
    list.replaceChildren();
  }

  function take(name) {
    const found = pending();
    if (!found) {
      hide();
      return;
    }
    const end = textarea.selectionStart;
    const mention = `@${name} `;
    textarea.value = textarea.value.slice(0, found.start) + mention + textarea.value.slice(end);
    const caret = found.start + mention.length;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
    hide();
    live.textContent = "";
  }

  function show(names) {
    list.replaceChildren(
      ...names.map((name) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "fr-btn fr-btn--tertiary";
        button.textContent = `@${name}`;
        // The caret must stay where the name is typed: take it before the focus moves.
        button.addEventListener("mousedown", (event) => event.preventDefault());
        button.addEventListener("click", () => take(name));
        item.append(button);
        return item;
      })
    );
    list.hidden = names.length === 0;
    live.textContent = (script.dataset.labelSuggestions || "").replace(
      "{n}",
      String(names.length)
    );
  }

  async function suggest(text) {
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    const url = new URL(endpoint);
    url.searchParams.set("topic", script.dataset.topic);
    url.searchParams.set("q", text);
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      const payload = await response.json();
      const current = pending();
      const names = Array.isArray(payload.names) ? payload.names : [];
      if (current && current.text === text) {
        show(names.filter((name) => typeof name === "string"));
      }
    } catch (error) {
      if (error.name !== "AbortError") {
        hide();
      }
    }
  }

  textarea.addEventListener("input", () => {
    window.clearTimeout(timer);
    const found = pending();
    if (!found || found.text.length < 2) {
      hide();
      return;
    }
    timer = window.setTimeout(() => suggest(found.text), 200);
  });

  list.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      hide();
      textarea.focus();
    }
  });
})();
