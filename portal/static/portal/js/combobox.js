/*
 * The WAI-ARIA 1.2 combobox with list autocomplete and manual selection, shared by the
 * site search fields (search/js/search-combobox.js) and the maison search's commune field
 * (directory/js/maison-search.js): portalCombobox(input, options) turns the text input
 * into a combobox fed by a same-origin JSON endpoint. Without JavaScript, or when the
 * endpoint fails, the field stays the plain form's.
 *
 * Keys: Down/Up move through the options (Alt+Down opens without choosing), Enter takes
 * the highlighted option (else the form is submitted), Escape closes the list (and, with
 * escapeClears, a second time clears the field), Tab leaves. Announcements:
 * data-label-suggestions ("{n}" is the count), data-label-suggestions-one and
 * data-label-suggestions-none on the input.
 *
 * Styles: portal-combobox__* in portal/css/portal.css. Options: endpoint (address),
 * listboxId, classPrefix (of the widget's own classes beside the shared ones), query() (the text to ask for), params (more query parameters),
 * itemsFrom(payload), fillOption(option, item), choose(item), onInput(), debounceMs,
 * minChars, remember (answers kept per text), escapeClears.
 */
(function () {
  "use strict";

  function sameOriginUrl(address) {
    try {
      const url = new URL(address, window.location.href);
      return url.origin === window.location.origin ? url : null;
    } catch (error) {
      return null;
    }
  }

  function portalCombobox(input, options) {
    const endpoint = sameOriginUrl(options.endpoint);
    if (!endpoint) {
      return; // Suggestions only ever come from this site.
    }
    const prefix = options.classPrefix;
    const minChars = options.minChars || 2;
    const labels = input.dataset;
    const label = input.labels && input.labels[0];
    if (label && !label.id) {
      label.id = `${input.id}-label`;
    }

    const listbox = document.createElement("ul");
    listbox.id = options.listboxId;
    listbox.className = `portal-combobox__listbox ${prefix}__listbox`;
    listbox.setAttribute("role", "listbox");
    if (label) {
      listbox.setAttribute("aria-labelledby", label.id);
    }
    listbox.hidden = true;

    const liveRegion = document.createElement("div");
    liveRegion.className = "fr-sr-only";
    liveRegion.setAttribute("role", "status");
    liveRegion.setAttribute("aria-live", "polite");
    liveRegion.setAttribute("aria-atomic", "true");

    // Under the field, inside its own wrapper: the DSFR layout (.fr-search-bar) stays.
    input.parentElement.classList.add("portal-combobox", prefix);
    input.insertAdjacentElement("afterend", listbox);
    listbox.insertAdjacentElement("afterend", liveRegion);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off"); // The browser's own list would cover ours.

    let items = []; // the options shown, as the endpoint gave them
    let activeIndex = -1;
    let debounceTimer = null;
    let controller = null; // the AbortController of the request in flight
    let requestNumber = 0;
    const answers = new Map(); // text -> items, for the last few texts (remember)

    function isOpen() {
      return !listbox.hidden;
    }

    function announce(count) {
      let text = (labels.labelSuggestions || "").replace("{n}", String(count));
      if (count === 0 && labels.labelSuggestionsNone) {
        text = labels.labelSuggestionsNone;
      } else if (count === 1 && labels.labelSuggestionsOne) {
        text = labels.labelSuggestionsOne;
      }
      liveRegion.textContent = text;
    }

    function setActive(index) {
      const shown = listbox.children;
      for (let i = 0; i < shown.length; i += 1) {
        shown[i].classList.toggle("portal-combobox__option--active", i === index);
        shown[i].classList.toggle(`${prefix}__option--active`, i === index);
        shown[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      activeIndex = index;
      if (index >= 0 && shown[index]) {
        input.setAttribute("aria-activedescendant", shown[index].id);
        shown[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (items.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function close() {
      setActive(-1);
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function optionFor(item, index) {
      const option = document.createElement("li");
      option.id = `${listbox.id}-option-${index}`;
      option.className = `portal-combobox__option ${prefix}__option`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.index = String(index);
      options.fillOption(option, item);
      return option;
    }

    function show(found) {
      items = found;
      listbox.replaceChildren(...items.map(optionFor));
      setActive(-1);
      if (items.length) {
        open();
      } else {
        close();
      }
      announce(items.length);
    }

    function abortPending() {
      window.clearTimeout(debounceTimer);
      if (controller) {
        controller.abort();
        controller = null;
      }
    }

    function reset() {
      abortPending();
      items = [];
      close();
      liveRegion.textContent = "";
    }

    function choose(index) {
      const item = items[index];
      if (item) {
        close();
        liveRegion.textContent = "";
        options.choose(item);
      }
    }

    async function fetchItems(text) {
      if (answers.has(text)) {
        show(answers.get(text));
        return;
      }
      const number = ++requestNumber;
      controller = new AbortController();
      const url = new URL(endpoint);
      url.searchParams.set("q", text);
      Object.entries(options.params || {}).forEach(([name, value]) => {
        url.searchParams.set(name, value);
      });
      try {
        const response = await fetch(url, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          signal: controller.signal,
        });
        if (!response.ok) {
          throw new Error(`HTTP ${response.status}`);
        }
        const found = options.itemsFrom(await response.json());
        if (number !== requestNumber || options.query() !== text) {
          return; // Answers for an older text are of no use.
        }
        if (options.remember) {
          answers.set(text, found);
          if (answers.size > options.remember) {
            answers.delete(answers.keys().next().value);
          }
        }
        show(found);
      } catch (error) {
        // Aborted (a newer text) or failed: no suggestions, the form works as ever.
        if (error.name !== "AbortError" && number === requestNumber) {
          items = [];
          close();
        }
      }
    }

    input.addEventListener("input", () => {
      if (options.onInput) {
        options.onInput();
      }
      abortPending();
      setActive(-1);
      const text = options.query();
      if (text.length < minChars) {
        reset();
        return;
      }
      debounceTimer = window.setTimeout(() => fetchItems(text), options.debounceMs || 150);
    });

    input.addEventListener("keydown", (event) => {
      const count = items.length;
      switch (event.key) {
        case "ArrowDown":
          if (count) {
            event.preventDefault();
            if (!isOpen()) {
              open();
              setActive(event.altKey ? -1 : 0);
            } else {
              setActive((activeIndex + 1) % count);
            }
          }
          break;
        case "ArrowUp":
          if (count) {
            event.preventDefault();
            open();
            setActive(activeIndex <= 0 ? count - 1 : activeIndex - 1);
          }
          break;
        case "Enter":
          if (isOpen() && activeIndex >= 0) {
            event.preventDefault(); // Take the option, do not submit.
            choose(activeIndex);
          } else {
            close();
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault(); // Keep the text (a search field would clear it).
            close();
          } else if (options.escapeClears && input.value) {
            event.preventDefault();
            input.value = "";
            reset();
          }
          break;
        case "Tab":
          close();
          break;
        case "Home":
        case "End":
        case "ArrowLeft":
        case "ArrowRight":
          setActive(-1); // The caret moves in the text again.
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", close);

    // A mousedown would take the focus from the field, and close the list, before the click.
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) {
        choose(Number(option.dataset.index));
        input.focus();
      }
    });

    // Back to the page from the browser's cache: no list left open over it.
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) {
        reset();
      }
    });
  }

  window.portalCombobox = portalCombobox;
})();
