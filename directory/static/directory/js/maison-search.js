/*
 * Maison search form enhancements (progressive: without JavaScript the form is a plain GET
 * form with a text field, and the server geocodes what was typed).
 *
 * 1. "Autour de moi": a button inserted into [data-geolocate-slot] that fills the hidden
 *    lat/lon inputs with the browser's position (rounded to 3 decimals, about 100 m) and
 *    submits the form. Labels: data-label, data-label-locating, data-label-denied,
 *    data-label-unavailable on the slot; messages go to [data-geolocate-status].
 * 2. Commune suggestions on #maison-search-q: the shared combobox (portal/js/combobox.js)
 *    fed by data-autocomplete-url; choosing a commune fills the field and the hidden
 *    commune input, and forgets a located position.
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

  const LIMIT = 8;

  function setUpCombobox() {
    if (!input || !input.dataset.autocompleteUrl || !window.portalCombobox) {
      return;
    }
    window.portalCombobox(input, {
      endpoint: input.dataset.autocompleteUrl,
      listboxId: `${input.id}-listbox`,
      classPrefix: "maison-combobox",
      debounceMs: 200,
      remember: 20,
      params: { limit: String(LIMIT) },
      query: () => input.value.trim(),
      itemsFrom: (payload) =>
        Array.isArray(payload.results) ? payload.results.slice(0, LIMIT) : [],
      fillOption(option, item) {
        const name = document.createElement("span");
        name.className = "maison-combobox__name";
        name.textContent = item.label || item.name;
        option.appendChild(name);
        const details = [(item.postcodes || []).join(", "), item.department_name].filter(Boolean);
        if (details.length) {
          const hint = document.createElement("span");
          hint.className = "maison-combobox__hint";
          hint.textContent = details.join(" · ");
          option.appendChild(document.createTextNode(" "));
          option.appendChild(hint);
        }
      },
      choose(item) {
        input.value = item.label || item.name;
        if (communeInput) {
          communeInput.value = item.insee || "";
        }
        clearPosition();
      },
      // What is typed no longer designates the chosen commune nor the located position.
      onInput() {
        if (communeInput) {
          communeInput.value = "";
        }
        clearPosition();
      },
    });
  }

  setUpGeolocation();
  setUpCombobox();
})();
