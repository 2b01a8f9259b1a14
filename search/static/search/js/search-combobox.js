/*
 * Site search suggestions: every <input data-search-suggestions="<endpoint>"> becomes a
 * WAI-ARIA 1.2 combobox with list autocomplete, fed by search/autocomplete.py (same
 * origin only). Without JavaScript, or when the endpoint fails, the field stays the plain
 * search form's.
 *
 * Keys: Down/Up move through the suggestions, Enter opens the highlighted one (else the
 * form is submitted), Escape closes the list and, a second time, clears the field, Tab
 * leaves. Announcements: data-label-suggestions ("{n}" is the count),
 * data-label-suggestions-one and data-label-suggestions-none on the input.
 */
(function () {
  "use strict";

  const MIN_CHARS = 2;
  const DEBOUNCE_MS = 150;

  function sameOriginUrl(address) {
    try {
      const url = new URL(address, window.location.href);
      return url.origin === window.location.origin ? url : null;
    } catch (error) {
      return null;
    }
  }

  function webUrl(address) {
    try {
      const url = new URL(address, window.location.href);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function typed(input) {
    return input.value.trim().split(/\s+/).join(" ");
  }

  function enhance(input, number) {
    const endpoint = sameOriginUrl(input.dataset.searchSuggestions);
    if (!endpoint) {
      return;
    }
    const labels = input.dataset;
    if (!input.id) {
      input.id = `search-combobox-${number}`;
    }
    const label = input.labels && input.labels[0];
    if (label && !label.id) {
      label.id = `${input.id}-label`;
    }
    const pageLanguage = document.documentElement.lang;

    const listbox = document.createElement("ul");
    listbox.id = `${input.id}-suggestions`;
    listbox.className = "search-combobox__listbox";
    listbox.setAttribute("role", "listbox");
    if (label) {
      listbox.setAttribute("aria-labelledby", label.id);
    }
    listbox.hidden = true;

    const liveRegion = document.createElement("div");
    liveRegion.className = "fr-sr-only";
    liveRegion.setAttribute("role", "status");
    liveRegion.setAttribute("aria-atomic", "true");

    // Under the field, in its own wrapper: the DSFR layout (.fr-search-bar) stays as it is.
    input.parentElement.classList.add("search-combobox");
    input.insertAdjacentElement("afterend", listbox);
    listbox.insertAdjacentElement("afterend", liveRegion);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off"); // The browser's own list would cover ours.

    let items = []; // the suggestions shown, as the endpoint gave them
    let activeIndex = -1;
    let debounceTimer = null;
    let controller = null; // the AbortController of the request in flight

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
      const options = listbox.children;
      for (let i = 0; i < options.length; i += 1) {
        options[i].classList.toggle("search-combobox__option--active", i === index);
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      activeIndex = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
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
      option.id = `${listbox.id}-${index}`;
      option.className = "search-combobox__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.index = String(index);
      const name = document.createElement("span");
      name.className = "search-combobox__label";
      name.textContent = item.label;
      if (item.lang && item.lang !== pageLanguage) {
        name.lang = item.lang;
      }
      const separator = document.createElement("span");
      separator.className = "fr-sr-only";
      separator.textContent = ", ";
      const type = document.createElement("span");
      type.className = "search-combobox__type";
      type.textContent = item.type;
      option.append(name, separator, type);
      return option;
    }

    function show(found) {
      items = found.filter((item) => item && item.label && webUrl(item.url));
      listbox.replaceChildren(...items.map(optionFor));
      setActive(-1);
      if (items.length) {
        open();
      } else {
        close();
      }
      announce(items.length);
    }

    function reset() {
      window.clearTimeout(debounceTimer);
      if (controller) {
        controller.abort();
        controller = null;
      }
      items = [];
      close();
      liveRegion.textContent = "";
    }

    function follow(index) {
      const url = items[index] && webUrl(items[index].url);
      if (url) {
        close();
        window.location.assign(url);
      }
    }

    async function fetchSuggestions(query) {
      controller = new AbortController();
      const url = new URL(endpoint);
      url.searchParams.set("q", query);
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
        if (typed(input) !== query) {
          return; // Answers for an older text are of no use.
        }
        show(Array.isArray(payload.suggestions) ? payload.suggestions : []);
      } catch (error) {
        // Aborted (a newer text) or failed: no suggestions, the form works as ever.
        if (error.name !== "AbortError" && typed(input) === query) {
          items = [];
          close();
        }
      }
    }

    input.addEventListener("input", () => {
      reset();
      const query = typed(input);
      if (query.length >= MIN_CHARS) {
        debounceTimer = window.setTimeout(() => fetchSuggestions(query), DEBOUNCE_MS);
      }
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
            if (!isOpen()) {
              open();
            }
            setActive(activeIndex <= 0 ? count - 1 : activeIndex - 1);
          }
          break;
        case "Enter":
          if (isOpen() && activeIndex >= 0) {
            event.preventDefault(); // Open the suggestion, not the results page.
            follow(activeIndex);
          } else {
            close();
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault(); // Keep the text (a search field would clear it).
            close();
          } else if (input.value) {
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
        follow(Number(option.dataset.index));
      }
    });

    // Back to the page from the browser's cache: no list left open over it.
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) {
        reset();
      }
    });
  }

  document.querySelectorAll("input[data-search-suggestions]").forEach(enhance);
})();
