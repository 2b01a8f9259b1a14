/*
 * Maison search form enhancements (progressive: without JavaScript the form is a plain GET
 * form with a text field, and the server geocodes what was typed).
 *
 * 1. "Autour de moi": a button inserted into [data-geolocate-slot] that fills the hidden
 *    lat/lon inputs with the browser's position (rounded to 3 decimals, about 100 m) and
 *    submits the form. Labels: data-label, data-label-locating, data-label-denied,
 *    data-label-unavailable on the slot; messages go to [data-geolocate-status].
 * 2. Commune suggestions on #maison-search-q: the WAI-ARIA 1.2 combobox pattern with list
 *    autocomplete and manual selection, fed by data-autocomplete-url (same origin only).
 *    Announcements: data-label-suggestions ("{n}" is the count), optional
 *    data-label-suggestions-one and data-label-suggestions-none, on the input.
 */
(function () {
  "use strict";

  const form = document.getElementById("maison-search");
  if (!form) {
    return;
  }
  const input = document.getElementById("maison-search-q");
  const communeInput = document.getElementById("maison-search-commune");
  const latInput = document.getElementById("maison-search-lat");
  const lonInput = document.getElementById("maison-search-lon");

  function clearPosition() {
    if (latInput) {
      latInput.value = "";
    }
    if (lonInput) {
      lonInput.value = "";
    }
  }

  /* ---------------------------------------------------------------- Autour de moi */

  function setUpGeolocation() {
    const slot = form.querySelector("[data-geolocate-slot]");
    // Browsers only locate on secure origins (https, localhost): elsewhere, no button.
    if (!slot || !("geolocation" in navigator) || !window.isSecureContext) {
      return;
    }
    if (!latInput || !lonInput) {
      return;
    }
    const status =
      form.querySelector("[data-geolocate-status]") ||
      document.querySelector("[data-geolocate-status]");
    const labels = slot.dataset;

    const button = document.createElement("button");
    button.type = "button";
    button.className = "fr-btn fr-btn--secondary fr-icon-map-pin-2-line fr-btn--icon-left";
    button.textContent = labels.label || "Autour de moi";
    slot.appendChild(button);

    function say(message, kind) {
      if (!status) {
        return;
      }
      status.classList.remove("fr-message--info", "fr-message--error");
      if (message && kind) {
        status.classList.add(`fr-message--${kind}`);
      }
      status.textContent = message || "";
    }

    function fail(error) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      const denied = error && error.code === 1; // GeolocationPositionError.PERMISSION_DENIED
      say(denied ? labels.labelDenied : labels.labelUnavailable, "error");
    }

    button.addEventListener("click", () => {
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      say(labels.labelLocating, "info");
      navigator.geolocation.getCurrentPosition(
        (position) => {
          // Three decimals (about 100 m) are enough to find the nearest maisons and keep
          // the exact position out of URLs and server logs.
          latInput.value = position.coords.latitude.toFixed(3);
          lonInput.value = position.coords.longitude.toFixed(3);
          if (input) {
            input.value = "";
          }
          if (communeInput) {
            communeInput.value = "";
          }
          // submit() rather than requestSubmit(): the emptied text field must not be
          // stopped by constraint validation.
          form.submit();
        },
        fail,
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 }
      );
    });

    // Back from the results page (back/forward cache): the button works again.
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) {
        button.disabled = false;
        button.removeAttribute("aria-busy");
        say("");
      }
    });
  }

  /* ---------------------------------------------------------------- Commune combobox */

  const MIN_CHARS = 2;
  const DEBOUNCE_MS = 200;
  const LIMIT = 8;

  function setUpCombobox() {
    if (!input || !input.dataset.autocompleteUrl) {
      return;
    }
    let endpoint;
    try {
      endpoint = new URL(input.dataset.autocompleteUrl, window.location.href);
    } catch (error) {
      return;
    }
    if (endpoint.origin !== window.location.origin) {
      return; // Suggestions only ever come from this site.
    }

    const labels = input.dataset;
    const baseId = input.id || "maison-search-q";
    const label = document.querySelector(`label[for="${baseId}"]`);
    if (label && !label.id) {
      label.id = `${baseId}-label`;
    }

    const listbox = document.createElement("ul");
    listbox.id = `${baseId}-listbox`;
    listbox.className = "maison-combobox__listbox";
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

    // The listbox is positioned under the input, inside the input's own wrapper, so that
    // the DSFR layout (e.g. .fr-search-bar's flex row) is left as it is.
    input.parentElement.classList.add("maison-combobox");
    input.insertAdjacentElement("afterend", listbox);
    listbox.insertAdjacentElement("afterend", liveRegion);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off"); // The browser's own history would cover ours.

    let results = []; // the suggestions shown, as the API returned them
    let activeIndex = -1;
    let debounceTimer = null;
    let controller = null; // AbortController of the request in flight
    let requestNumber = 0;
    const cache = new Map(); // query -> results, for the few last queries

    function isOpen() {
      return !listbox.hidden;
    }

    function announce(count) {
      let text;
      if (count === 0) {
        text = labels.labelSuggestionsNone || (labels.labelSuggestions || "").replace("{n}", "0");
      } else if (count === 1 && labels.labelSuggestionsOne) {
        text = labels.labelSuggestionsOne;
      } else {
        text = (labels.labelSuggestions || "").replace("{n}", String(count));
      }
      liveRegion.textContent = text;
    }

    function setActive(index) {
      const options = listbox.querySelectorAll('[role="option"]');
      options.forEach((option, i) => {
        const active = i === index;
        option.classList.toggle("maison-combobox__option--active", active);
        option.setAttribute("aria-selected", active ? "true" : "false");
      });
      activeIndex = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (!results.length) {
        return;
      }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      setActive(-1);
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function render(items) {
      results = items;
      listbox.replaceChildren(
        ...items.map((item, index) => {
          const option = document.createElement("li");
          option.id = `${listbox.id}-option-${index}`;
          option.className = "maison-combobox__option";
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.dataset.index = String(index);
          const name = document.createElement("span");
          name.className = "maison-combobox__name";
          name.textContent = item.label || item.name;
          option.appendChild(name);
          const details = [
            (item.postcodes || []).join(", "),
            item.department_name,
          ].filter(Boolean);
          if (details.length) {
            const hint = document.createElement("span");
            hint.className = "maison-combobox__hint";
            hint.textContent = details.join(" · ");
            option.appendChild(document.createTextNode(" "));
            option.appendChild(hint);
          }
          return option;
        })
      );
      activeIndex = -1;
      input.removeAttribute("aria-activedescendant");
      if (items.length) {
        open();
      } else {
        close();
      }
      announce(items.length);
    }

    function choose(index) {
      const item = results[index];
      if (!item) {
        return;
      }
      input.value = item.label || item.name;
      if (communeInput) {
        communeInput.value = item.insee || "";
      }
      clearPosition();
      close();
      liveRegion.textContent = "";
    }

    function abortPending() {
      window.clearTimeout(debounceTimer);
      if (controller) {
        controller.abort();
        controller = null;
      }
    }

    async function fetchSuggestions(query) {
      if (cache.has(query)) {
        render(cache.get(query));
        return;
      }
      const number = ++requestNumber;
      controller = new AbortController();
      const url = new URL(endpoint);
      url.searchParams.set("q", query);
      url.searchParams.set("limit", String(LIMIT));
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
        const items = Array.isArray(payload.results) ? payload.results.slice(0, LIMIT) : [];
        if (number !== requestNumber || input.value.trim() !== query) {
          return; // A newer query has been typed meanwhile.
        }
        cache.set(query, items);
        if (cache.size > 20) {
          cache.delete(cache.keys().next().value);
        }
        render(items);
      } catch (error) {
        // Aborted (stale) or failed: no suggestions, the plain form still works.
        if (error.name !== "AbortError" && number === requestNumber) {
          results = [];
          close();
        }
      }
    }

    input.addEventListener("input", () => {
      // What was typed no longer designates the chosen commune nor the located position.
      if (communeInput) {
        communeInput.value = "";
      }
      clearPosition();
      abortPending();
      const query = input.value.trim();
      if (query.length < MIN_CHARS) {
        results = [];
        close();
        liveRegion.textContent = "";
        return;
      }
      debounceTimer = window.setTimeout(() => fetchSuggestions(query), DEBOUNCE_MS);
    });

    input.addEventListener("keydown", (event) => {
      const count = results.length;
      switch (event.key) {
        case "ArrowDown":
          if (!count) {
            return;
          }
          event.preventDefault();
          if (!isOpen()) {
            open();
            if (!event.altKey) {
              setActive(0);
            }
          } else {
            setActive((activeIndex + 1) % count);
          }
          break;
        case "ArrowUp":
          if (!count) {
            return;
          }
          event.preventDefault();
          if (!isOpen()) {
            open();
            setActive(count - 1);
          } else {
            setActive(activeIndex <= 0 ? count - 1 : activeIndex - 1);
          }
          break;
        case "Enter":
          if (isOpen() && activeIndex >= 0) {
            event.preventDefault(); // Choose, do not submit yet.
            choose(activeIndex);
          } else {
            close();
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault(); // Keep the text (a search field would clear it).
            close();
          }
          break;
        case "Tab":
          close();
          break;
        case "Home":
        case "End":
        case "ArrowLeft":
        case "ArrowRight":
          setActive(-1); // The caret moves in the text field again.
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", () => close());

    // mousedown would move the focus out of the input (and close the list) before click.
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) {
        choose(Number(option.dataset.index));
        input.focus();
      }
    });

    // Back/forward cache: the list must not reappear open over the restored page.
    window.addEventListener("pageshow", () => close());
  }

  setUpGeolocation();
  setUpCombobox();
})();
