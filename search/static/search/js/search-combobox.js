/*
 * Site search suggestions: every <input data-search-suggestions="<endpoint>"> becomes the
 * shared combobox (portal/js/combobox.js), fed by search/autocomplete.py; taking a
 * suggestion opens its page, Escape a second time clears the field.
 */
(function () {
  "use strict";

  function webUrl(address) {
    try {
      const url = new URL(address, window.location.href);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function enhance(input, number) {
    if (!window.portalCombobox) {
      return;
    }
    if (!input.id) {
      input.id = `search-combobox-${number}`;
    }
    const pageLanguage = document.documentElement.lang;
    window.portalCombobox(input, {
      endpoint: input.dataset.searchSuggestions,
      listboxId: `${input.id}-suggestions`,
      classPrefix: "search-combobox",
      debounceMs: 150,
      escapeClears: true,
      query: () => input.value.trim().split(/\s+/).join(" "),
      itemsFrom: (payload) =>
        (Array.isArray(payload.suggestions) ? payload.suggestions : []).filter(
          (item) => item && item.label && webUrl(item.url)
        ),
      fillOption(option, item) {
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
      },
      choose: (item) => window.location.assign(webUrl(item.url)),
    });
  }

  document.querySelectorAll("input[data-search-suggestions]").forEach(enhance);
})();
